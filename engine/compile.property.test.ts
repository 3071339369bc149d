import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { createDefaultRegistry } from './registry.ts';

const registry = createDefaultRegistry();

/** Random graphs of no-op nodes under one manual trigger (node 0). */
const randomGraph = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n })), {
        maxLength: n * 3,
        selector: ([a, b]) => `${a}-${b}`,
      }),
      fromTrigger: fc.uniqueArray(fc.integer({ min: 1, max: n }), { minLength: 1, maxLength: n }),
    }),
  )
  .map(({ n, edges, fromTrigger }) => {
    const ids = ['t', ...Array.from({ length: n }, (_, i) => `n${i + 1}`)];
    const all: [number, number][] = [...fromTrigger.map((b): [number, number] => [0, b]), ...edges];
    return {
      ids,
      edges: all,
      definition: {
        schemaVersion: 1,
        nodes: ids.map((id, i) => ({ id, name: id, type: i === 0 ? 'core.manualTrigger' : 'core.noOp' })),
        edges: all.map(([a, b], i) => ({ id: `e${i}`, source: ids[a] as string, target: ids[b] as string })),
      },
    };
  });

/** Brute-force reachability, independent of the compiler's Tarjan implementation. */
function reaches(edges: [number, number][], from: number, to: number): boolean {
  const seen = new Set<number>();
  const stack = edges.filter(([a]) => a === from).map(([, b]) => b);
  while (stack.length) {
    const v = stack.pop() as number;
    if (v === to) return true;
    if (seen.has(v)) continue;
    seen.add(v);
    for (const [a, b] of edges) if (a === v) stack.push(b);
  }
  return false;
}

describe('compile (property-based)', () => {
  it('reports every cycle; every edge on a cycle has both ends in one reported component', () => {
    fc.assert(
      fc.property(randomGraph, ({ ids, edges, definition }) => {
        const result = compile(definition, registry);
        const onCycle = edges.filter(([a, b]) => reaches(edges, b, a));
        if (onCycle.length === 0) {
          if (!result.ok) expect(result.errors.map((e) => e.code)).not.toContain('CYCLE');
          return;
        }
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const components = result.errors.filter((e) => e.code === 'CYCLE').map((e) => new Set(e.nodeIds));
        for (const [a, b] of onCycle) {
          expect(components.some((c) => c.has(ids[a] as string) && c.has(ids[b] as string))).toBe(true);
        }
        // Components are disjoint and each really is cyclic.
        const members = components.flatMap((c) => [...c]);
        expect(new Set(members).size).toBe(members.length);
        for (const c of components) {
          const [first] = [...c];
          const idx = ids.indexOf(first as string);
          expect(reaches(edges, idx, idx)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('orders every accepted DAG so that each edge goes forward, level by level', () => {
    fc.assert(
      fc.property(randomGraph, ({ definition }) => {
        const result = compile(definition, registry);
        if (!result.ok) return;
        const { dag } = result;
        const position = new Map(dag.nodes.map((n, i) => [n.id, i]));
        const level = new Map(dag.nodes.map((n) => [n.id, n.level]));
        for (const edge of definition.edges) {
          expect(position.get(edge.source)!).toBeLessThan(position.get(edge.target)!);
          expect(level.get(edge.source)!).toBeLessThan(level.get(edge.target)!);
        }
        expect(dag.levels.flat().sort()).toEqual(dag.nodes.map((n) => n.id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and never fails internally, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = compile(input, registry);
        if (!result.ok) expect(result.errors.map((e) => e.code)).not.toContain('INTERNAL_ERROR');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on definition-shaped junk (random types, ports, params)', () => {
    const types = fc.constantFrom(...registry.list().map((t) => t.type), 'nope', '');
    const id = fc.constantFrom('a', 'b', 'c', 'd', '');
    const node = fc.record(
      {
        id,
        name: fc.constantFrom('A', 'B', 'C', ''),
        type: types,
        typeVersion: fc.oneof(fc.constant(1), fc.integer()),
        params: fc.dictionary(fc.constantFrom('url', 'rules', 'inputs', 'mode', 'cron', 'code', 'conditions'), fc.jsonValue()),
        settings: fc.record({ onError: fc.constantFrom('stop', 'continue', 'error-output', 'x'), retries: fc.integer() }, { requiredKeys: [] }),
      },
      { requiredKeys: ['id', 'type', 'name'] },
    );
    const edge = fc.record({
      id: fc.string(),
      source: id,
      target: id,
      sourceOutput: fc.constantFrom('main', 'true', 'false', 'error', '0', 'fallback', 'x'),
      targetInput: fc.constantFrom('main', 'input1', 'input2', 'x'),
    });
    fc.assert(
      fc.property(
        fc.record({ schemaVersion: fc.constantFrom(0, 1, 2, undefined), nodes: fc.array(node, { maxLength: 6 }), edges: fc.array(edge, { maxLength: 8 }) }),
        (definition) => {
          const result = compile(definition, registry);
          if (!result.ok) expect(result.errors.map((e) => e.code)).not.toContain('INTERNAL_ERROR');
        },
      ),
      { numRuns: 500 },
    );
  });
});
