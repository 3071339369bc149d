import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, NodeDefinitionError } from './node-api.ts';
import { coreNodes } from './nodes/index.ts';
import { createDefaultRegistry, NodeRegistry, RegistryError } from './registry.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('NodeRegistry', () => {
  it('holds every core node, each with docs, ports and a JSON Schema of its params', () => {
    const list = createDefaultRegistry().list();
    expect(list.map((t) => t.type).sort()).toEqual(coreNodes.map((n) => n.type).sort());
    for (const t of list) {
      expect(t.docs.length).toBeGreaterThan(20);
      expect(t.displayName).not.toBe('');
      expect(t.icon).not.toBe('');
      expect(t.paramsJsonSchema).toMatchObject({ type: 'object' });
    }
    const http = list.find((t) => t.type === 'core.httpRequest');
    expect(http?.paramsJsonSchema).toMatchObject({ properties: { url: { type: 'string', description: 'Request URL' } }, required: ['url'] });
    expect(http?.credentials.map((c) => c.kind)).toContain('oauth2ClientCredentials');
    expect(list.find((t) => t.type === 'core.switch')).toMatchObject({ dynamicOutputs: true, outputs: [] });
    expect(list.find((t) => t.type === 'core.merge')).toMatchObject({
      dynamicInputs: true,
      inputs: [{ name: 'input1' }, { name: 'input2' }],
    });
    expect(list.filter((t) => t.isTrigger).map((t) => t.type).sort()).toEqual([
      'core.manualTrigger',
      'core.rssFeedTrigger',
      'core.scheduleTrigger',
      'core.webhookTrigger',
      'outreach.eventTrigger',
    ]);
  });

  it('returns the latest version unless one is asked for', () => {
    const registry = new NodeRegistry();
    const make = (version: number) =>
      defineNode({
        type: 'x.thing',
        version,
        displayName: 'Thing',
        description: '',
        docs: '',
        category: 'utility',
        icon: 'x',
        inputs: [],
        outputs: [{ name: 'main' }],
        params: z.object({}),
        run: () => [],
      });
    registry.register([make(1), make(3), make(2)]);
    expect(registry.get('x.thing')?.version).toBe(3);
    expect(registry.get('x.thing', 2)?.version).toBe(2);
    expect(registry.get('x.thing', 4)).toBeUndefined();
    expect(() => registry.register(make(2))).toThrow(RegistryError);
  });

  it('loads plugin modules from a folder and reports the bad ones', async () => {
    const registry = createDefaultRegistry();
    const result = await registry.loadFromFolder(path.join(here, 'testing/fixtures/plugins'));
    expect(result.loaded).toEqual([
      { type: 'acme.echo', version: 1, file: 'echo-node.ts' },
      { type: 'acme.echo', version: 2, file: 'echo-node.ts' },
    ]);
    expect(result.errors).toMatchObject([{ file: 'not-a-node.ts', code: 'INVALID_NODE_MODULE' }]);
    expect(registry.get('acme.echo')?.version).toBe(2);
    expect(registry.list().some((t) => t.type === 'acme.echo')).toBe(true);
  });
});

describe('defineNode', () => {
  const base = {
    version: 1,
    displayName: 'X',
    description: '',
    docs: '',
    category: 'utility' as const,
    icon: 'x',
    inputs: [],
    params: z.object({}),
    run: () => [],
  };

  it('fills defaults', () => {
    const def = defineNode({ ...base, type: 'a.b', outputs: [{ name: 'main' }] });
    expect(def).toMatchObject({ runsPerItem: true, isTrigger: false, rawParams: [], credentials: [] });
  });

  it('rejects bad declarations', () => {
    expect(() => defineNode({ ...base, type: 'bad type', outputs: [] })).toThrow(NodeDefinitionError);
    expect(() => defineNode({ ...base, type: 'a.b', outputs: [{ name: 'error' }] })).toThrow(/reserved/);
    expect(() => defineNode({ ...base, type: 'a.b', outputs: [{ name: 'x' }, { name: 'x' }] })).toThrow(/duplicate/);
    expect(() => defineNode({ ...base, type: 'a.b', version: 0, outputs: [] })).toThrow(/version/);
  });
});
