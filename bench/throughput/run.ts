// Throughput of the reference workflow driven over HTTP (webhook, answered by Respond to
// Webhook, every run persisted), side by side: embedded (in-process queue + PGlite) and
// scaled (BullMQ + PostgreSQL) with 1 and 2 worker processes, at 10 and 100 connections;
// plus raw BullMQ no-op jobs/s on the same Redis as the ceiling.
//   npx tsx bench/throughput/run.ts [seconds=20]
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { removeRedisPrefix } from '../../server/testing/test-redis.ts';
import { runLoad } from '../lib/load.ts';

const seconds = Number(process.argv[2] ?? 20);
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const env = { ...process.env, NODE_OPTIONS: '--disable-warning=ExperimentalWarning', LOG_LEVEL: 'error' };

function spawnTs(script: string, args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...env, ...extraEnv } });
}
const firstLine = (child: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
};

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  await c.query(sql);
  await c.end();
}

async function scenario(label: string, mode: 'embedded' | 'scaled', workers: number) {
  const prefix = `ffbench-${randomUUID().slice(0, 6)}`;
  const dbName = `ff_bench_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
  let dbUrl = '';
  if (mode === 'scaled') {
    await admin(`CREATE DATABASE ${dbName}`);
    const u = new URL(PG);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  }
  const web = spawnTs('bench/throughput/serve.ts', [mode, dbUrl], { FLOWFORGE_REDIS_PREFIX: prefix, REDIS_URL: REDIS });
  const { hookUrl } = JSON.parse(await firstLine(web)) as { hookUrl: string };
  const workerProcs: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) {
    const w = spawn(process.execPath, ['--import', 'tsx', 'server/worker.ts'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...env, DATABASE_URL: dbUrl, REDIS_URL: REDIS, FLOWFORGE_REDIS_PREFIX: prefix, WORKER_CONCURRENCY: '50', WORKER_SCHEDULES: '0' },
    });
    await new Promise<void>((resolve, reject) => {
      w.stderr!.on('data', (d: Buffer) => String(d).includes('ready') && resolve());
      w.once('exit', (c) => reject(new Error(`worker exited ${c}`)));
    });
    workerProcs.push(w);
  }
  const rows = [];
  try {
    let n = 0;
    const body = () => JSON.stringify({ amount: n++ % 200 });
    const headers = { 'content-type': 'application/json' };
    await runLoad({ url: hookUrl, method: 'POST', headers, body, connections: 10, durationMs: 3000 }); // warm-up
    for (const connections of [10, 100]) {
      const r = await runLoad({ url: hookUrl, method: 'POST', headers, body, connections, durationMs: seconds * 1000 });
      rows.push({ scenario: label, connections, 'runs/s': r.rps, p50: r.p50, p95: r.p95, p99: r.p99, errors: r.errors, runs: r.requests });
    }
  } finally {
    await Promise.all(workerProcs.map(stop));
    await stop(web);
    if (mode === 'scaled') await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await removeRedisPrefix(prefix, REDIS);
  }
  return rows;
}

/** Raw BullMQ: add 20k no-op jobs in bulk, process with concurrency 50 in this process. */
async function bullmqCeiling() {
  const prefix = `ffbench-raw-${randomUUID().slice(0, 6)}`;
  const connection = () => new Redis(REDIS, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection: connection(), prefix });
  const total = 20_000;
  let done = 0;
  const t0 = performance.now();
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('noop', async () => {}, { connection: connection(), prefix, concurrency: 50 });
    worker.on('completed', () => {
      if (++done === total) void worker.close().then(resolve);
    });
  });
  for (let i = 0; i < total; i += 1000) await queue.addBulk(Array.from({ length: 1000 }, (_, j) => ({ name: 'n', data: { i: i + j }, opts: { removeOnComplete: true } })));
  await finished;
  const secs = (performance.now() - t0) / 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  return { scenario: 'raw BullMQ no-op jobs (ceiling)', connections: '-', 'runs/s': Math.round(total / secs), p50: '-', p95: '-', p99: '-', errors: 0, runs: total };
}

const table = [];
table.push(...(await scenario('embedded (in-process queue + PGlite)', 'embedded', 0)));
table.push(...(await scenario('scaled, 1 worker (BullMQ + PostgreSQL)', 'scaled', 1)));
table.push(...(await scenario('scaled, 2 workers (BullMQ + PostgreSQL)', 'scaled', 2)));
table.push(await bullmqCeiling());
console.log(`\nReference workflow over HTTP, ${seconds}s per row after warm-up; latency in ms`);
console.table(table);
process.exit(0);
