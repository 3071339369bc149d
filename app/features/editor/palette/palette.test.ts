import { describe, expect, it } from 'vitest';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import { freeSpot, newNodeOf } from './new-node.ts';
import { groupNodeTypes } from './palette-groups.ts';

function type(partial: Partial<NodeTypeDescription> & Pick<NodeTypeDescription, 'type' | 'displayName' | 'category'>): NodeTypeDescription {
  return {
    version: 1,
    description: '',
    docs: '',
    icon: '•',
    inputs: [{ name: 'main' }],
    outputs: [{ name: 'main' }],
    dynamicInputs: false,
    dynamicOutputs: false,
    credentials: [],
    rawParams: [],
    runsPerItem: true,
    isTrigger: partial.category === 'trigger',
    paramsJsonSchema: {},
    ...partial,
  };
}

const catalog = [
  type({ type: 'core.httpRequest', displayName: 'HTTP Request', category: 'core', description: 'Call any REST API' }),
  type({ type: 'core.webhookTrigger', displayName: 'Webhook', category: 'trigger', description: 'Starts on an HTTP call' }),
  type({ type: 'core.noOp', displayName: 'No Operation', category: 'utility' }),
  type({ type: 'core.if', displayName: 'If', category: 'flow', description: 'Route items by a condition' }),
  type({ type: 'core.if', version: 2, displayName: 'If (v2)', category: 'flow' }),
];

describe('groupNodeTypes', () => {
  it('groups by category with triggers first and only the latest version of a type', () => {
    const groups = groupNodeTypes(catalog, '');
    expect(groups.map((g) => g.category)).toEqual(['trigger', 'core', 'flow', 'utility']);
    expect(groups.find((g) => g.category === 'flow')!.items.map((t) => t.displayName)).toEqual(['If (v2)']);
  });

  it('matches every word against name, description and category', () => {
    expect(groupNodeTypes(catalog, 'http').flatMap((g) => g.items.map((t) => t.type))).toEqual(['core.webhookTrigger', 'core.httpRequest']);
    expect(groupNodeTypes(catalog, 'rest api').flatMap((g) => g.items.map((t) => t.type))).toEqual(['core.httpRequest']);
    expect(groupNodeTypes(catalog, 'trigger').flatMap((g) => g.items.map((t) => t.type))).toEqual(['core.webhookTrigger']);
    expect(groupNodeTypes(catalog, 'nothing like this')).toEqual([]);
  });
});

describe('newNodeOf', () => {
  it('takes the type version, a free name and the schema defaults', () => {
    const http = type({
      type: 'core.httpRequest',
      displayName: 'HTTP Request',
      category: 'core',
      version: 3,
      paramsJsonSchema: { properties: { method: { default: 'GET' }, url: { type: 'string' } } },
    });
    const node = newNodeOf(http, new Set(['HTTP Request']), { x: 10.4, y: 20.6 }, 'id-1');
    expect(node).toEqual({ id: 'id-1', type: 'core.httpRequest', typeVersion: 3, name: 'HTTP Request 2', position: { x: 10, y: 21 }, params: { method: 'GET' } });
  });

  it('gives every new node a fresh id by default', () => {
    const noOp = catalog[2]!;
    expect(newNodeOf(noOp, new Set(), { x: 0, y: 0 }).id).not.toBe(newNodeOf(noOp, new Set(), { x: 0, y: 0 }).id);
  });
});

describe('freeSpot', () => {
  it('keeps a free spot and moves below any card it would overlap', () => {
    expect(freeSpot({ x: 0, y: 0 }, [])).toEqual({ x: 0, y: 0 });
    expect(freeSpot({ x: 0, y: 0 }, [{ x: 500, y: 0 }])).toEqual({ x: 0, y: 0 });
    expect(freeSpot({ x: 0, y: 0 }, [{ x: 100, y: 30 }])).toEqual({ x: 0, y: 176 });
    expect(freeSpot({ x: 0, y: 0 }, [{ x: 100, y: 30 }, { x: -50, y: 150 }])).toEqual({ x: 0, y: 264 });
  });
});
