'use client';

import { HocuspocusProvider } from '@hocuspocus/provider';
import { useEffect, useState, type ReactNode } from 'react';
import * as Y from 'yjs';
import { colorForUser } from '../../../../collab/awareness.ts';
import { createUndoManager } from '../../../../collab/undo.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import type { Role } from '../../../lib/trpc.ts';
import { createEditorStore } from '../editor-store.ts';
import { EditorSessionContext, type ConnectionStatus, type CredentialKindInfo, type EditorSession } from './editor-session.ts';

type Props = {
  workflowId: string;
  workspaceId: string;
  role: Role;
  user: { id: string; name: string };
  nodeTypes: readonly NodeTypeDescription[];
  credentialKinds: readonly CredentialKindInfo[];
  /** Shown until the document has synced once. */
  fallback: ReactNode;
  children: ReactNode;
};

/** The collab socket lives on the same origin: the session cookie authenticates the upgrade. */
function collabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/collab`;
}

/**
 * Opens the workflow's shared document over Hocuspocus for as long as the editor is mounted,
 * with this user's undo manager and UI store, and provides them to the editor below.
 */
export function EditorSessionProvider({ workflowId, workspaceId, role, user, nodeTypes, credentialKinds, fallback, children }: Props) {
  const [session, setSession] = useState<EditorSession | null>(null);
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    const doc = new Y.Doc();
    const origin = { editor: user.id };
    let status: ConnectionStatus = 'connecting';
    const listeners = new Set<() => void>();
    const setStatus = (next: ConnectionStatus) => {
      if (next === status) return;
      status = next;
      for (const l of listeners) l();
    };
    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: workflowId,
      document: doc,
      onSynced: () => {
        setStatus('synced');
        setSynced(true);
      },
      onDisconnect: () => setStatus('offline'),
      onConnect: () => setStatus('connecting'),
    });
    const self = { id: user.id, name: user.name, color: colorForUser(user.id) };
    provider.awareness?.setLocalStateField('user', self);
    const next: EditorSession = {
      workflowId,
      workspaceId,
      role,
      readOnly: role === 'viewer',
      doc,
      provider,
      awareness: provider.awareness!,
      undo: createUndoManager(doc, origin),
      origin,
      self,
      store: createEditorStore(),
      nodeTypes: new Map(nodeTypes.map((t) => [t.type, t])),
      credentialKinds,
      subscribeStatus(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      getStatus: () => status,
    };
    setSession(next);
    return () => {
      next.undo.destroy();
      provider.destroy();
      doc.destroy();
      setSession(null);
      setSynced(false);
    };
    // Node types and role are read once per open; a role change applies on reopen, like the server's.
  }, [workflowId, user.id]);

  if (!session || !synced) return <>{fallback}</>;
  return <EditorSessionContext.Provider value={session}>{children}</EditorSessionContext.Provider>;
}
