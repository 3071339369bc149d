'use client';

import { useMemo } from 'react';
import { getParam, nodeMapOf, removeParam, setParam } from '../../../../collab/index.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import type { CompileIssue } from '../editor-store.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { FieldList } from './fields/FieldList.tsx';
import type { PlacedIssues } from './issue-placement.ts';
import { ParamFormContext, type ParamForm } from './param-form-context.ts';
import type { FieldSpec } from './schema-fields.ts';
import { yParamBinding, type TextBinding } from './text-binding.ts';
import { useCompletionData } from './use-completion-data.ts';
import { setIn, type Path } from './value-path.ts';

const NO_ISSUES: readonly CompileIssue[] = [];

/**
 * The Parameters tab: the fields generated from the node type's params schema, writing to the
 * shared document with this user's origin (so their undo covers it). Top-level text is edited
 * character by character; anything nested rewrites its top-level param as one value.
 */
export function ParamsForm({
  nodeId,
  nodeType,
  fields,
  params,
  readOnly,
  placed,
}: {
  nodeId: string;
  nodeType: NodeTypeDescription;
  fields: readonly FieldSpec[];
  params: Record<string, unknown>;
  readOnly: boolean;
  placed: PlacedIssues;
}) {
  const session = useEditorSession();
  const completionData = useCompletionData(nodeId);
  const { doc, origin, workspaceId } = session;

  // Bindings are per node and key, and must keep their identity across renders.
  const textBindings = useMemo(() => {
    const cache = new Map<string, TextBinding>();
    return (key: string) => {
      let binding = cache.get(key);
      if (!binding) cache.set(key, (binding = yParamBinding(doc, nodeId, key, origin)));
      return binding;
    };
  }, [doc, nodeId, origin]);

  const form = useMemo<ParamForm>(
    () => ({
      nodeId,
      nodeType,
      workspaceId,
      readOnly,
      textBinding: textBindings,
      completionData,
      issuesAt: (path) => placed.byPath.get(path) ?? NO_ISSUES,
      write(path: Path, value: unknown) {
        if (readOnly || !nodeMapOf(doc, nodeId) || path.length === 0) return;
        const key = String(path[0]);
        if (path.length === 1) {
          if (value === undefined) removeParam(doc, nodeId, key, origin);
          else setParam(doc, nodeId, key, value, origin);
          return;
        }
        // Start from what the document holds now (a peer may have changed a sibling), or the default.
        const current = getParam(doc, nodeId, key) ?? structuredClone(fields.find((f) => f.key === key)?.defaultValue);
        setParam(doc, nodeId, key, setIn(current, path.slice(1), value), origin);
      },
    }),
    [nodeId, nodeType, workspaceId, readOnly, textBindings, completionData, placed, doc, origin, fields],
  );

  if (fields.length === 0) {
    return (
      <p className="px-4 py-6 text-center text-[13px] text-muted" data-testid="node-config-no-params">
        This node has no parameters.
      </p>
    );
  }
  return (
    <ParamFormContext.Provider value={form}>
      <div className="flex flex-col gap-4 px-4 py-4" data-testid="node-config-params">
        <FieldList fields={fields} path={[]} value={params} />
      </div>
    </ParamFormContext.Provider>
  );
}
