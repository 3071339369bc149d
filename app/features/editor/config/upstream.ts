import type { WorkflowEdge, WorkflowNode } from '../../../../engine/definition.ts';

export interface UpstreamNode {
  id: string;
  name: string;
  /** Edges between it and the edited node: 1 for a direct parent. */
  distance: number;
}

/**
 * Every node whose output can reach `nodeId`, walking edges backwards, nearest first (then by
 * name). These are the nodes an expression may reference with `$node["Name"]`.
 */
export function upstreamNodes(
  nodeId: string,
  nodes: readonly Pick<WorkflowNode, 'id' | 'name'>[],
  edges: readonly Pick<WorkflowEdge, 'source' | 'target'>[],
): UpstreamNode[] {
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const parents = new Map<string, string[]>();
  for (const edge of edges) {
    const list = parents.get(edge.target) ?? [];
    list.push(edge.source);
    parents.set(edge.target, list);
  }
  const seen = new Set<string>([nodeId]);
  const out: UpstreamNode[] = [];
  let frontier = [nodeId];
  for (let distance = 1; frontier.length > 0; distance++) {
    const next: string[] = [];
    const level: UpstreamNode[] = [];
    for (const id of frontier) {
      for (const parent of parents.get(id) ?? []) {
        if (seen.has(parent) || !names.has(parent)) continue;
        seen.add(parent);
        next.push(parent);
        level.push({ id: parent, name: names.get(parent)!, distance });
      }
    }
    out.push(...level.sort((a, b) => a.name.localeCompare(b.name)));
    frontier = next;
  }
  return out;
}
