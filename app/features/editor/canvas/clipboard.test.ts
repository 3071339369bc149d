import { describe, expect, it } from 'vitest';
import { definition } from '../../../../collab/testing.ts';
import { CLIPBOARD_TYPE, copySelection, parseClipboard, preparePaste, serializeClipboard } from './clipboard.ts';
import { renameReferences } from '../../../../collab/ops/node-references.ts';

const source = definition({
  nodes: [
    { id: 'a', type: 'core.manualTrigger', name: 'Start', position: { x: 100, y: 100 } },
    { id: 'b', type: 'core.httpRequest', name: 'Fetch', position: { x: 400, y: 150 }, params: { url: 'https://x.test' } },
    { id: 'c', type: 'core.set', name: 'Shape', position: { x: 700, y: 100 }, params: { fields: [{ name: 'id', value: '{{ $node["Fetch"].json.id }}' }] } },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'b' },
    { id: 'e2', source: 'b', target: 'c' },
  ],
});

function counter() {
  let n = 0;
  return () => `new-${++n}`;
}

describe('copy', () => {
  it('takes the selected nodes and only the edges between them', () => {
    const payload = copySelection(source, ['b', 'c'])!;
    expect(payload.type).toBe(CLIPBOARD_TYPE);
    expect(payload.nodes.map((n) => n.id)).toEqual(['b', 'c']);
    expect(payload.edges.map((e) => e.id)).toEqual(['e2']);
    expect(copySelection(source, [])).toBeNull();
  });

  it('round-trips through clipboard text', () => {
    const payload = copySelection(source, ['a', 'b'])!;
    expect(parseClipboard(serializeClipboard(payload))).toEqual(payload);
  });
});

describe('parseClipboard', () => {
  it('accepts an exported workflow definition', () => {
    const parsed = parseClipboard(JSON.stringify(source));
    expect(parsed?.nodes).toHaveLength(3);
    expect(parsed?.edges).toHaveLength(2);
  });

  it('rejects plain text, broken JSON and foreign JSON', () => {
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"type":')).toBeNull();
    expect(parseClipboard('{"nodes":[{"id":"x","type":"t","name":"n"}]}')).toBeNull();
    expect(parseClipboard(JSON.stringify({ type: CLIPBOARD_TYPE, nodes: [{ id: 'x' }] }))).toBeNull();
    expect(parseClipboard(JSON.stringify({ type: CLIPBOARD_TYPE, nodes: [] }))).toBeNull();
  });
});

describe('preparePaste', () => {
  it('gives new ids, keeps inner edges re-pointed, and frees taken names', () => {
    const payload = copySelection(source, ['a', 'b', 'c'])!;
    const pasted = preparePaste(payload, { takenNames: ['Start', 'Fetch', 'Shape'], newId: counter() });
    expect(pasted.nodes.map((n) => [n.id, n.name])).toEqual([
      ['new-1', 'Start 2'],
      ['new-2', 'Fetch 2'],
      ['new-3', 'Shape 2'],
    ]);
    expect(pasted.edges).toEqual([
      { id: 'new-4', source: 'new-1', sourceOutput: 'main', target: 'new-2', targetInput: 'main' },
      { id: 'new-5', source: 'new-2', sourceOutput: 'main', target: 'new-3', targetInput: 'main' },
    ]);
  });

  it('keeps names that are free (pasting into another workflow)', () => {
    const pasted = preparePaste(copySelection(source, ['b'])!, { takenNames: ['Other'], newId: counter() });
    expect(pasted.nodes[0]!.name).toBe('Fetch');
  });

  it('moves the group so its top-left lands at the pointer, keeping relative layout', () => {
    const pasted = preparePaste(copySelection(source, ['a', 'b'])!, { takenNames: [], at: { x: 1000, y: 2000 }, newId: counter() });
    expect(pasted.nodes.map((n) => n.position)).toEqual([
      { x: 1000, y: 2000 },
      { x: 1300, y: 2050 },
    ]);
  });

  it('offsets copies from the originals without a target point', () => {
    const pasted = preparePaste(copySelection(source, ['a'])!, { takenNames: ['Start'], newId: counter() });
    expect(pasted.nodes[0]!.position).toEqual({ x: 140, y: 140 });
  });

  it('updates expressions that name a copy that was renamed', () => {
    const pasted = preparePaste(copySelection(source, ['b', 'c'])!, { takenNames: ['Fetch', 'Shape'], newId: counter() });
    const shape = pasted.nodes.find((n) => n.name === 'Shape 2')!;
    expect(shape.params).toEqual({ fields: [{ name: 'id', value: '{{ $node["Fetch 2"].json.id }}' }] });
  });

  it('does not mutate the payload', () => {
    const payload = copySelection(source, ['b', 'c'])!;
    const snapshot = structuredClone(payload);
    preparePaste(payload, { takenNames: ['Fetch', 'Shape'], at: { x: 0, y: 0 }, newId: counter() });
    expect(payload).toEqual(snapshot);
  });
});

describe('renameReferences', () => {
  it('renames all at once, so a chain of renames does not cascade', () => {
    const renames = new Map([
      ['A', 'A 2'],
      ['A 2', 'A 3'],
    ]);
    expect(renameReferences(`{{ $node["A"].json.x + $node['A 2'].json.y + $node["B"].json.z }}`, renames)).toBe(
      `{{ $node["A 2"].json.x + $node['A 3'].json.y + $node["B"].json.z }}`,
    );
  });
});
