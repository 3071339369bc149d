import type { Clock } from '../engine/clock.ts';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Extension } from '@hocuspocus/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import { createContext } from './api/context.ts';
import { appRouter } from './api/routers/app.ts';
import { CLIENT_IP_HEADER, createAuth, type Auth } from './auth/create-auth.ts';
import { createSessionResolver } from './auth/session-cache.ts';
import type { CollabLimits } from './collab/collab-limits.ts';
import { createCollabServer } from './collab/collab-server.ts';
import { COLLAB_PATH, type CollabService } from './collab/collab-service.ts';
import { loadRedisExtension } from './collab/redis-extension.ts';
import type { AppConfig } from './config.ts';
import { openDatabase, type Database } from './db/open-database.ts';
import { createHealthHandlers } from './http/health.ts';
import { sendJson } from './http/send-json.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, routeLabel } from './metrics/metrics.ts';
import { createOutreachHttpHandler, INBOUND_PREFIX, TRACKING_PREFIX } from './outreach/tracking-handler.ts';
import { createLiveEvents, REALTIME_PATH } from './realtime/live-events.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { loadSecrets } from './secrets.ts';
import { createWebhookHandler, HOOKS_PREFIX } from './triggers/webhook-handler.ts';

export type AppServer = {
  url: string;
  port: number;
  db: Database;
  auth: Auth;
  runtime: Runtime;
  collab: CollabService;
  server: http.Server;
  close(): Promise<void>;
};

export type StartOptions = {
  config: AppConfig;
  /** Serve the Next.js pages (off in API-only tests). */
  withNext?: boolean;
  /** Use an already-open database (tests share one per file). */
  database?: Database;
  logger?: Logger;
  signInPerMinute?: number;
  /** Process runs in this process. Default: yes in embedded mode, no when REDIS_URL is set (workers do). */
  work?: boolean;
  /** Redis key prefix (tests isolate themselves with their own). */
  redisPrefix?: string;
  /** Hosts/CIDRs HTTP nodes may reach although private (tests use 127.0.0.1). */
  httpAllowList?: readonly string[];
  /** Webhook limits (tests lower them). */
  webhookMaxBodyBytes?: number;
  webhookResponseTimeoutMs?: number;
  /** Time of runs, schedules and feed polls (tests). */
  clock?: Clock;
  /** Collaboration limits and persistence debounce (tests lower them); `redis` replaces the one REDIS_URL would load. */
  collab?: { limits?: Partial<CollabLimits>; debounceMs?: number; maxDebounceMs?: number; redis?: Extension };
};

type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * One HTTP server for everything: health, auth, tRPC and the Next.js app on the same port.
 * Later layers (Hocuspocus on /collab, socket.io on /rt, webhooks) register here too.
 */
