import type { DagNode } from '../dag.ts';
import { ERROR_PORT } from '../definition.ts';
import type { Item, JsonObject } from '../items.ts';
import type { RunEnv } from './run-env.ts';

/** `$node["Name"]` in expressions: the output of an upstream node that has finished. */
export interface NodeAccessor {
  json: JsonObject;
  all(): Item[];
  first(): Item | undefined;
  last(): Item | undefined;
  item(index: number): Item | undefined;
}

const ancestorCache = new WeakMap<DagNode, number[]>();

/** Indexes of every node upstream of `node`. Only these are visible to its expressions, so results never depend on branch timing. */
function ancestorsOf(env: RunEnv, node: DagNode): number[] {
  const cached = ancestorCache.get(node);
  if (cached) return cached;
  const seen = new Set<number>();
  const stack = [...node.upstream];
  while (stack.length > 0) {
    const idx = stack.pop() as number;
    if (seen.has(idx)) continue;
    seen.add(idx);
    stack.push(...((env.dag.nodes[idx] as DagNode).upstream as number[]));
  }
  const list = [...seen].sort((a, b) => a - b);
  ancestorCache.set(node, list);
  return list;
}

function outputItems(node: DagNode, output: Record<string, Item[]>): Item[] {
  const ports = node.outputs.filter((p) => p.name !== ERROR_PORT);
  if (ports.length === 1) return output[(ports[0] as { name: string }).name] ?? [];
  return ports.flatMap((p) => output[p.name] ?? []);
}

function accessor(items: Item[]): NodeAccessor {
  return {
    json: items[0]?.json ?? {},
    all: () => items,
    first: () => items[0],
    last: () => items[items.length - 1],
    item: (index: number) => items[index],
  };
}

/** `$node` for one node: name → accessor of each finished ancestor. */
function nodeMap(env: RunEnv, node: DagNode): Record<string, NodeAccessor> {
  const map: Record<string, NodeAccessor> = {};
  for (const idx of ancestorsOf(env, node)) {
    const result = env.results[idx];
    if (!result || result.status === 'waiting' || result.status === 'cancelled') continue;
    const upstream = env.dag.nodes[idx] as DagNode;
    map[upstream.name] = accessor(outputItems(upstream, result.output));
  }
  return map;
}

/** The variables expressions see while resolving `node`'s params for one item (or the whole list). */
export function buildScope(
  env: RunEnv,
  node: DagNode,
  items: Item[],
  item: Item | undefined,
  index: number,
  nodes: Record<string, NodeAccessor> = nodeMap(env, node),
): Record<string, unknown> {
  const current = item ?? items[0];
  return {
    $json: current?.json ?? {},
    $item: current,
    $index: index,
    $input: {
      all: () => items,
      first: () => items[0],
      last: () => items[items.length - 1],
      item: current,
    },
    $node: nodes,
    $run: { id: env.run.id, startedAt: env.run.startedAt, trigger: env.run.trigger },
    $workflow: env.run.workflow,
    $now: env.clock.now(),
  };
}

export { nodeMap };
