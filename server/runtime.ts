import { Redis } from 'ioredis';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Clock } from '../engine/clock.ts';
import { createDefaultRegistry } from '../engine/registry.ts';
import { createCopilotService } from './copilot/copilot-service.ts';
import { createCredentialService } from './credentials/credential-service.ts';
import { PrismaDataTableStore } from './data-tables/prisma-data-table-store.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics/metrics.ts';
import { createOutreachService, type OutreachService } from './outreach/outreach-service.ts';
import { BullRunQueue } from './queue/bullmq-queue.ts';
import { MemoryRunQueue } from './queue/memory-queue.ts';
import type { RunQueue } from './queue/run-queue.ts';
import { MemoryRunBus, RedisRunBus, type RunBus } from './runs/run-bus.ts';
import { RunService } from './runs/run-service.ts';
import { FeedPoller } from './triggers/feed-poller.ts';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './triggers/rate-limiter.ts';
import { Scheduler } from './triggers/scheduler.ts';
import { WebhookRouter } from './triggers/webhook-routes.ts';

export type RuntimeOptions = {
  db: PrismaClient;
  /** Checkpoint writer of the database (PostgreSQL: async commit); default Prisma. */
  execCheckpoint?: (sql: string, params: unknown[]) => Promise<void>;
  logger: Logger;
  encryptionKey: Buffer;
  metrics?: Metrics;
  /** Scaled mode when set: BullMQ queue, Redis bus and rate limits. */
  redisUrl?: string | undefined;
  /** Redis key prefix (tests use their own). */
  redisPrefix?: string;
  /** Process jobs in this process (always in embedded mode; `npm run worker` in scaled mode). */
  work: boolean;
  /** Runs processed at once by this process. */
  workerConcurrency?: number;
  /** Fire schedules from this process (safe in several: fires are deduplicated in the database). */
  schedules: boolean;
  httpAllowList?: readonly string[];
  /** BullMQ lock: how long until a silent (crashed) worker's job is taken over. Default 30 s. */
  lockDurationMs?: number;
  /** Scaled mode: how often to re-enqueue runs the queue lost, and how old a queued run must be. */
  reconcileEveryMs?: number;
  reconcileOlderThanMs?: number;
  /** Base of outreach tracking URLs (pixels, click links, inbound webhook). Default http://localhost:3000. */
  publicUrl?: string;
  /** Time of runs, schedules and feed polls (tests pass a fake clock to cross days). Default the system clock. */
  clock?: Clock;
};

/** The execution side of the app: queue, bus, run service, scheduler — embedded or on Redis. */
export async function createRuntime(opts: RuntimeOptions) {
  const prefix = opts.redisPrefix ?? 'ff';
  let queue: RunQueue;
  let bus: RunBus;
  let limiter: RateLimiter;
  let redis: Redis | null = null;
  if (opts.redisUrl) {
    queue = new BullRunQueue({ redisUrl: opts.redisUrl, prefix, ...(opts.lockDurationMs ? { lockDurationMs: opts.lockDurationMs } : {}) });
    const redisBus = new RedisRunBus(opts.redisUrl, prefix);
    await redisBus.whenReady();
    bus = redisBus;
    redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3 });
    redis.on('error', () => {});
    limiter = new RedisRateLimiter(redis, prefix);
  } else {
    queue = new MemoryRunQueue();
    bus = new MemoryRunBus();
    limiter = new MemoryRateLimiter();
  }
  const registry = createDefaultRegistry();
  // Created right after the run service, which it starts event-triggered runs through.
  let outreach: OutreachService | null = null;
  const runs = new RunService({
    db: opts.db,
    ...(opts.clock ? { clock: opts.clock } : {}),
    queue,
    bus,
    registry,
    encryptionKey: opts.encryptionKey,
    logger: opts.logger,
    ...(opts.execCheckpoint ? { execCheckpoint: opts.execCheckpoint } : {}),
    ...(opts.metrics ? { metrics: opts.metrics.runs, onNodeFinished: opts.metrics.observeNode } : {}),
    ...(opts.httpAllowList ? { httpAllowList: opts.httpAllowList } : {}),
    services: (run) => ({
      dataTables: new PrismaDataTableStore(opts.db, run.workspaceId),
      ...(outreach ? { outreach: outreach.trackerFor(run) } : {}),
    }),
  });
  const outreachService = createOutreachService({
    db: opts.db,
    encryptionKey: opts.encryptionKey,
    publicUrl: opts.publicUrl ?? 'http://localhost:3000',
    runs,
    logger: opts.logger.child({ mod: 'outreach' }),
  });
  outreach = outreachService;
  if (opts.work) {
    queue.work((job, signal) => runs.process(job.executionId, signal), { concurrency: opts.workerConcurrency ?? 20 });
    // Embedded: nothing else can own runs left running by a previous process.
    const reconciled = await runs.reconcile({ olderThanMs: 0, includeRunning: !opts.redisUrl });
    if (reconciled) opts.logger.info('re-enqueued runs found unfinished', { count: reconciled });
  }
  const scheduler = opts.schedules ? new Scheduler({ db: opts.db, runs, logger: opts.logger, ...(opts.clock ? { now: () => opts.clock!.now() } : {}) }) : null;
  scheduler?.start();
  // Feed triggers poll beside the schedules, deduplicated the same way (idempotency keys).
  const feedPoller = opts.schedules
    ? new FeedPoller({
        db: opts.db,
        runs,
        logger: opts.logger,
        ...(opts.httpAllowList ? { httpAllowList: opts.httpAllowList } : {}),
        ...(opts.clock ? { now: () => opts.clock!.now() } : {}),
      })
    : null;
  feedPoller?.start();
  // Scaled mode: a queue that lost jobs (Redis restarted) is refilled from the database.
  const reconcileTimer =
    opts.redisUrl && opts.work
      ? setInterval(
          () => void runs.reconcile({ olderThanMs: opts.reconcileOlderThanMs ?? 30_000 }).catch(() => {}),
          opts.reconcileEveryMs ?? 30_000,
        ).unref()
      : null;

  const webhooks = new WebhookRouter(opts.db);
  // Credential forms and tests: same key as the run engine, same allow-list as the HTTP node.
  const credentials = createCredentialService({
    db: opts.db,
    encryptionKey: opts.encryptionKey,
    ...(opts.httpAllowList ? { httpAllowList: opts.httpAllowList } : {}),
  });
  // The copilot talks to the workspace's AI provider through the same guarded fetch and allow-list.
  const copilot = createCopilotService({
    db: opts.db,
    registry,
    encryptionKey: opts.encryptionKey,
    ...(opts.httpAllowList ? { httpAllowList: opts.httpAllowList } : {}),
  });

  return {
    queue,
    bus,
    runs,
    registry,
    limiter,
    scheduler,
    feedPoller,
    webhooks,
    credentials,
    copilot,
    outreach: outreachService,
    invalidateWebhooks: (workflowId: string) => webhooks.invalidate(workflowId),
    async close(drainMs = 10_000) {
      if (reconcileTimer) clearInterval(reconcileTimer);
      scheduler?.stop();
      feedPoller?.stop();
      await queue.close(drainMs);
      await runs.close();
      await bus.close();
      await redis?.quit().catch(() => redis?.disconnect());
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
