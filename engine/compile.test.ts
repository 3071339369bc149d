import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compile, type CompileError } from './compile.ts';
import { defineNode } from './node-api.ts';
import { createDefaultRegistry, NodeRegistry } from './registry.ts';
import { workflow } from './testing/workflow-builder.ts';

const registry = createDefaultRegistry();

function errorsOf(def: unknown, options?: Parameters<typeof compile>[2]): CompileError[] {
  const result = compile(def, registry, options);
  return result.ok ? [] : result.errors;
}

function codes(def: unknown, options?: Parameters<typeof compile>[2]): string[] {
  return errorsOf(def, options).map((e) => e.code);
}

describe('compile: accepted workflows', () => {
  it('builds levels, wiring and resolved types for a diamond', () => {
    const result = compile(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['a', 'core.noOp'],
          ['b', 'core.noOp'],
          ['m', 'core.merge'],
        ],
        ['t -> a', 't -> b', 'a -> m.input1', 'b -> m.input2'],
      ),
      registry,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { dag } = result;
    expect(dag.levels).toEqual([['t'], ['a', 'b'], ['m']]);
    expect(dag.nodes.map((n) => n.id)).toEqual(['t', 'a', 'b', 'm']);
    const m = dag.byId.get('m');
    expect(m?.definition.type).toBe('core.merge');
    expect(m?.inputs.map((p) => p.name)).toEqual(['input1', 'input2']);
    expect(m?.incoming.map((w) => `${w.source}->${w.targetInput}`)).toEqual(['a->input1', 'b->input2']);
    expect(dag.byId.get('t')?.downstream).toEqual([1, 2]);
    expect(dag.triggers).toEqual(['t']);
  });

  it('parses params once when they hold no expressions, and defers when they do', () => {
    const result = compile(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['w', 'core.wait', { amount: 5, unit: 'seconds' }],
          ['x', 'core.wait', { amount: '{{ $json.n }}' }],
        ],
        ['t -> w', 'w -> x'],
      ),
      registry,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dag.byId.get('w')).toMatchObject({ hasExpressions: false, staticParams: { mode: 'duration', amount: 5, unit: 'seconds' } });
    expect(result.dag.byId.get('x')).toMatchObject({ hasExpressions: true, staticParams: undefined });
  });

  it('adds the error output only when onError is error-output', () => {
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['h', 'core.httpRequest', { url: 'https://example.com' }, { onError: 'error-output' }],
        ['n', 'core.noOp'],
      ],
      ['t -> h', 'h.error -> n'],
    );
    expect(codes(def)).toEqual([]);
    const without = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['h', 'core.httpRequest', { url: 'https://example.com' }],
        ['n', 'core.noOp'],
      ],
      ['t -> h', 'h.error -> n'],
    );
    expect(errorsOf(without)).toMatchObject([{ code: 'UNKNOWN_PORT', field: 'sourceOutput', edgeId: 'h.error->n.main' }]);
  });

  it('derives Switch outputs from its rules', () => {
    const rule = { conditions: [{ left: '{{ $json.x }}', operator: 'equals', right: 1 }] };
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['s', 'core.switch', { rules: [rule, rule], fallback: 'output' }],
        ['a', 'core.noOp'],
        ['b', 'core.noOp'],
        ['c', 'core.noOp'],
      ],
      ['t -> s', 's.0 -> a', 's.1 -> b', 's.fallback -> c'],
    );
    expect(codes(def)).toEqual([]);
    expect(codes({ ...def, edges: [...(def.edges ?? []), { id: 'x', source: 's', sourceOutput: '2', target: 'a' }] })).toEqual(['UNKNOWN_PORT']);
  });
});

