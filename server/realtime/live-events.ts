import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server as EngineServer } from 'engine.io';
import { Server as SocketServer, type Socket } from 'socket.io';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { RunEvent } from '../../engine/executor/events.ts';
import { authorize } from '../api/authorize.ts';
import type { SessionUser } from '../auth/session-cache.ts';
import type { Logger } from '../logger.ts';
import type { RunBus } from '../runs/run-bus.ts';

export const REALTIME_PATH = '/rt';

export type LiveEventsDeps = {
  db: PrismaClient;
  bus: RunBus;
  resolveUser: (headers: Headers) => Promise<SessionUser | null>;
  logger: Logger;
  onConnectionCount?: (n: number) => void;
};

const JoinWorkflow = z.object({ workflowId: z.string().min(1).max(64) });
const JoinRun = z.object({ runId: z.string().min(1).max(64), afterSeq: z.number().int().min(0).default(0) });

type RunProgress = { last: number; buffer: RunEvent[] | null };

const GAP_FILL_ATTEMPTS = 80;
const GAP_FILL_DELAY_MS = 25;

/** Events after `last`, deduplicated and sorted, split into the gap-free run that follows `last` and the rest. */
export function contiguous(last: number, events: readonly RunEvent[]): { ready: RunEvent[]; later: RunEvent[] } {
  const bySeq = new Map<number, RunEvent>();
  for (const e of events) if (e.seq > last && !bySeq.has(e.seq)) bySeq.set(e.seq, e);
  const sorted = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  let next = last + 1;
  let i = 0;
  while (i < sorted.length && sorted[i]!.seq === next) {
    i++;
    next++;
  }
  return { ready: sorted.slice(0, i), later: sorted.slice(i) };
}

type Ack = (reply: { ok: true; events?: RunEvent[] } | { ok: false; error: string }) => void;

/**
 * socket.io on /rt: clients join `workflow:<id>` (every run's events, for live overlays) or
 * `run:<id>` (one run, with the events it missed). Joining needs viewer rights. A run join
 * first subscribes, then reads stored events after `afterSeq`, then forwards live ones
 * above the last one sent — so a late or reconnecting client gets every event once, in order.
 */
