import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyDelta, applyEdit, diffText, editToDelta, mapPosition, mapSelection, type Delta } from './text-diff.ts';

describe('diffText', () => {
  it('is null for equal texts', () => {
    expect(diffText('abc', 'abc')).toBeNull();
  });

  it('finds a typed character, a deletion and a replacement', () => {
    expect(diffText('hello', 'hellxo', 5)).toEqual({ index: 4, deleteCount: 0, insert: 'x' });
    expect(diffText('hello', 'hllo', 1)).toEqual({ index: 1, deleteCount: 1, insert: '' });
    expect(diffText('say hi there', 'say hello there', 9)).toEqual({ index: 5, deleteCount: 1, insert: 'ello' });
  });

  it('uses the caret to place an insert inside repeated characters', () => {
    // Typing "a" between the two a's of "aa": without the caret it would look like an append.
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, deleteCount: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, deleteCount: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    // Backspace in the middle of "aaa" with the caret left at 1.
    expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, deleteCount: 1, insert: '' });
  });

  it('replaces a whole selection with a paste', () => {
    expect(diffText('{{ $json.a }}', '{{ $json.name }}', 13)).toEqual({ index: 9, deleteCount: 1, insert: 'name' });
  });

  it('never splits a surrogate pair', () => {
    // 😀 is \ud83d\ude00, 😁 is \ud83d\ude01: they share the high surrogate.
    const edit = diffText('a😀b', 'a😁b', 3)!;
    expect(edit).toEqual({ index: 1, deleteCount: 2, insert: '😁' });
  });

  it('always produces an edit that turns prev into next', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(), (prev, next, c) => {
        const caret = next.length === 0 ? 0 : c % (next.length + 1);
        const edit = diffText(prev, next, caret);
        expect(edit ? applyEdit(prev, edit) : prev).toBe(next);
        const free = diffText(prev, next);
        expect(free ? applyEdit(prev, free) : prev).toBe(next);
      }),
    );
  });

  it('is minimal for a single typed insertion', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.nat(), (text, typed, at) => {
        const index = at % (text.length + 1);
        const next = text.slice(0, index) + typed + text.slice(index);
        const edit = diffText(text, next, index + typed.length)!;
        expect(edit.deleteCount).toBe(0);
        expect(edit.insert.length).toBe(typed.length);
      }),
    );
  });
});

describe('mapPosition / mapSelection', () => {
  it('moves a caret after text inserted before it, not after text inserted at or after it', () => {
    const delta: Delta = [{ retain: 2 }, { insert: 'XY' }];
    expect(mapPosition(delta, 5)).toBe(7);
    expect(mapPosition(delta, 2)).toBe(2);
    expect(mapPosition(delta, 2, 1)).toBe(4);
    expect(mapPosition(delta, 1)).toBe(1);
  });

  it('pulls a caret back over deleted text and clamps it inside a deleted range', () => {
    const delta: Delta = [{ retain: 2 }, { delete: 3 }];
    expect(mapPosition(delta, 8)).toBe(5);
    expect(mapPosition(delta, 3)).toBe(2);
    expect(mapPosition(delta, 2)).toBe(2);
  });

  it('keeps a selection on the same characters', () => {
    const text = 'hello brave world';
    const selection = { start: 6, end: 11, direction: 'forward' as const }; // "brave"
    const delta: Delta = [{ insert: '>> ' }, { retain: 12 }, { delete: 5 }, { insert: 'there' }];
    const next = applyDelta(text, delta);
    const mapped = mapSelection(delta, selection);
    expect(next).toBe('>> hello brave there');
    expect(next.slice(mapped.start, mapped.end)).toBe('brave');
    expect(mapped.direction).toBe('forward');
  });

  it('follows the deltas Y.Text reports for a peer’s edits', () => {
    const local = new Y.Doc();
    const remote = new Y.Doc();
    local.getText('t').insert(0, 'Summarise {{ $json.title }} briefly');
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
    // Our caret sits just after "title".
    let caret = 'Summarise {{ $json.title'.length;
    let seen = local.getText('t').toString();
    local.getText('t').observe((event) => {
      const delta = event.delta as Delta;
      expect(applyDelta(seen, delta)).toBe(local.getText('t').toString());
      caret = mapPosition(delta, caret);
      seen = local.getText('t').toString();
    });
    remote.transact(() => {
      remote.getText('t').insert(0, 'Please ');
      remote.getText('t').delete('Please Summarise {{ $json.title }} '.length, 'briefly'.length);
      remote.getText('t').insert('Please Summarise {{ $json.title }} '.length, 'in one line');
    });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
    expect(seen).toBe('Please Summarise {{ $json.title }} in one line');
    expect(seen.slice(0, caret)).toBe('Please Summarise {{ $json.title');
  });

  it('maps through an edit converted to a delta like through the text itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(), (prev, next, p) => {
        const edit = diffText(prev, next);
        if (!edit) return;
        const delta = editToDelta(edit);
        expect(applyDelta(prev, delta)).toBe(next);
        const pos = p % (prev.length + 1);
        const mapped = mapPosition(delta, pos);
        expect(mapped).toBeGreaterThanOrEqual(0);
        expect(mapped).toBeLessThanOrEqual(next.length);
        // Text before an untouched position is preserved.
        if (pos <= edit.index) expect(next.slice(0, mapped)).toBe(prev.slice(0, pos));
        if (pos > edit.index + edit.deleteCount || (pos === edit.index + edit.deleteCount && !edit.insert)) expect(next.slice(mapped)).toBe(prev.slice(pos));
      }),
    );
  });
});
