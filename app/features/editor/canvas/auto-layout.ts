import dagre from '@dagrejs/dagre';

export type LayoutNode = { id: string; width: number; height: number; x: number; y: number };
export type LayoutEdge = { source: string; target: string };
type Position = { x: number; y: number };

export const DEFAULT_NODE_SIZE = { width: 220, height: 64 };

/**
 * Left-to-right layered layout (dagre). The result keeps the graph's top-left corner where it
 * was, so "tidy up" rearranges in place instead of jumping across the canvas. Edges to unknown
 * nodes and self loops are ignored; positions are top-left corners, rounded.
 */
export function layoutPositions(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Record<string, Position> {
  if (nodes.length === 0) return {};
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 96, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set<string>();
  // Sorted by position so layouts are stable and keep the user's vertical order within a rank.
  const ordered = [...nodes].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1));
  for (const node of ordered) {
    graph.setNode(node.id, { width: node.width, height: node.height });
    ids.add(node.id);
  }
  edges.forEach((edge, i) => {
    if (edge.source !== edge.target && ids.has(edge.source) && ids.has(edge.target)) graph.setEdge(edge.source, edge.target, {}, `e${i}`);
  });
  dagre.layout(graph);

  const origin = { x: Math.min(...nodes.map((n) => n.x)), y: Math.min(...nodes.map((n) => n.y)) };
  const raw = new Map<string, Position>();
  for (const node of nodes) {
    const laid = graph.node(node.id) as { x: number; y: number };
    raw.set(node.id, { x: laid.x - node.width / 2, y: laid.y - node.height / 2 });
  }
  const minX = Math.min(...[...raw.values()].map((p) => p.x));
  const minY = Math.min(...[...raw.values()].map((p) => p.y));
  const out: Record<string, Position> = {};
  for (const [id, p] of raw) out[id] = { x: Math.round(p.x - minX + origin.x), y: Math.round(p.y - minY + origin.y) };
  return out;
}
