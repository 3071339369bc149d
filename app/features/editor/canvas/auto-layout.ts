import dagre from '@dagrejs/dagre';

export type LayoutNode = { id: string; width: number; height: number; x: number; y: number };
/** `port` orders a node's outgoing edges top to bottom (the index of the output they leave from). */
export type LayoutEdge = { source: string; target: string; port?: number };
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
  const ids = new Set(nodes.map((n) => n.id));
  const usable = edges
    .filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target))
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : (a.port ?? 0) - (b.port ?? 0)));
  // dagre's first ordering follows insertion order: inserting nodes depth-first from the roots,
  // along each node's outputs top to bottom, keeps an If's "true" branch above its "false" one.
  for (const id of depthFirstOrder(nodes, usable)) {
    const node = nodes.find((n) => n.id === id)!;
    graph.setNode(id, { width: node.width, height: node.height });
  }
  usable.forEach((edge, i) => graph.setEdge(edge.source, edge.target, {}, `e${i}`));
  dagre.layout(graph, { constraints: portConstraints(usable) });

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

/** For each node, its targets top to bottom in the order of the outputs they hang off. */
function portConstraints(edges: readonly LayoutEdge[]): { left: string; right: string }[] {
  const constraints: { left: string; right: string }[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < edges.length; i++) {
    const prev = edges[i - 1]!;
    const edge = edges[i]!;
    if (prev.source !== edge.source || prev.target === edge.target) continue;
    const key = `${prev.target}\u0000${edge.target}`;
    const reverse = `${edge.target}\u0000${prev.target}`;
    // Two sources may ask for opposite orders; the first one asked wins.
    if (seen.has(key) || seen.has(reverse)) continue;
    seen.add(key);
    constraints.push({ left: prev.target, right: edge.target });
  }
  return constraints;
}

/** Node ids depth-first from the roots (top to bottom as placed), following outputs in port order. */
function depthFirstOrder(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): string[] {
  const out = new Map<string, string[]>();
  const incoming = new Set<string>();
  for (const e of edges) {
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
    incoming.add(e.target);
  }
  const byPlace = [...nodes].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1)).map((n) => n.id);
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      order.push(next);
      stack.push(...[...(out.get(next) ?? [])].reverse());
    }
  };
  for (const id of byPlace) if (!incoming.has(id)) visit(id);
  for (const id of byPlace) visit(id);
  return order;
}