export async function startAppServer(options: StartOptions): Promise<AppServer> {
  const { config } = options;
  const log = options.logger ?? createLogger(config.logLevel);

  // Listen first (so port 0 resolves to a real port and the public URL is known), answering
  // 503 until every layer is ready.
  let handle: http.RequestListener = (_req, res) => sendJson(res, 503, { status: 'starting' });
  const server = http.createServer((req, res) => handle(req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  const publicUrl = config.port === 0 ? url : config.publicUrl;
  try {
    return await setUp();
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }

  async function setUp(): Promise<AppServer> {
    const db =
      options.database ??
      (config.databaseUrl
        ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
        : await openDatabase({ kind: 'pglite', dataDir: config.dataDir }));
    if (db.applied.length) log.info('migrations applied', { migrations: db.applied });

    const secrets = await loadSecrets(config.dataDir, { authSecret: config.authSecret, encryptionKey: config.encryptionKey });
    const auth = createAuth({
      prisma: db.prisma,
      secret: secrets.authSecret,
      baseURL: publicUrl,
      ...(options.signInPerMinute ? { signInPerMinute: options.signInPerMinute } : {}),
    });

    const resolveUser = createSessionResolver(auth);
    const { redis: collabRedis, ...collabOptions } = options.collab ?? {};
    const collab = createCollabServer({
      db: db.prisma,
      resolveUser,
      authSecret: secrets.authSecret,
      publicUrl,
      logger: log.child({ mod: 'collab' }),
      redis:
        collabRedis ??
        (config.redisUrl ? await loadRedisExtension(config.redisUrl, options.redisPrefix ? { prefix: `${options.redisPrefix}:collab` } : {}) : null),
      ...collabOptions,
    });
    const health = createHealthHandlers(db.prisma, db.kind);
    let live: ReturnType<typeof createLiveEvents> | null = null;
    let runtime: Runtime | null = null;
    const metrics = createMetrics({
      queueCounts: () => (runtime ? runtime.queue.counts() : Promise.resolve({ waiting: 0, active: 0, delayed: 0 })),
      socketCount: () => live?.connections() ?? 0,
    });
    runtime = await createRuntime({
      db: db.prisma,
      ...(db.execCheckpoint ? { execCheckpoint: db.execCheckpoint } : {}),
      logger: log,
      encryptionKey: secrets.encryptionKey,
      metrics,
      redisUrl: config.redisUrl,
      ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
      work: options.work ?? !config.redisUrl,
      schedules: true,
      ...(options.httpAllowList ? { httpAllowList: options.httpAllowList } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      publicUrl,
    });
    live = createLiveEvents({ db: db.prisma, bus: runtime.bus, resolveUser, logger: log });
    const webhookHandler = createWebhookHandler({
      db: db.prisma,
      runs: runtime.runs,
      router: runtime.webhooks,
      limiter: runtime.limiter,
      encryptionKey: secrets.encryptionKey,
      logger: log,
      ...(options.webhookMaxBodyBytes ? { maxBodyBytes: options.webhookMaxBodyBytes } : {}),
      ...(options.webhookResponseTimeoutMs ? { responseTimeoutMs: options.webhookResponseTimeoutMs } : {}),
    });
    const outreachHandler = createOutreachHttpHandler({ service: runtime.outreach, limiter: runtime.limiter, logger: log });
    const authHandler = toNodeHandler(auth);
    const trpcHandler = createHTTPHandler({
      router: appRouter,
      basePath: '/api/trpc/',
      createContext: ({ req }) => createContext({ db: db.prisma, resolveUser, publicUrl, runtime: runtime!, collab }, fromNodeHeaders(req.headers)),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error('tRPC failure', { path, err: error.cause ?? error });
      },
    });

    let nextHandler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
    let nextClose: (() => Promise<void>) | null = null;
    if (options.withNext) {
      const { default: next } = await import('next');
      const app = next({ dev: config.dev, dir: process.cwd(), hostname: 'localhost', port: config.port });
      await app.prepare();
      nextHandler = app.getRequestHandler();
      nextClose = () => app.close();
    }

    handle = (req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      // The client address comes from the socket, never from a client-supplied header.
      req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? 'unknown';
      metrics.observeHttp(routeLabel(path), req, res);
      if (path === '/healthz') return health.healthz(req, res);
      if (path === '/readyz') return void health.readyz(req, res);
      if (path === '/metrics') return void metrics.serve(req, res);
      if (path.startsWith(HOOKS_PREFIX)) {
        return void webhookHandler(req, res).catch((err: unknown) => {
          log.error('webhook failure', { path, err });
          if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'Internal error' } });
        });
      }
      if (path.startsWith(TRACKING_PREFIX) || path.startsWith(INBOUND_PREFIX)) {
        return void outreachHandler(req, res).catch((err: unknown) => {
          log.error('outreach endpoint failure', { path, err });
          if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'Internal error' } });
        });
      }
      if (path.startsWith(`${REALTIME_PATH}/`)) return live!.handleRequest(req, res);
      if (path.startsWith('/api/auth/')) return void authHandler(req, res);
      if (path.startsWith('/api/trpc/')) return void trpcHandler(req, res);
      if (nextHandler) return void nextHandler(req, res).catch((err: unknown) => {
        log.error('page failure', { path, err });
        if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
      });
      sendJson(res, 404, { error: 'Not found' });
    };

    // Upgrades for our own paths are routed here; anything else (Next's HMR) is left to Next.
    const upgradeRoutes = new Map<string, UpgradeHandler>([
      [`${REALTIME_PATH}/`, live.handleUpgrade],
      [COLLAB_PATH, collab.handleUpgrade],
    ]);
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      for (const [prefix, handle] of upgradeRoutes) if (path.startsWith(prefix)) return handle(req, socket, head);
    });

    let closing: Promise<void> | null = null;
    return {
      url,
      port,
      db,
      auth,
      runtime,
      collab,
      server,
      close: () =>
        (closing ??= (async () => {
          server.closeIdleConnections();
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Collab first: it persists every open document while the database is still there.
          await collab.close();
          await live?.close();
          await runtime?.close();
          server.closeAllConnections();
          await closed;
          await nextClose?.();
          if (!options.database) await db.close();
        })()),
    };
  }
}