export function createLiveEvents(deps: LiveEventsDeps) {
  const engine = new EngineServer({ maxHttpBufferSize: 64 * 1024, pingInterval: 20_000 });
  const io = new SocketServer({ path: REALTIME_PATH, serveClient: false });
  io.bind(engine);

  io.use(async (socket, next) => {
    const headers = new Headers();
    const cookie = socket.request.headers.cookie;
    if (cookie) headers.set('cookie', cookie);
    const user = await deps.resolveUser(headers).catch(() => null);
    if (!user) return next(new Error('UNAUTHORIZED'));
    socket.data.user = user;
    next();
  });

  // Per socket and run: the last seq sent, or a buffer while the backlog is read or a gap filled.
  const progress = new WeakMap<Socket, Map<string, RunProgress>>();

  const readStored = async (runId: string, afterSeq: number): Promise<RunEvent[]> => {
    const stored = await deps.db.runEvent.findMany({ where: { executionId: runId, seq: { gt: afterSeq } }, orderBy: { seq: 'asc' } });
    return stored.map((e) => ({
      runId,
      seq: e.seq,
      type: e.type as RunEvent['type'],
      ...(e.nodeId ? { nodeId: e.nodeId } : {}),
      at: e.at.getTime(),
      ...(e.data ? { data: e.data as RunEvent['data'] } : {}),
    }));
  };

  /**
   * Sends the events after `state.last` in order once the database has the missing ones; live
   * events arriving meanwhile queue in `state.buffer`. A gap that never fills (a lost write) is
   * given up after ~2 s so the client is not stalled for ever.
   */
  const catchUp = async (socket: Socket, runId: string, state: RunProgress): Promise<void> => {
    for (let attempt = 0; attempt < GAP_FILL_ATTEMPTS; attempt++) {
      if (!socket.connected || progress.get(socket)?.get(runId) !== state) return;
      const stored = await readStored(runId, state.last).catch(() => [] as RunEvent[]);
      const { ready, later } = contiguous(state.last, [...stored, ...(state.buffer ?? [])]);
      for (const event of ready) socket.emit('run:event', event);
      state.last = ready.at(-1)?.seq ?? state.last;
      if (later.length === 0) {
        state.buffer = null;
        return;
      }
      state.buffer = later;
      await new Promise((resolve) => setTimeout(resolve, GAP_FILL_DELAY_MS));
    }
    deps.logger.warn('live events: a gap in a run\'s events did not fill; sending what arrived', { runId, after: state.last });
    for (const event of state.buffer ?? []) socket.emit('run:event', event);
    state.last = state.buffer?.at(-1)?.seq ?? state.last;
    state.buffer = null;
  };

  io.on('connection', (socket) => {
    deps.onConnectionCount?.(io.engine.clientsCount);
    progress.set(socket, new Map());
    const user = socket.data.user as SessionUser;

    socket.on('join:workflow', async (raw: unknown, ack?: Ack) => {
      const input = JoinWorkflow.safeParse(raw);
      if (!input.success) return ack?.({ ok: false, error: 'BAD_REQUEST' });
      try {
        await authorize(deps.db, user.id, { workflowId: input.data.workflowId }, 'viewer');
      } catch {
        return ack?.({ ok: false, error: 'NOT_FOUND' });
      }
      await socket.join(`workflow:${input.data.workflowId}`);
      ack?.({ ok: true });
    });

    socket.on('join:run', async (raw: unknown, ack?: Ack) => {
      const input = JoinRun.safeParse(raw);
      if (!input.success) return ack?.({ ok: false, error: 'BAD_REQUEST' });
      const { runId, afterSeq } = input.data;
      const exec = await deps.db.execution.findUnique({ where: { id: runId }, select: { workflowId: true } });
      if (!exec) return ack?.({ ok: false, error: 'NOT_FOUND' });
      try {
        await authorize(deps.db, user.id, { workflowId: exec.workflowId }, 'viewer');
      } catch {
        return ack?.({ ok: false, error: 'NOT_FOUND' });
      }
      const runs = progress.get(socket)!;
      const state: RunProgress = { last: afterSeq, buffer: [] };
      runs.set(runId, state);
      await socket.join(`run:${runId}`);
      const backlog = await readStored(runId, afterSeq);
      const pending = state.buffer ?? [];
      // Only a gap-free prefix is acknowledged; events after a gap wait for the missing ones.
      const { ready, later } = contiguous(state.last, [...backlog, ...pending]);
      state.last = ready.at(-1)?.seq ?? state.last;
      state.buffer = later.length ? later : null;
      ack?.({ ok: true, events: ready });
      if (later.length) void catchUp(socket, runId, state);
    });

    socket.on('leave:run', (raw: unknown) => {
      const runId = typeof raw === 'object' && raw && typeof (raw as { runId?: unknown }).runId === 'string' ? (raw as { runId: string }).runId : null;
      if (!runId) return;
      progress.get(socket)?.delete(runId);
      void socket.leave(`run:${runId}`);
    });

    socket.on('disconnect', () => deps.onConnectionCount?.(io.engine.clientsCount));
  });

  const unsubscribe = deps.bus.subscribe((m) => {
    if (m.kind !== 'event') return;
    const { event, workflowId } = m;
    io.to(`workflow:${workflowId}`).emit('run:event', event);
    for (const id of io.sockets.adapter.rooms.get(`run:${event.runId}`) ?? []) {
      const socket = io.sockets.sockets.get(id);
      const state = socket && progress.get(socket)?.get(event.runId);
      if (!socket || !state) continue;
      if (state.buffer) state.buffer.push(event);
      else if (event.seq === state.last + 1) {
        state.last = event.seq;
        socket.emit('run:event', event);
      } else if (event.seq > state.last + 1) {
        // Published before its predecessors were readable (the bus does not wait for the
        // checkpoint's commit): hold it and fill the gap from the database.
        state.buffer = [event];
        void catchUp(socket, event.runId, state);
      }
    }
  });

  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => engine.handleUpgrade(req, socket, head),
    handleRequest: (req: IncomingMessage, res: ServerResponse) => engine.handleRequest(req, res),
    connections: () => io.engine.clientsCount,
    close: async () => {
      unsubscribe();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      engine.close();
    },
  };
}

export type LiveEvents = ReturnType<typeof createLiveEvents>;
