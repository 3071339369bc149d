'use client';

import type { HocuspocusProvider } from '@hocuspocus/provider';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { readPeers } from '../../../../collab/awareness.ts';
import { captureOwnRestores, parseRestoreNotice } from '../../../../collab/restore-notice.ts';
import { useToast } from '../../../components/Toast.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { useEditorSession } from '../session/editor-session.ts';

type StatelessListener = (data: { payload: string }) => void;

// One listener per provider however many components ask, so a restore is applied (and
// announced) once even when both the workspace and the panel mount this hook.
const installed = new WeakMap<HocuspocusProvider, { count: number; listener: StatelessListener }>();

/**
 * Follows version restores broadcast by the server (collab/restore-notice.ts): this tab's own
 * restore lands on its undo stack as one step; anyone else's is announced; either way the
 * version list is refreshed, since a restore saves the draft before it as a version.
 */
export function useVersionSync(): void {
  const session = useEditorSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const latest = useRef({ trpc, queryClient, toast });
  useEffect(() => {
    latest.current = { trpc, queryClient, toast };
  });

  useEffect(() => {
    const { provider, doc, undo, origin, self, awareness } = session;
    const existing = installed.get(provider);
    if (existing) {
      existing.count++;
    } else {
      const capture = captureOwnRestores({ doc, undo, origin, userId: self.id, clientId: doc.clientID });
      const listener: StatelessListener = ({ payload }) => {
        const notice = parseRestoreNotice(payload);
        if (!notice) return;
        const mine = capture(payload);
        const { trpc, queryClient, toast } = latest.current;
        void queryClient.invalidateQueries(trpc.version.list.pathFilter());
        if (mine) return;
        const who =
          notice.userId === self.id
            ? 'You (in another tab)'
            : ([...readPeers(awareness.getStates() as Map<number, Record<string, unknown>>).values()].find((p) => p.user.id === notice.userId)?.user.name ??
              'Someone');
        toast({ tone: 'info', title: `${who} restored version ${notice.versionNumber}`, description: 'The canvas now shows it for everyone.' });
      };
      provider.on('stateless', listener);
      installed.set(provider, { count: 1, listener });
    }
    return () => {
      const entry = installed.get(provider);
      if (!entry) return;
      if (--entry.count > 0) return;
      provider.off('stateless', entry.listener);
      installed.delete(provider);
    };
  }, [session]);
}
