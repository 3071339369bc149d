'use client';

import { useEffect } from 'react';
import { definitionFromDoc } from '../../../../collab/index.ts';
import { useTRPCClient, type RouterOutputs } from '../../../lib/trpc.ts';
import type { CompileIssue } from '../editor-store.ts';
import { useEditorSession } from '../session/editor-session.ts';

export const ANALYSIS_DEBOUNCE_MS = 300;

type InspectResult = RouterOutputs['nodeType']['inspect'];

/** Issues keyed by node id ('' for workflow-level ones), in the store's shape. */
export function issuesByNode(issues: InspectResult['issues']): Record<string, CompileIssue[]> {
  const out: Record<string, CompileIssue[]> = {};
  for (const issue of issues) {
    const key = issue.nodeId ?? '';
    const entry: CompileIssue = { code: issue.code, message: issue.message };
    if (issue.field) entry.field = issue.field;
    (out[key] ??= []).push(entry);
  }
  return out;
}

/**
 * Asks the server to compile the document as it stands, ~300 ms after the last change (anyone's),
 * and stores the issues and resolved ports. An answer that arrives after a newer request was sent
 * is dropped; a failed request keeps the last good answer.
 */
export function useWorkflowAnalysis(): void {
  const { doc, workflowId, store } = useEditorSession();
  const client = useTRPCClient();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest = 0;
    let alive = true;
    const run = async () => {
      timer = null;
      const ticket = ++latest;
      try {
        const result = await client.nodeType.inspect.mutate({ workflowId, definition: definitionFromDoc(doc) });
        if (alive && ticket === latest) store.getState().setAnalysis(issuesByNode(result.issues), result.ports);
      } catch {
        // Offline or a server hiccup: the next edit asks again.
      }
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, ANALYSIS_DEBOUNCE_MS);
    };
    void run();
    doc.on('update', schedule);
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      doc.off('update', schedule);
    };
  }, [doc, workflowId, store, client]);
}
