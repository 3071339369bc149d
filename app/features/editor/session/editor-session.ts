import type { HocuspocusProvider } from '@hocuspocus/provider';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessUser } from '../../../../collab/awareness.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import type { Role, RouterOutputs } from '../../../lib/trpc.ts';
import type { EditorStore, EditorUiState } from '../editor-store.ts';

export type CredentialKindInfo = RouterOutputs['nodeType']['list']['credentialKinds'][number];

export type ConnectionStatus = 'connecting' | 'synced' | 'offline';

/**
 * Everything a part of the editor needs about the open workflow. Every write to the document
 * goes through `doc.transact(fn, session.origin)` (or a collab op given `session.origin`) so
 * this user's undo stack tracks it and nobody else's.
 */
export interface EditorSession {
  workflowId: string;
  workspaceId: string;
  role: Role;
  /** Viewers (and anyone while the canvas shows a fixed definition) cannot change the doc. */
  readOnly: boolean;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  awareness: Awareness;
  undo: Y.UndoManager;
  origin: object;
  self: AwarenessUser;
  store: EditorStore;
  nodeTypes: ReadonlyMap<string, NodeTypeDescription>;
  credentialKinds: readonly CredentialKindInfo[];
  /** Subscribes to connection status changes; used by useConnectionStatus. */
  subscribeStatus(listener: () => void): () => void;
  getStatus(): ConnectionStatus;
}

export const EditorSessionContext = createContext<EditorSession | null>(null);

export function useEditorSession(): EditorSession {
  const session = useContext(EditorSessionContext);
  if (!session) throw new Error('useEditorSession must be used inside <EditorSessionProvider>');
  return session;
}

/** Reads local UI state with a selector; re-renders only when the selected value changes. */
export function useEditorStore<T>(selector: (state: EditorUiState) => T): T {
  return useEditorSession().store(selector);
}

export function useConnectionStatus(): ConnectionStatus {
  const session = useEditorSession();
  return useSyncExternalStore(session.subscribeStatus, session.getStatus, () => 'connecting');
}

/**
 * A value computed from the document, recomputed after each document change (local or remote).
 * `read` must return a value comparable with `equals` (default Object.is) so unrelated edits
 * do not re-render: return primitives, or pass a structural `equals`. `read` must be stable
 * (module-level or useCallback): its identity keys the cache.
 */
export function useDocValue<T>(read: (doc: Y.Doc) => T, equals: (a: T, b: T) => boolean = Object.is): T {
  const { doc } = useEditorSession();
  // The cache lives on the closure of subscribe/getSnapshot, rebuilt when `read` changes identity.
  const cacheRef = getCache<T>(doc, read);
  return useSyncExternalStore(
    cacheRef.subscribe,
    () => cacheRef.get(equals),
    () => cacheRef.get(equals),
  );
}

type DocCache<T> = { subscribe: (l: () => void) => () => void; get: (equals: (a: T, b: T) => boolean) => T };
const caches = new WeakMap<Y.Doc, WeakMap<object, DocCache<unknown>>>();

function getCache<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): DocCache<T> {
  let perDoc = caches.get(doc);
  if (!perDoc) caches.set(doc, (perDoc = new WeakMap()));
  let cache = perDoc.get(read) as DocCache<T> | undefined;
  if (cache) return cache;
  let dirty = true;
  let value: T;
  cache = {
    subscribe(listener) {
      const onUpdate = () => {
        dirty = true;
        listener();
      };
      doc.on('update', onUpdate);
      return () => doc.off('update', onUpdate);
    },
    get(equals) {
      if (dirty) {
        const next = read(doc);
        if (!('v' in holder) || !equals(value, next)) value = next;
        holder.v = true;
        dirty = false;
      }
      return value;
    },
  };
  const holder: { v?: true } = {};
  perDoc.set(read, cache as DocCache<unknown>);
  return cache;
}
