import { useMemo } from 'react';
import type * as Y from 'yjs';
import { nodeMapOf, readNode } from '../../../../collab/index.ts';
import type { WorkflowNode } from '../../../../engine/definition.ts';
import { useDocValue, useEditorStore } from '../session/editor-session.ts';
import { sameJson } from './same-json.ts';

/** What the panel shows of a node: everything but its position (dragging must not re-render the form). */
export type ConfigNode = Omit<WorkflowNode, 'position'>;

/**
 * Keeps the previous objects where nothing changed, param by param, so a keystroke in one field
 * re-renders that field only (fields are memoised on their value's identity).
 */
function share(previous: ConfigNode | null, next: ConfigNode): ConfigNode {
  if (!previous) return next;
  let changed = previous.id !== next.id || previous.type !== next.type || previous.typeVersion !== next.typeVersion || previous.name !== next.name;
  const settings = sameJson(previous.settings, next.settings) ? previous.settings : ((changed = true), next.settings);
  const params: Record<string, unknown> = {};
  const prevKeys = Object.keys(previous.params);
  if (prevKeys.length !== Object.keys(next.params).length) changed = true;
  for (const [key, value] of Object.entries(next.params)) {
    const old = previous.params[key];
    if (key in previous.params && sameJson(old, value)) params[key] = old;
    else {
      params[key] = value;
      changed = true;
    }
  }
  return changed ? { ...next, settings, params } : previous;
}

/**
 * The node being configured, read reactively: from the shared document, or from the fixed
 * definition the canvas shows during a replay (then always read-only). Null when it is gone.
 */
export function useConfigNode(nodeId: string): { node: ConfigNode | null; fixed: boolean } {
  const view = useEditorStore((s) => s.view);
  const read = useMemo(() => {
    let previous: ConfigNode | null = null;
    return (doc: Y.Doc): ConfigNode | null => {
      const map = nodeMapOf(doc, nodeId);
      if (!map) return (previous = null);
      const { position: _position, ...node } = readNode(nodeId, map);
      return (previous = share(previous, node));
    };
  }, [nodeId]);
  const live = useDocValue(read);
  const fixed = useMemo(() => {
    if (view.kind !== 'definition') return null;
    const found = view.definition.nodes.find((n) => n.id === nodeId);
    if (!found) return null;
    const { position: _position, ...node } = found;
    return node;
  }, [view, nodeId]);
  return view.kind === 'definition' ? { node: fixed, fixed: true } : { node: live, fixed: false };
}
