'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { io } from 'socket.io-client';
import type { RunEvent } from '../../../../engine/executor/events.ts';
import { useTRPC, useTRPCClient } from '../../../lib/trpc.ts';
import type { RunOverlay } from '../editor-store.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { LiveRunFollower } from './live-run-follower.ts';
import { runsStoreOf } from './runs-store.ts';

/** Same origin as the page; the session cookie authenticates the socket (server/realtime/live-events.ts). */
const REALTIME_PATH = '/rt';
const ACK_TIMEOUT_MS = 10_000;
const LIST_REFRESH_MS = 400;

type JoinReply = { ok: true; events?: RunEvent[] } | { ok: false; error: string };

/**
 * One realtime connection per open editor. Paints the workflow's newest run (started by anyone)
 * as the live overlay, unless a replay is on screen, and keeps run lists fresh as runs start and
 * finish. socket.io reconnects by itself; each (re)connect rejoins and catches up.
 */
export function useLiveRuns(): void {
  const session = useEditorSession();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { workflowId, store } = session;

  useEffect(() => {
    const runs = runsStoreOf(store);
    const socket = io({ path: REALTIME_PATH, withCredentials: true, reconnectionDelayMax: 5000 });

    // Many events can land in one frame; the canvas repaints once per frame at most.
    let frame = 0;
    let pending: RunOverlay | null = null;
    const paint = () => {
      frame = 0;
      const overlay = pending;
      if (!overlay) return;
      runs.getState().setLive(overlay);
      if (!runs.getState().replay && store.getState().overlay?.source !== 'replay') store.getState().setOverlay(overlay);
    };

    let listTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshLists = () => {
      listTimer ??= setTimeout(() => {
        listTimer = null;
        void queryClient.invalidateQueries(trpc.run.list.pathFilter());
      }, LIST_REFRESH_MS);
    };

    const ask = <T>(event: string, payload: unknown) =>
      new Promise<T | null>((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err: Error | null, reply: T) => resolve(err ? null : reply));
      });

    const follower = new LiveRunFollower({
      joinWorkflow: async () => (await ask<JoinReply>('join:workflow', { workflowId }))?.ok === true,
      joinRun: async (runId, afterSeq) => {
        const reply = await ask<JoinReply>('join:run', { runId, afterSeq });
        return reply?.ok ? (reply.events ?? []) : null;
      },
      leaveRun: (runId) => void socket.emit('leave:run', { runId }),
      newestRun: async () => {
        const page = await client.run.list.query({ workflowId, limit: 1 });
        const run = page.items[0];
        return run ? { id: run.id, status: run.status } : null;
      },
      onTrack: (track) => {
        pending = track.overlay;
        frame ||= requestAnimationFrame(paint);
      },
      onRunsChanged: (runId) => {
        refreshLists();
        // An open replay or inspector of that run reads it again (queries are otherwise fresh for a while).
        void queryClient.invalidateQueries(runId ? trpc.run.get.queryFilter({ workflowId, runId }) : trpc.run.get.pathFilter());
      },
    });

    socket.on('connect', () => void follower.connected());
    socket.on('run:event', (event: RunEvent) => follower.receive(event));
    runs.setState({ followLive: (runId, base) => follower.follow(runId, base) });

    return () => {
      follower.close();
      socket.disconnect();
      if (frame) cancelAnimationFrame(frame);
      if (listTimer) clearTimeout(listTimer);
      runs.setState({ followLive: null, live: null });
    };
  }, [workflowId, store, client, queryClient, trpc]);
}
