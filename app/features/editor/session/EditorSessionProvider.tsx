'use client';

import { HocuspocusProvider } from '@hocuspocus/provider';
import { useEffect, useRef, useState, type ReactNode } from 'react';
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

type OpenOptions = Omit<Props, 'fallback' | 'children'> & { onSynced(): void };

/** Opens the document, provider, undo manager and UI store of one editor. */
function openSession({ workflowId, workspaceId, role, user, nodeTypes, credentialKinds, onSynced }: OpenOptions): EditorSession {
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
      onSynced();
    },
    onDisconnect: () => setStatus('offline'),
    onConnect: () => setStatus('connecting'),
  });
  const self = { id: user.id, name: user.name, color: colorForUser(user.id) };
  provider.awareness?.setLocalStateField('user', self);
  return {
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
}

/**
 * Opens the workflow's shared document over Hocuspocus for as long as the editor is mounted,
 * with this user's undo manager and UI store, and provides them to the editor below.
 */
export function EditorSessionProvider({ fallback, children, ...props }: Props) {
  const [session, setSession] = useState<EditorSession | null>(null);
  const [synced, setSynced] = useState(false);
  const { workflowId } = props;
  const userId = props.user.id;
  // The open reads the latest props without reopening on every render.
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    let opened: EditorSession | null = null;
    // Deferred one tick: React's development double-mount then never opens a socket it closes at once.
    const timer = setTimeout(() => {
      opened = openSession({ ...propsRef.current, onSynced: () => setSynced(true) });
      setSession(opened);
    }, 0);
    return () => {
      clearTimeout(timer);
      if (opened) {
        opened.undo.destroy();
        opened.provider.destroy();
        opened.doc.destroy();
      }
      setSession(null);
      setSynced(false);
    };
    // Node types and role are read once per open; a role change applies on reopen, like the server's.
  }, [workflowId, userId]);

  if (!session || !synced) return <>{fallback}</>;
  return <EditorSessionContext.Provider value={session}>{children}</EditorSessionContext.Provider>;
}