describe('compile: errors', () => {
  it('reports every problem at once, each pointing at node, edge and field', () => {
    const def = {
      schemaVersion: 1,
      nodes: [
        { id: 't', type: 'core.manualTrigger', name: 'T' },
        { id: 'u', type: 'nope.missing', name: 'U' },
        { id: 'h', type: 'core.httpRequest', name: 'H', params: { url: 'ftp://x', method: 'FETCH' } },
        { id: 'lonely', type: 'core.noOp', name: 'Lonely' },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'h' },
        { id: 'e2', source: 't', target: 'ghost' },
        { id: 'e3', source: 't', target: 'h' },
        { id: 'e4', source: 't', sourceOutput: 'nope', target: 'u' },
        { id: 'e1', source: 't', target: 'u' },
      ],
    };
    const errors = errorsOf(def);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'u', field: 'type' }),
        expect.objectContaining({ code: 'INVALID_PARAMS', nodeId: 'h', field: 'params.url' }),
        expect.objectContaining({ code: 'INVALID_PARAMS', nodeId: 'h', field: 'params.method' }),
        expect.objectContaining({ code: 'DANGLING_EDGE', edgeId: 'e2', field: 'target' }),
        expect.objectContaining({ code: 'DUPLICATE_EDGE', edgeId: 'e3' }),
        expect.objectContaining({ code: 'UNKNOWN_PORT', edgeId: 'e4', field: 'sourceOutput' }),
        expect.objectContaining({ code: 'DUPLICATE_EDGE', edgeId: 'e1', field: 'id' }),
        expect.objectContaining({ code: 'UNREACHABLE_NODE', nodeId: 'lonely' }),
      ]),
    );
    expect(errors).toHaveLength(8);
  });

  it('reports an unknown version of a known type on typeVersion', () => {
    const def = workflow([['t', 'core.manualTrigger']]);
    (def.nodes[0] as { typeVersion?: number }).typeVersion = 9;
    expect(errorsOf(def)).toMatchObject([{ code: 'UNKNOWN_NODE_TYPE', field: 'typeVersion' }, { code: 'NO_TRIGGER' }]);
  });

  it('reports duplicate ids and names and keeps analysing', () => {
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['a', 'core.noOp'],
        ['a', 'core.noOp'],
      ],
      ['t -> a', 'a -> ghost'],
    );
    expect(codes(def)).toEqual(['DUPLICATE_NODE_ID', 'DUPLICATE_NODE_NAME', 'DANGLING_EDGE']);
  });

  it('lists the nodes of every cycle', () => {
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['a', 'core.noOp'],
        ['b', 'core.noOp'],
        ['c', 'core.noOp'],
        ['d', 'core.noOp'],
      ],
      ['t -> a', 'a -> b', 'b -> a', 't -> c', 'c -> d', 'd -> d'],
    );
    const cycles = errorsOf(def).filter((e) => e.code === 'CYCLE');
    expect(cycles.map((c) => [...(c.nodeIds ?? [])].sort())).toEqual(expect.arrayContaining([['a', 'b'], ['d']]));
    expect(cycles).toHaveLength(2);
  });

  it('needs an enabled trigger; the single-trigger policy rejects extra triggers', () => {
    expect(codes(workflow([['a', 'core.noOp']]))).toEqual(['NO_TRIGGER']);
    expect(codes(workflow([['t', 'core.manualTrigger', {}, { disabled: true }]]))).toEqual(['NO_TRIGGER']);
    const two = workflow(
      [
        ['t1', 'core.manualTrigger'],
        ['t2', 'core.scheduleTrigger', { cron: '*/5 * * * *' }],
        ['a', 'core.noOp'],
      ],
      ['t1 -> a', 't2 -> a'],
    );
    expect(codes(two)).toEqual([]);
    expect(errorsOf(two, { triggerPolicy: 'single' })).toMatchObject([{ code: 'MULTIPLE_TRIGGERS', nodeId: 't2' }]);
  });

  it('rejects edges into a trigger', () => {
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['a', 'core.noOp'],
      ],
      ['t -> a', 'a -> t'],
    );
    expect(codes(def)).toEqual(expect.arrayContaining(['UNKNOWN_PORT', 'CYCLE']));
  });

  it('passes structural errors through with paths', () => {
    expect(errorsOf({ schemaVersion: 1, nodes: [{ id: 'a', type: 'x', name: '' }] })).toMatchObject([
      { code: 'INVALID_DEFINITION', nodeId: 'a', field: 'nodes.0.name' },
    ]);
    expect(codes('nonsense')).toEqual(['INVALID_DEFINITION']);
  });
});

describe('compile: params and expressions', () => {
  const numbers = defineNode({
    type: 'test.numbers',
    version: 1,
    displayName: 'Numbers',
    description: '',
    docs: '',
    category: 'utility',
    icon: 'n',
    inputs: [{ name: 'main' }],
    outputs: [{ name: 'main' }],
    params: z.object({
      count: z.number().int().min(1),
      url: z.url(),
      nested: z.object({ flag: z.boolean() }).optional(),
      list: z.array(z.number()).default([]),
      source: z.string().max(5).optional(),
    }),
    rawParams: ['source'],
    run: () => [],
  });
  const reg = createDefaultRegistry().register(numbers);
  const compileWith = (params: Record<string, unknown>) =>
    compile(workflow([['t', 'core.manualTrigger'], ['n', 'test.numbers', params]], ['t -> n']), reg);

  it('accepts expressions where numbers, URLs, booleans and whole lists are expected', () => {
    expect(compileWith({ count: '{{ $json.n }}', url: 'https://x.test/{{ $json.id }}', nested: { flag: '{{ true }}' }, list: '{{ [1] }}' }).ok).toBe(
      true,
    );
  });

  it('still validates what is static next to expressions', () => {
    const result = compileWith({ count: 0, url: '{{ $json.u }}', list: ['{{ 1 }}', 'two'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['params.count', 'params.list.1']);
  });

  it('reports expressions that cannot parse or use forbidden constructs', () => {
    const result = compileWith({ count: '{{ $json.( }}', url: 'https://x.test/{{ process.exit() }}', source: '{{ ignored( }}' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_PARAMS', 'params.source'],
      ['INVALID_PARAMS', 'params.count'],
      ['INVALID_PARAMS', 'params.url'],
    ]);
    expect(result.errors[1]?.message).toMatch(/params\.count/);
  });

  it('reports missing required params', () => {
    const result = compileWith({ url: 'https://x.test' });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'INVALID_PARAMS', field: 'params.count', nodeId: 'n' }] });
  });

  it('treats raw params literally, never as expressions', () => {
    const result = compileWith({ count: 1, url: 'https://x.test', source: '{{ way too long }}' });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'params.source' }] });
  });

  it('does not validate params of disabled nodes', () => {
    const def = workflow([['t', 'core.manualTrigger'], ['n', 'test.numbers', {}, { disabled: true }]], ['t -> n']);
    expect(compile(def, reg).ok).toBe(true);
  });

  it('survives node types whose schema or ports throw', () => {
    const evil = defineNode({
      type: 'test.evil',
      version: 1,
      displayName: 'Evil',
      description: '',
      docs: '',
      category: 'utility',
      icon: '!',
      inputs: () => {
        throw new Error('ports');
      },
      outputs: [{ name: 'main' }],
      params: z.object({}).superRefine(() => {
        throw new Error('refine');
      }),
      run: () => [],
    });
    const r = new NodeRegistry().register(createDefaultRegistry().list().length ? [evil] : []);
    r.register(createDefaultRegistry().get('core.manualTrigger') as never);
    const result = compile(workflow([['t', 'core.manualTrigger'], ['e', 'test.evil']], ['t -> e']), r);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).not.toContain('INTERNAL_ERROR');
  });
});
