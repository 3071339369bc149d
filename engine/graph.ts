/**
 * Graph algorithms for the compiler, on nodes numbered 0..n-1 with adjacency
 * lists. Iterative so that huge generated workflows cannot overflow the stack.
 */

/** Strongly connected components (Tarjan). Each component lists its members in discovery order. */
export function stronglyConnectedComponents(n: number, adjacency: readonly (readonly number[])[]): number[][] {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    // Explicit DFS stack of (node, next neighbour position).
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [v, pos] = frame;
      const next = adjacency[v] ?? [];
      if (pos < next.length) {
        frame[1] = pos + 1;
        const w = next[pos] as number;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/** Nodes reachable from any of `sources` (sources included). */
export function reachableFrom(n: number, adjacency: readonly (readonly number[])[], sources: readonly number[]): Uint8Array {
  const seen = new Uint8Array(n);
  const queue = [...sources];
  for (const s of sources) seen[s] = 1;
  while (queue.length > 0) {
    const v = queue.pop() as number;
    for (const w of adjacency[v] ?? []) {
      if (!seen[w]) {
        seen[w] = 1;
        queue.push(w);
      }
    }
  }
  return seen;
}

/**
 * Topological order (Kahn), stable: among ready nodes the lowest number goes
 * first. Level = longest distance from a source, so a level's nodes can run in
 * parallel. Returns undefined if the graph has a cycle.
 */
export function topologicalLevels(
  n: number,
  adjacency: readonly (readonly number[])[],
): { order: number[]; level: Int32Array } | undefined {
  const indegree = new Int32Array(n);
  for (let v = 0; v < n; v++) for (const w of adjacency[v] ?? []) indegree[w] = (indegree[w] as number) + 1;
  const level = new Int32Array(n);
  // A binary heap keeps the order stable without sorting the ready set each step.
  const heap: number[] = [];
  const push = (x: number) => {
    heap.push(x);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((heap[p] as number) <= x) break;
      heap[i] = heap[p] as number;
      i = p;
    }
    heap[i] = x;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && (heap[r] as number) < (heap[l] as number) ? r : l;
        if ((heap[c] as number) >= last) break;
        heap[i] = heap[c] as number;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  for (let v = 0; v < n; v++) if (indegree[v] === 0) push(v);
  const order: number[] = [];
  while (heap.length > 0) {
    const v = pop();
    order.push(v);
    for (const w of adjacency[v] ?? []) {
      level[w] = Math.max(level[w] as number, (level[v] as number) + 1);
      indegree[w] = (indegree[w] as number) - 1;
      if (indegree[w] === 0) push(w);
    }
  }
  return order.length === n ? { order, level } : undefined;
}
