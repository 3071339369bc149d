'use client';

import { applyNodeChanges, type Node, type NodeChange } from '@xyflow/react';
import { useCallback, useState } from 'react';

/**
 * Nodes that come from a fixed source (a replayed definition, a ghost layer) but still need
 * React Flow's measurements applied. A new source replaces the list, keeping known sizes so
 * nothing flickers while it is measured again.
 */
export function useStaticNodes<N extends Node>(source: N[]): [N[], (changes: NodeChange<N>[]) => void] {
  const [state, setState] = useState<{ source: N[]; nodes: N[] }>({ source, nodes: source });
  let current = state;
  if (state.source !== source) {
    const sizes = new Map(state.nodes.map((n) => [n.id, n.measured]));
    const nodes = source.map((n) => {
      const measured = sizes.get(n.id);
      return measured && !n.measured ? { ...n, measured } : n;
    });
    current = { source, nodes };
    setState(current);
  }
  const onChange = useCallback((changes: NodeChange<N>[]) => {
    const dims = changes.filter((c) => c.type === 'dimensions');
    if (dims.length > 0) setState((s) => ({ source: s.source, nodes: applyNodeChanges(dims, s.nodes) }));
  }, []);
  return [current.nodes, onChange];
}
