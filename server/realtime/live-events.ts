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

  // Per socket and run: the last seq sent, or a buffer while the backlog is being read.
  const progress = new WeakMap<Socket, Map<string, { last: number; buffer: RunEvent[] | null }>>();

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
      runs.set(runId, { last: afterSeq, buffer: [] });
      await socket.join(`run:${runId}`);
      const stored = await deps.db.runEvent.findMany({ where: { executionId: runId, seq: { gt: afterSeq } }, orderBy: { seq: 'asc' } });
      const backlog: RunEvent[] = stored.map((e) => ({
        runId,
        seq: e.seq,
        type: e.type as RunEvent['type'],
        ...(e.nodeId ? { nodeId: e.nodeId } : {}),
        at: e.at.getTime(),
        ...(e.data ? { data: e.data as RunEvent['data'] } : {}),
      }));
      const state = runs.get(runId)!;
      const buffered = state.buffer ?? [];
      state.buffer = null;
      const all = [...backlog, ...buffered].filter((e, i, arr) => e.seq > afterSeq && arr.findIndex((x) => x.seq === e.seq) === i);
      all.sort((a, b) => a.seq - b.seq);
      state.last = all.at(-1)?.seq ?? afterSeq;
      ack?.({ ok: true, events: all });
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
      else if (event.seq > state.last) {
        state.last = event.seq;
        socket.emit('run:event', event);
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
