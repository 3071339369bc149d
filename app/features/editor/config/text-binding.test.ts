import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, createUndoManager, editParamText, getParam, paramText, setParam } from '../../../../collab/index.ts';
import { yParamBinding } from './text-binding.ts';
import { applyDelta, mapPosition, type Delta } from './text-diff.ts';

/** Two replicas of one workflow document, kept in sync like two browsers through the server. */
function replicas() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(b, update, 'sync'));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(a, update, 'sync'));
  addNode(a, { id: 'ai', type: 'ai.chat', name: 'Summarise', params: { prompt: 'Summarise the text' } });
  return { a, b };
}

describe('yParamBinding', () => {
  it('types into the shared Y.Text in place and hears peers’ edits as deltas', () => {
    const { a, b } = replicas();
    const origin = { editor: 'me' };
    const binding = yParamBinding(a, 'ai', 'prompt', origin);
    const heard: (Delta | null)[] = [];
    let shown = binding.get();
    binding.subscribe((delta) => {
      heard.push(delta);
      shown = delta ? applyDelta(shown, delta) : binding.get();
    });
    const text = paramText(a, 'ai', 'prompt');

    binding.apply({ index: 'Summarise the text'.length, deleteCount: 0, insert: ' briefly' });
    shown = 'Summarise the text briefly';
    expect(paramText(a, 'ai', 'prompt')).toBe(text); // edited in place, not replaced
    expect(heard).toEqual([]); // our own keystrokes are already on screen

    editParamText(b, 'ai', 'prompt', { index: 0, insert: 'Please ' }, { editor: 'peer' });
    expect(heard).toHaveLength(1);
    expect(heard[0]).not.toBeNull();
    expect(shown).toBe('Please Summarise the text briefly');
    expect(getParam(b, 'ai', 'prompt')).toBe('Please Summarise the text briefly');
  });

  it('merges two people typing in one prompt at once, keeping each caret on its words', () => {
    const { a, b } = replicas();
    const mine = yParamBinding(a, 'ai', 'prompt', { editor: 'a' });
    let caret = 'Summarise'.length; // my caret, just after "Summarise"
    mine.subscribe((delta) => {
      if (delta) caret = mapPosition(delta, caret);
    });
    // The peer's edit travels while I type: both apply.
    b.transact(() => paramText(b, 'ai', 'prompt')!.insert(0, '>> '), { editor: 'b' });
    mine.apply({ index: caret, deleteCount: 0, insert: ' quickly' });
    caret += ' quickly'.length;
    const final = getParam(a, 'ai', 'prompt') as string;
    expect(final).toBe('>> Summarise quickly the text');
    expect(getParam(b, 'ai', 'prompt')).toBe(final);
    expect(final.slice(0, caret)).toBe('>> Summarise quickly');
  });

  it('reports a replaced value (a peer picks a whole new text) as "re-read"', () => {
    const { a, b } = replicas();
    const binding = yParamBinding(a, 'ai', 'prompt', { editor: 'a' });
    const heard: (Delta | null)[] = [];
    binding.subscribe((delta) => heard.push(delta));
    setParam(b, 'ai', 'prompt', 'Something else', { editor: 'b' });
    expect(heard).toEqual([null]);
    expect(binding.get()).toBe('Something else');
    // Edits after the replacement land on the new text.
    editParamText(b, 'ai', 'prompt', { index: 0, insert: '!' }, { editor: 'b' });
    expect(heard).toHaveLength(2);
    expect(binding.get()).toBe('!Something else');
  });

  it('turns a param that is not text yet into text, keeping what was shown', () => {
    const { a } = replicas();
    setParam(a, 'ai', 'model', 5);
    const binding = yParamBinding(a, 'ai', 'model', { editor: 'a' });
    expect(binding.get()).toBe('5');
    binding.apply({ index: 1, deleteCount: 0, insert: '6' });
    expect(getParam(a, 'ai', 'model')).toBe('56');
    const missing = yParamBinding(a, 'ai', 'systemPrompt', { editor: 'a' });
    expect(missing.get()).toBe('');
    missing.apply({ index: 0, deleteCount: 0, insert: 'Be brief' });
    expect(paramText(a, 'ai', 'systemPrompt')?.toString()).toBe('Be brief');
  });

  it('plays this user’s undo back as a change from elsewhere', () => {
    const { a } = replicas();
    const origin = { editor: 'a' };
    const undo = createUndoManager(a, origin);
    const binding = yParamBinding(a, 'ai', 'prompt', origin);
    let shown = binding.get();
    binding.subscribe((delta) => (shown = delta ? applyDelta(shown, delta) : binding.get()));
    binding.apply({ index: 0, deleteCount: 'Summarise'.length, insert: 'Explain' });
    shown = binding.get();
    undo.stopCapturing();
    undo.undo();
    expect(shown).toBe('Summarise the text');
  });
});
