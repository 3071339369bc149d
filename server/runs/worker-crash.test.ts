import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../engine/registry.ts';
import { createLogger } from '../logger.ts';
import { BullRunQueue } from '../queue/bullmq-queue.ts';
import { startCountingServer } from '../testing/counting-server.ts';
import { seedWorkflow } from '../testing/fixtures.ts';
import { createTestDatabase, databaseTargets, TEST_POSTGRES_URL, type TestDatabase } from '../testing/test-databases.ts';
import { REDIS_URL, redisAvailable, removeRedisPrefix } from '../testing/test-redis.ts';
import { MemoryRunBus } from './run-bus.ts';
import { RunService } from './run-service.ts';

// Scaled mode with real worker *processes*: a worker killed with SIGKILL mid-run is replaced,
// the run finishes, and no node that had finished runs twice (counted by a local server).
const scaled = (await databaseTargets()).includes('postgres') && (await redisAvailable());

function httpNode(id: string, url: string) {
  return { id, type: 'core.httpRequest', name: id.toUpperCase(), params: { url, retry: { onStatus: false } } };
}

describe.runIf(scaled)('worker crash and Redis loss (PostgreSQL + Redis, worker processes)', () => {
  let db: TestDatabase;
  let dbUrl: string;
  let queue: BullRunQueue;
  let service: RunService;
  let counter: Awaited<ReturnType<typeof startCountingServer>>;
  const prefix = `fftest-${randomUUID().slice(0, 8)}`;
  const workers: ChildProcess[] = [];

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/worker.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        REDIS_URL,
        FLOWFORGE_REDIS_PREFIX: prefix,
        FLOWFORGE_HTTP_ALLOW_LIST: '127.0.0.1',
        WORKER_LOCK_MS: '1500',
        FLOWFORGE_RECONCILE_MS: '1000',
        WORKER_SCHEDULES: '0',
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: '--disable-warning=ExperimentalWarning',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    workers.push(child);
    return child;
  }
  const ready = (child: ChildProcess) =>
    new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err += d;
        if (err.includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
    });
  const until = async (cond: () => Promise<boolean> | boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${(await db.prisma.$queryRawUnsafe<Array<{ d: string }>>('SELECT current_database() AS d'))[0]!.d}`;
    dbUrl = url.toString();
    counter = await startCountingServer(400);
    queue = new BullRunQueue({ redisUrl: REDIS_URL, prefix });
    service = new RunService({
      db: db.prisma,
      queue,
      bus: new MemoryRunBus(),
      registry: createDefaultRegistry(),
      encryptionKey: Buffer.alloc(32, 1),
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await service?.close();
    await queue?.close(100);
    await counter?.close();
    await removeRedisPrefix(prefix);
    await db?.destroy();
  });

  it('a run whose worker is killed with SIGKILL finishes on another worker; finished nodes never run twice', async () => {
    const { workflow, version } = await seedWorkflow(db.prisma, {
      schemaVersion: 1,
      nodes: [
        { id: 'start', type: 'core.manualTrigger', name: 'Start' },
        httpNode('a', `${counter.url}/a`),
        httpNode('b', `${counter.url}/b`),
        httpNode('c', `${counter.url}/c`),
        httpNode('d', `${counter.url}/d`),
      ],
      edges: [
        { id: 'e0', source: 'start', target: 'a' },
        { id: 'e1', source: 'a', target: 'b' },
        { id: 'e2', source: 'b', target: 'c' },
        { id: 'e3', source: 'c', target: 'd' },
      ],
    });
    const first = startWorker();
    await ready(first);
    const { executionId } = await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'manual' });

    // Kill the worker while B is in flight (A has finished and is checkpointed).
    await until(() => counter.hits('/b') === 1);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect((await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } })).status).toBe('running');

    await ready(startWorker());
    await until(async () => (await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } })).status === 'succeeded', 60_000);

    expect(counter.hits('/a')).toBe(1); // finished before the crash: not run again
    expect(counter.hits('/b')).toBe(2); // in flight at the crash: at-least-once, so once more
    expect(counter.hits('/c')).toBe(1);
    expect(counter.hits('/d')).toBe(1);
    const events = await db.prisma.runEvent.findMany({ where: { executionId }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.some((e) => e.type === 'run.resumed')).toBe(true);
  }, 120_000);

  it('drains a running run on SIGTERM before the worker exits', async () => {
    const { workflow, version } = await seedWorkflow(db.prisma, {
      schemaVersion: 1,
      nodes: [
        { id: 'start', type: 'core.manualTrigger', name: 'Start' },
        httpNode('p', `${counter.url}/p`),
        httpNode('q', `${counter.url}/q`),
      ],
      edges: [
        { id: 'e0', source: 'start', target: 'p' },
        { id: 'e1', source: 'p', target: 'q' },
      ],
    });
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    const worker = startWorker();
    await ready(worker);
    const { executionId } = await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'manual' });
    await until(() => counter.hits('/p') === 1);
    const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    const exec = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(exec.status).toBe('succeeded');
    expect([counter.hits('/p'), counter.hits('/q')]).toEqual([1, 1]);
    await ready(startWorker()); // for the next test
  }, 60_000);

  it('loses no run when Redis loses its data and connections mid-load', async () => {
    const fast = await startCountingServer(0);
    try {
      const { workflow, version } = await seedWorkflow(db.prisma, {
        schemaVersion: 1,
        nodes: [{ id: 'start', type: 'core.manualTrigger', name: 'Start' }, httpNode('ping', `${fast.url}/ping`)],
        edges: [{ id: 'e0', source: 'start', target: 'ping' }],
      });
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) ids.push((await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'manual' })).executionId);

      // Like a Redis restart without persistence: our keys vanish and our connections drop.
      const pendingAtLoss = await db.prisma.execution.count({ where: { id: { in: ids }, status: 'queued' } });
      await removeRedisPrefix(prefix);
      const admin = new Redis(REDIS_URL);
      const clients = String(await admin.client('LIST')).split('\n').filter((l) => l.includes(`name=${prefix}`));
      for (const line of clients) await admin.client('KILL', 'ID', /id=(\d+)/.exec(line)![1]!).catch(() => 0);
      await admin.quit();
      for (let i = 0; i < 20; i++) ids.push((await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'manual' })).executionId);

      await until(async () => (await db.prisma.execution.count({ where: { id: { in: ids }, status: 'succeeded' } })) === ids.length, 60_000);
      expect(await db.prisma.execution.count({ where: { id: { in: ids }, status: { not: 'succeeded' } } })).toBe(0);
      expect(pendingAtLoss).toBeGreaterThan(0); // the loss really hit queued runs
    } finally {
      await fast.close();
    }
  }, 120_000);
});
