// `npm run worker`: a worker process for the scaled mode. It takes runs from the BullMQ
// queue, executes them and checkpoints every node; the web processes only enqueue.
import http from 'node:http';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { createRuntime } from './runtime.ts';
import { loadSecrets } from './secrets.ts';

const config = loadConfig();
const log = createLogger(config.logLevel, { proc: 'worker', pid: process.pid });
if (!config.databaseUrl || !config.redisUrl) {
  console.error('npm run worker is for the scaled mode: set DATABASE_URL and REDIS_URL. The embedded default (npm start) runs work in its own process.');
  process.exit(1);
}
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 20);
const drainMs = Number(process.env.WORKER_DRAIN_MS ?? 30_000);

const db = await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: Math.min(50, concurrency + 5) });
const secrets = await loadSecrets(config.dataDir, { authSecret: config.authSecret, encryptionKey: config.encryptionKey });
const runtimeRef: { current?: Awaited<ReturnType<typeof createRuntime>> } = {};
const metrics = createMetrics({ queueCounts: () => runtimeRef.current!.queue.counts() });
const runtime = await createRuntime({
  db: db.prisma,
  ...(db.execCheckpoint ? { execCheckpoint: db.execCheckpoint } : {}),
  logger: log,
  encryptionKey: secrets.encryptionKey,
  metrics,
  redisUrl: config.redisUrl,
  ...(process.env.FLOWFORGE_REDIS_PREFIX ? { redisPrefix: process.env.FLOWFORGE_REDIS_PREFIX } : {}),
  work: true,
  workerConcurrency: concurrency,
  schedules: process.env.WORKER_SCHEDULES !== '0',
  ...(config.httpAllowList.length ? { httpAllowList: config.httpAllowList } : {}),
  // Tracking links in emails sent by this worker point at the web process.
  publicUrl: config.publicUrl,
  ...(process.env.WORKER_LOCK_MS ? { lockDurationMs: Number(process.env.WORKER_LOCK_MS) } : {}),
  ...(process.env.FLOWFORGE_RECONCILE_MS
    ? { reconcileEveryMs: Number(process.env.FLOWFORGE_RECONCILE_MS), reconcileOlderThanMs: Number(process.env.FLOWFORGE_RECONCILE_MS) }
    : {}),
});
runtimeRef.current = runtime;

// Optional metrics endpoint for Prometheus to scrape workers too.
const metricsPort = process.env.METRICS_PORT ? Number(process.env.METRICS_PORT) : null;
const metricsServer = metricsPort ? http.createServer((req, res) => void metrics.serve(req, res)).listen(metricsPort) : null;

log.info('worker ready', { concurrency });
process.stderr.write(`FlowForge worker ${process.pid} ready (concurrency ${concurrency})\n`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info('draining', { signal, drainMs });
  // Running nodes get until the deadline; what is still running then is left to stalled-job recovery.
  await runtime.close(drainMs);
  metricsServer?.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
