import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, parseDefinition, upgradeDefinition } from './definition.ts';

const minimal = {
  schemaVersion: 1,
  nodes: [{ id: 'a', type: 'core.manualTrigger', name: 'Start' }],
  edges: [],
};

describe('parseDefinition', () => {
  it('fills defaults for settings, params, position and ports', () => {
    const result = parseDefinition({
      ...minimal,
      nodes: [...minimal.nodes, { id: 'b', type: 'core.noOp', name: 'B' }],
      edges: [{ id: 'e1', source: 'a', target: 'b' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const b = result.definition.nodes[1];
    expect(b).toMatchObject({
      typeVersion: 1,
      position: { x: 0, y: 0 },
      params: {},
      settings: { retries: 0, backoff: { kind: 'exponential', baseMs: 1000, maxMs: 60000 }, onError: 'stop', disabled: false },
    });
    expect(result.definition.edges[0]).toEqual({ id: 'e1', source: 'a', sourceOutput: 'main', target: 'b', targetInput: 'main' });
  });

  it('reports invalid fields with their paths and node ids', () => {
    const result = parseDefinition({
      schemaVersion: 1,
      nodes: [{ id: 'a', type: 'core.noOp', name: 'A', settings: { retries: 11, onError: 'explode' } }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.path, e.nodeId])).toEqual([
      ['INVALID_DEFINITION', 'nodes.0.settings.retries', 'a'],
      ['INVALID_DEFINITION', 'nodes.0.settings.onError', 'a'],
    ]);
  });

  it('rejects duplicate node ids and names', () => {
    const result = parseDefinition({
      schemaVersion: 1,
      nodes: [
        { id: 'a', type: 't', name: 'X' },
        { id: 'a', type: 't', name: 'Y' },
        { id: 'b', type: 't', name: 'X' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([
      ['DUPLICATE_NODE_ID', 'nodes.1.id'],
      ['DUPLICATE_NODE_NAME', 'nodes.2.name'],
    ]);
  });

  it('rejects a schema version from the future', () => {
    const result = parseDefinition({ ...minimal, schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'UNSUPPORTED_SCHEMA_VERSION', path: 'schemaVersion' }] });
  });

  it('never throws on junk', () => {
    for (const junk of [null, 1, 'x', [], {}, { nodes: 'no' }, { schemaVersion: 'one' }, { schemaVersion: -1 }]) {
      expect(parseDefinition(junk).ok).toBe(false);
    }
  });
});

describe('upgrading version 0 exports', () => {
  const v0 = {
    name: 'Legacy',
    nodes: [
      { id: 'a', type: 'core.manualTrigger', name: 'Start', position: [10, 20], parameters: {} },
      {
        id: 'b',
        type: 'core.httpRequest',
        version: 1,
        name: 'Fetch',
        position: [200, 20],
        parameters: { url: 'https://example.com' },
        retryOnFail: true,
        maxTries: 3,
        waitBetweenTries: 500,
        continueOnFail: true,
        disabled: true,
      },
    ],
    connections: [{ source: 'a', sourceHandle: 'main', target: 'b', targetHandle: 'main' }],
  };

  it('maps the old fields onto the current schema', () => {
    const result = parseDefinition(v0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.upgradedFrom).toBe(0);
    const [a, b] = result.definition.nodes;
    expect(a?.position).toEqual({ x: 10, y: 20 });
    expect(b).toMatchObject({
      typeVersion: 1,
      params: { url: 'https://example.com' },
      settings: { retries: 2, backoff: { kind: 'fixed', baseMs: 500 }, onError: 'continue', disabled: true },
    });
    expect(result.definition.edges).toEqual([
      { id: 'a:main->b:main', source: 'a', sourceOutput: 'main', target: 'b', targetInput: 'main' },
    ]);
  });

  it('leaves current documents untouched', () => {
    const upgraded = upgradeDefinition(minimal);
    expect(upgraded).toEqual({ ok: true, doc: minimal, from: 1 });
  });
});
