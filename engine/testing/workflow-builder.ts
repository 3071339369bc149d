import type { WorkflowDefinitionInput } from '../definition.ts';

type NodeSpec = [id: string, type: string, params?: Record<string, unknown>, settings?: Record<string, unknown>];

/**
 * Terse workflow definitions for tests. Edges are written `a -> b`,
 * `if.true -> b`, `a -> merge.input2` (port defaults to main).
 */
export function workflow(nodes: NodeSpec[], edges: string[] = []): WorkflowDefinitionInput {
  return {
    schemaVersion: 1,
    id: 'wf-test',
    name: 'Test workflow',
    nodes: nodes.map(([id, type, params, settings], i) => ({
      id,
      type,
      name: id,
      position: { x: i * 200, y: 0 },
      params: params ?? {},
      settings: settings ?? {},
    })),
    edges: edges.map((spec) => {
      const [from, to] = spec.split('->').map((s) => s.trim()) as [string, string];
      const [source, sourceOutput = 'main'] = splitPort(from);
      const [target, targetInput = 'main'] = splitPort(to);
      return { id: `${source}.${sourceOutput}->${target}.${targetInput}`, source, sourceOutput, target, targetInput };
    }),
  };
}

function splitPort(ref: string): [string, string | undefined] {
  const dot = ref.indexOf('.');
  return dot === -1 ? [ref, undefined] : [ref.slice(0, dot), ref.slice(dot + 1)];
}
