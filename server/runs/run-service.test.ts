import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../engine/registry.ts';
import { createLogger } from '../logger.ts';
import { BullRunQueue } from '../queue/bullmq-queue.ts';
import { MemoryRunQueue } from '../queue/memory-queue.ts';
import type { RunQueue } from '../queue/run-queue.ts';
import { seedWorkflow } from '../testing/fixtures.ts';
import { REDIS_URL, redisAvailable, removeRedisPrefix } from '../testing/test-redis.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../testing/test-databases.ts';
import { MemoryRunBus, type BusMessage } from './run-bus.ts';
import { RunService } from './run-service.ts';

const targets = await databaseTargets();
const queues: Array<'memory' | 'bullmq'> = (await redisAvailable()) ? ['memory', 'bullmq'] : ['memory'];
const combos = targets.flatMap((t) => queues.map((q) => [t, q] as const));

const CHAIN = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'core.manualTrigger', name: 'Start' },
    { id: 'double', type: 'core.set', name: 'Double', params: { fields: [{ name: 'doubled', value: '{{ $json.n * 2 }}' }] } },
    { id: 'pause', type: 'core.wait', name: 'Pause', params: { mode: 'duration', amount: 0.3, unit: 'seconds' } },
    { id: 'end', type: 'core.noOp', name: 'End' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'double' },
    { id: 'e2', source: 'double', target: 'pause' },
    { id: 'e3', source: 'pause', target: 'end' },
  ],
};

describe.each(combos)('RunService on %s with the %s queue', (target, queueKind) => {
  let db: TestDatabase;
  let queue: RunQueue;
  let service: RunService;
  const bus = new MemoryRunBus();
  const prefix = `fftest-${randomUUID().slice(0, 8)}`;
  const seen: BusMessage[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(target);
    queue = queueKind === 'bullmq' ? new BullRunQueue({ redisUrl: REDIS_URL, prefix }) : new MemoryRunQueue();
    service = new RunService({
      db: db.prisma,
      queue,
      bus,
      registry: createDefaultRegistry(),
      encryptionKey: Buffer.alloc(32, 7),
      logger: createLogger('silent'),
    });
    bus.subscribe((m) => seen.push(m));
    queue.work((job, signal) => service.process(job.executionId, signal), { concurrency: 4 });
  });
  afterAll(async () => {
    await service?.close();
    await queue?.close(1000);
    if (queueKind === 'bullmq') await removeRedisPrefix(prefix);
    await db?.destroy();
  });

  it('runs a chain through a Wait node, checkpointing every node and numbering events without gaps', async () => {
    const { workflow, version } = await seedWorkflow(db.prisma, CHAIN);
    const { executionId } = await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'manual', items: [{ json: { n: 21 } }] });
    const result = await service.waitFor(executionId, 'finished', 20_000);
    expect(result?.status === 'waiting' ? (await service.waitFor(executionId, 'finished', 20_000))?.status : result?.status).toBeDefined();
    let exec = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    for (let i = 0; i < 100 && exec.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      exec = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    }
    expect(exec.status).toBe('succeeded');
    expect(exec.output).toEqual([{ json: { n: 21, doubled: 42 } }]);

    const nodeRuns = await db.prisma.nodeRun.findMany({ where: { executionId }, orderBy: { startedAt: 'asc' } });
    expect(Object.fromEntries(nodeRuns.map((r) => [r.nodeId, r.status]))).toEqual({
      start: 'succeeded', double: 'succeeded', pause: 'succeeded', end: 'succeeded',
    });
    const events = await db.prisma.runEvent.findMany({ where: { executionId }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toContain('run.waiting');
    expect(events.map((e) => e.type)).toContain('run.resumed');
    expect(events.at(-1)!.type).toBe('run.finished');
    expect(exec.lastSeq).toBe(events.length);

    // What was published is exactly what was stored, in order.
    const published = seen.filter((m): m is Extract<BusMessage, { kind: 'event' }> => m.kind === 'event' && m.event.runId === executionId);
    expect(published.map((m) => m.event.seq)).toEqual(events.map((e) => e.seq));
    expect(published.every((m) => m.workflowId === workflow.id)).toBe(true);
  });

  it('returns the first run for a repeated idempotency key', async () => {
    const { workflow, version } = await seedWorkflow(db.prisma, { ...CHAIN, nodes: CHAIN.nodes.slice(0, 2), edges: CHAIN.edges.slice(0, 1) });
    const a = await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'webhook', idempotencyKey: 'k-1' });
    const b = await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'webhook', idempotencyKey: 'k-1' });
    expect(b).toEqual({ executionId: a.executionId, duplicate: true });
    expect(await db.prisma.execution.count({ where: { workflowId: workflow.id } })).toBe(1);
  });

  it('cancels a waiting run', async () => {
    const long = { ...CHAIN, nodes: CHAIN.nodes.map((n) => (n.id === 'pause' ? { ...n, params: { mode: 'duration', amount: 1, unit: 'hours' } } : n)) };
    const { workflow, version } = await seedWorkflow(db.prisma, long);
    const { executionId } = await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'manual' });
    expect((await service.waitFor(executionId, 'finished', 20_000))?.status).toBe('waiting');
    expect(await service.cancel(executionId)).toBe(true);
    const exec = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(exec.status).toBe('cancelled');
    expect(await service.cancel(executionId)).toBe(false);
  });

  it('fails a run whose version does not compile, with the reason', async () => {
    const { workflow, version } = await seedWorkflow(db.prisma, CHAIN);
    await db.prisma.workflowVersion.update({
      where: { id: version.id },
      data: { definition: { schemaVersion: 1, nodes: [{ id: 'x', type: 'core.nope', name: 'X' }], edges: [] } },
    });
    const { executionId } = await service.start({ workflowId: workflow.id, versionId: version.id, trigger: 'manual' });
    const result = await service.waitFor(executionId, 'finished', 20_000);
    expect(result?.status).toBe('failed');
    expect(result?.error?.message).toMatch(/does not compile/);
  });
});
