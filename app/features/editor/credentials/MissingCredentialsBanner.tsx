'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Map as YMap, type Doc } from 'yjs';
import { asOneUndoStep } from '../../../../collab/undo.ts';
import { setParam } from '../../../../collab/ops/params.ts';
import { fromParamValue, NodeField, nodesOf, paramsMapOf } from '../../../../collab/workflow-doc.ts';
import { Button } from '../../../components/Button.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { useDocValue, useEditorSession } from '../session/editor-session.ts';
import { CredentialFormDialog } from '../settings/CredentialFormDialog.tsx';
import { missingCredentials, type NeededKind } from './missing-credentials.ts';

/**
 * Each node's id, type and credential id, as one comparable string. Read straight from the maps
 * (not a whole definition): this runs after every document update, drags included.
 */
const readMissingKey = (doc: Doc) => {
  const rows: [string, string, string][] = [];
  for (const [id, node] of nodesOf(doc).entries()) {
    if (!(node instanceof YMap)) continue;
    const credentialId = fromParamValue(paramsMapOf(node)?.get('credentialId'));
    rows.push([id, String(node.get(NodeField.Type) ?? ''), typeof credentialId === 'string' ? credentialId : '']);
  }
  return JSON.stringify(rows);
};

/**
 * "This workflow needs …": on first open of a template (or any workflow whose nodes lack their
 * credential), one place to pick an existing credential or create one, applied to every node
 * that needs that kind as one undo step.
 */
export function MissingCredentialsBanner() {
  const session = useEditorSession();
  const key = useDocValue(readMissingKey);
  const needed = missingCredentials(
    (JSON.parse(key) as [string, string, string][]).map(([id, type, credentialId]) => ({ id, type, params: { credentialId } })),
    session.nodeTypes,
  );
  if (session.readOnly || needed.length === 0) return null;
  return (
    <div
      className="absolute inset-x-3 top-3 z-[8] mx-auto flex max-w-3xl flex-wrap items-center gap-2 rounded-lg border border-warning-text/30 bg-warning-soft px-3 py-2 text-[13px] shadow-pop"
      data-testid="missing-credentials"
    >
      <span className="font-medium text-warning-text">This workflow needs credentials:</span>
      {needed.map((need) => (
        <KindPicker key={need.kind} need={need} />
      ))}
    </div>
  );
}

function KindPicker({ need }: { need: NeededKind }) {
  const session = useEditorSession();
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const existing = useQuery(trpc.credential.list.queryOptions({ workspaceId: session.workspaceId, kind: need.kind }));
  const label = session.credentialKinds.find((k) => k.kind === need.kind)?.displayName ?? need.kind;

  const use = (credentialId: string) => {
    asOneUndoStep(session.doc, session.undo, session.origin, () => {
      for (const nodeId of need.nodeIds) setParam(session.doc, nodeId, 'credentialId', credentialId, session.origin);
    });
  };

  return (
    <span className="flex items-center gap-1.5 rounded-md bg-surface/70 px-2 py-1" data-testid={`missing-credential-${need.kind}`}>
      <span className="text-fg">{label}</span>
      <span className="text-xs text-faint">({need.nodeIds.length} node{need.nodeIds.length === 1 ? '' : 's'})</span>
      {existing.data?.length ? (
        <select
          aria-label={`Use an existing ${label} credential`}
          className="h-7 rounded border border-line bg-surface px-1 text-xs text-fg"
          defaultValue=""
          onChange={(e) => e.target.value && use(e.target.value)}
        >
          <option value="">Use existing…</option>
          {existing.data.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      ) : null}
      <Button size="sm" variant="secondary" className="h-7" onClick={() => setCreating(true)} data-testid={`missing-credential-create-${need.kind}`}>
        Set up
      </Button>
      <CredentialFormDialog
        open={creating}
        onClose={() => setCreating(false)}
        workspaceId={session.workspaceId}
        kind={need.kind}
        onSaved={(id) => {
          setCreating(false);
          use(id);
        }}
      />
    </span>
  );
}
