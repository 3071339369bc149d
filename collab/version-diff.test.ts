import { describe, expect, it } from 'vitest';
import { definition } from './testing.ts';
import { diffDefinitions, sameDefinition } from './version-diff.ts';

const v1 = definition({
  nodes: [
    { id: 'a', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 } },
    { id: 'b', type: 'core.httpRequest', name: 'Fetch', position: { x: 200, y: 0 }, params: { url: 'https://a.example', options: { timeout: 5, redirect: true } } },
    { id: 'c', type: 'core.noOp', name: 'End', position: { x: 400, y: 0 } },
    { id: 'd', type: 'core.noOp', name: 'Old', position: { x: 400, y: 200 } },
  ],
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', target: 'c' },
    { id: 'bd', source: 'b', target: 'd' },
  ],
});

const v2 = definition({
  nodes: [
    { id: 'a', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 } },
    { id: 'b', type: 'core.httpRequest', name: 'Fetch it', position: { x: 200, y: 0 }, params: { url: 'https://b.example', options: { timeout: 9, redirect: true }, method: 'POST' }, settings: { retries: 3 } },
    { id: 'c', type: 'core.noOp', name: 'End', position: { x: 500, y: 50 } },
    { id: 'e', type: 'core.set', name: 'New', position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', sourceOutput: 'main', target: 'e' },
    { id: 'ce', source: 'c', target: 'e' },
  ],
});

describe('diffDefinitions', () => {
  it('reports nodes, edges and params added, removed and changed, as paintable data', () => {
    const diff = diffDefinitions(v1, v2);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['e']);
    expect(diff.nodes.removed.map((n) => n.id)).toEqual(['d']);
    expect(diff.nodes.changed).toEqual([
      {
        id: 'b',
        name: 'Fetch it',
        type: 'core.httpRequest',
        movedOnly: false,
        fields: [
          { path: 'name', kind: 'changed', before: 'Fetch', after: 'Fetch it' },
          { path: 'settings.retries', kind: 'changed', before: 0, after: 3 },
          { path: 'params.method', kind: 'added', after: 'POST' },
          { path: 'params.options.timeout', kind: 'changed', before: 5, after: 9 },
          { path: 'params.url', kind: 'changed', before: 'https://a.example', after: 'https://b.example' },
        ],
      },
      { id: 'c', name: 'End', type: 'core.noOp', movedOnly: true, fields: [{ path: 'position', kind: 'changed', before: { x: 400, y: 0 }, after: { x: 500, y: 50 } }] },
    ]);
    expect(diff.edges.added.map((e) => e.id)).toEqual(['ce']);
    expect(diff.edges.removed.map((e) => e.id)).toEqual(['bd']);
    expect(diff.edges.changed).toEqual([{ id: 'bc', fields: [{ path: 'target', kind: 'changed', before: 'c', after: 'e' }] }]);
    expect(diff.summary).toEqual({ added: 2, removed: 2, changed: 2, moved: 1, unchanged: 1 });
  });

  it('is empty between equal definitions, and symmetric in what it counts', () => {
    expect(sameDefinition(v1, structuredClone(v1))).toBe(true);
    const back = diffDefinitions(v2, v1);
    expect(back.nodes.added.map((n) => n.id)).toEqual(['d']);
    expect(back.nodes.removed.map((n) => n.id)).toEqual(['e']);
    expect(back.nodes.changed.find((c) => c.id === 'b')!.fields.find((f) => f.path === 'params.method')).toEqual({ path: 'params.method', kind: 'removed', before: 'POST' });
  });
});
