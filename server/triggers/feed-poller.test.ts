import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rssDocument, RSS_CONTENT_TYPE, type TestEntry } from '../../engine/feeds/testing.ts';
import { createDefaultRegistry } from '../../engine/registry.ts';
import { startTestServer, type TestResponse, type TestServer } from '../../engine/testing/test-server.ts';
import { createLogger } from '../logger.ts';
import { MemoryRunQueue } from '../queue/memory-queue.ts';
import { MemoryRunBus } from '../runs/run-bus.ts';
import { RunService } from '../runs/run-service.ts';
import { seedWorkflow } from '../testing/fixtures.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../testing/test-databases.ts';
import { ActivationError, activateVersion, deactivateWorkflow } from './activation.ts';
import { FeedPoller, feedItemKey, type FeedPollState } from './feed-poller.ts';

const targets = await databaseTargets();
const MINUTE = 60_000;

type FakeFeed = { entries: TestEntry[]; status?: number; body?: string; etag?: boolean };

describe.each(targets)('FeedPoller on %s', (target) => {
  let db: TestDatabase;
  let queue: MemoryRunQueue;
  let runs: RunService;
  let server: TestServer;
  const feeds = new Map<string, FakeFeed>();
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger('debug', {}, (line) => {
    logs.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  });
  let now = Date.parse('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase(target);
    queue = new MemoryRunQueue();
    runs = new RunService({
      db: db.prisma,
      queue,
      bus: new MemoryRunBus(),
      registry: createDefaultRegistry(),
      encryptionKey: Buffer.alloc(32, 7),
      logger: createLogger('silent'),
    });
    queue.work((job, signal) => runs.process(job.executionId, signal), { concurrency: 4 });
    server = await startTestServer((req): TestResponse => {
      const feed = feeds.get(req.path);
      if (!feed) return { status: 404, body: 'no such feed' };
      if (feed.status) return { status: feed.status, body: 'feed server trouble' };
      const body = feed.body ?? rssDocument(feed.entries);
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      if (feed.etag && req.headers['if-none-match'] === etag) return { status: 304 };
      return { headers: { 'content-type': RSS_CONTENT_TYPE, ...(feed.etag ? { etag } : {}) }, body };
    });
  });
  afterAll(async () => {
    await runs?.close();
    await queue?.close(1000);
    await server?.close();
    await db?.destroy();
  });

  // Every tick polls every poll trigger in the database: each test sees only its own.
  beforeEach(async () => {
    await db.prisma.trigger.deleteMany({});
  });

  const poller = (options: { allow?: boolean } = {}) =>
    new FeedPoller({ db: db.prisma, runs, logger, now: () => now, ...(options.allow === false ? {} : { httpAllowList: ['127.0.0.1'] }) });

  /** A workflow "feed trigger → Set", activated like the API does. */
  async function activeFeedFlow(path: string, entries: TestEntry[], pollMinutes = 5) {
    feeds.set(path, { entries });
    const definition = {
      schemaVersion: 1,
      nodes: [
        { id: 'feed', type: 'core.rssFeedTrigger', name: 'Feed', params: { url: `${server.url}${path}`, pollMinutes } },
        { id: 'tag', type: 'core.set', name: 'Tag', params: { fields: [{ name: 'handled', value: true }] } },
      ],
      edges: [{ id: 'e1', source: 'feed', target: 'tag' }],
    };
    const { workflow, version } = await seedWorkflow(db.prisma, definition);
    await activateVersion(db.prisma, workflow.id, version.id);
    return { workflowId: workflow.id, versionId: version.id, definition, url: `${server.url}${path}` };
  }

  const triggerOf = (workflowId: string) => db.prisma.trigger.findFirstOrThrow({ where: { workflowId, type: 'poll' } });
  const stateOf = async (workflowId: string) => (await triggerOf(workflowId)).state as FeedPollState;
  const runCount = (workflowId: string) => db.prisma.execution.count({ where: { workflowId } });
  const logsFor = (triggerId: string) => logs.filter((l) => l.triggerId === triggerId);

  it('seeds on the first poll, then starts one run per new entry, oldest first, and nothing for the same feed', async () => {
    const flow = await activeFeedFlow('/blog', [{ id: 'b' }, { id: 'a' }]);
    const trigger = await triggerOf(flow.workflowId);
    expect(trigger.state).toEqual({ url: flow.url, pollMinutes: 5 });
    const p = poller();

    expect(await p.tick()).toEqual([]);
    expect(await runCount(flow.workflowId)).toBe(0);
    expect((await stateOf(flow.workflowId)).seen).toEqual([feedItemKey(flow.url, 'b'), feedItemKey(flow.url, 'a')]);
    expect(logsFor(trigger.id).map((l) => l.msg)).toEqual(['feed seeded: entries already listed start no runs']);

    // Not due yet: the feed is not even fetched.
    feeds.get('/blog')!.entries.unshift({ id: 'c', title: 'Fresh & new', publishedAt: '2026-03-02T09:03:00Z' });
    now += 4 * MINUTE;
    expect(await p.tick()).toEqual([]);
    expect(server.hits('/blog')).toBe(1);

    now += 1 * MINUTE;
    const [runId, ...more] = await p.tick();
    expect(more).toEqual([]);
    const exec = await db.prisma.execution.findUniqueOrThrow({ where: { id: runId! } });
    expect(exec).toMatchObject({ trigger: 'poll', triggerNodeId: 'feed', idempotencyKey: `poll:feed:${feedItemKey(flow.url, 'c')}` });
    expect(exec.input).toEqual([{ json: expect.objectContaining({ id: 'c', title: 'Fresh & new', publishedAt: '2026-03-02T09:03:00.000Z' }) }]);
    const finished = await runs.waitFor(runId!, 'finished', 10_000);
    expect(finished).toMatchObject({ status: 'succeeded', output: [{ json: expect.objectContaining({ id: 'c', handled: true }) }] });

    now += 5 * MINUTE;
    expect(await p.tick()).toEqual([]);
    expect(server.hits('/blog')).toBe(3);
    expect(await runCount(flow.workflowId)).toBe(1);

    // Two new entries: started oldest first, whatever their order in the feed.
    feeds.get('/blog')!.entries.unshift({ id: 'e', publishedAt: '2026-03-02T09:20:00Z' }, { id: 'd', publishedAt: '2026-03-02T09:10:00Z' });
    feeds.get('/blog')!.entries.forEach((e) => (e.publishedAt ??= '2026-03-01T00:00:00Z'));
    now += 5 * MINUTE;
    const started = await p.tick();
    const inputs = await Promise.all(started.map(async (id) => (await db.prisma.execution.findUniqueOrThrow({ where: { id } })).input));
    expect(inputs.map((input) => (input as Array<{ json: { id: string } }>)[0]!.json.id)).toEqual(['d', 'e']);
    expect((await stateOf(flow.workflowId)).seen).toHaveLength(5);
  });

  it('starts each new entry once with two pollers at once, even after a lost cursor', async () => {
    const flow = await activeFeedFlow('/busy', [{ id: 'old' }]);
    const a = poller();
    const b = poller();
    expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
    const seeded = await triggerOf(flow.workflowId);

    feeds.get('/busy')!.entries.unshift({ id: 'n3' }, { id: 'n2' }, { id: 'n1' });
    now += 5 * MINUTE;
    const [fromA, fromB] = await Promise.all([a.tick(), b.tick()]);
    expect([...fromA, ...fromB]).toHaveLength(3);
    expect(await runCount(flow.workflowId)).toBe(3);

    // A process that started the runs but died before saving its cursor: the next poll
    // sees the entries as new again, and their idempotency keys stop a second start.
    await db.prisma.trigger.update({ where: { id: seeded.id }, data: { state: seeded.state!, lastFiredAt: seeded.lastFiredAt } });
    now += 5 * MINUTE;
    const again = await Promise.all([a.tick(), b.tick(), poller().tick()]);
    expect(again.flat()).toEqual([]);
    expect(await runCount(flow.workflowId)).toBe(3);
    expect((await stateOf(flow.workflowId)).seen).toHaveLength(4);
  });

  it('logs a failing feed with the trigger id, never throws, and recovers at the next interval', async () => {
    const flow = await activeFeedFlow('/flaky', [{ id: 'x' }]);
    const trigger = await triggerOf(flow.workflowId);
    const p = poller();

    // Down at the first poll: nothing is seeded yet.
    feeds.get('/flaky')!.status = 503;
    await expect(p.tick()).resolves.toEqual([]);
    expect(logsFor(trigger.id).at(-1)).toMatchObject({ level: 'warn', code: 'FEED_HTTP_STATUS', url: flow.url });
    expect((await stateOf(flow.workflowId)).seen).toBeUndefined();

    // Retried only at the next interval; then it seeds.
    now += 1 * MINUTE;
    delete feeds.get('/flaky')!.status;
    await p.tick();
    expect(server.hits('/flaky')).toBe(1);
    now += 4 * MINUTE;
    expect(await p.tick()).toEqual([]);
    expect((await stateOf(flow.workflowId)).seen).toEqual([feedItemKey(flow.url, 'x')]);

    // Not a feed any more (an HTML error page, then garbage): logged, state keeps the cursor.
    feeds.get('/flaky')!.body = '<!DOCTYPE html><html><body>Maintenance</body></html>';
    now += 5 * MINUTE;
    await expect(p.tick()).resolves.toEqual([]);
    expect(logsFor(trigger.id).at(-1)).toMatchObject({ level: 'warn', code: 'FEED_INVALID', triggerId: trigger.id });
    feeds.get('/flaky')!.body = '<rss><channel><title>cut off';
    now += 5 * MINUTE;
    await expect(p.tick()).resolves.toEqual([]);
    expect(await stateOf(flow.workflowId)).toMatchObject({ seen: [feedItemKey(flow.url, 'x')], lastError: { code: 'FEED_INVALID' } });

    delete feeds.get('/flaky')!.body;
    feeds.get('/flaky')!.entries.unshift({ id: 'y' });
    now += 5 * MINUTE;
    expect(await p.tick()).toHaveLength(1);
    expect(await stateOf(flow.workflowId)).toMatchObject({ lastError: null });
  });

  it('refuses a private feed address unless the allow-list permits it', async () => {
    const flow = await activeFeedFlow('/private', [{ id: 'p' }]);
    const trigger = await triggerOf(flow.workflowId);
    await expect(poller({ allow: false }).tick()).resolves.toEqual([]);
    expect(logsFor(trigger.id).at(-1)).toMatchObject({ level: 'warn', code: 'HTTP_ADDRESS_BLOCKED' });
    expect(server.hits('/private')).toBe(0);
  });

  it('sends the ETag back, so an unchanged feed answers 304 and starts nothing', async () => {
    const flow = await activeFeedFlow('/etag', [{ id: 'e1' }]);
    feeds.get('/etag')!.etag = true;
    const p = poller();
    await p.tick();
    now += 5 * MINUTE;
    expect(await p.tick()).toEqual([]);
    const conditional = server.requests.filter((r) => r.path === '/etag');
    expect(conditional).toHaveLength(2);
    expect(conditional[1]!.headers['if-none-match']).toMatch(/^"[0-9a-f]{40}"$/);
    feeds.get('/etag')!.entries.unshift({ id: 'e2' });
    now += 5 * MINUTE;
    expect(await p.tick()).toHaveLength(1);
    expect(await runCount(flow.workflowId)).toBe(1);
  });

  it('activation keeps the cursor for the same url, starts fresh otherwise, and rejects bad params', async () => {
    const flow = await activeFeedFlow('/versions', [{ id: 'v1' }]);
    const p = poller();
    await p.tick();
    const before = await triggerOf(flow.workflowId);

    // A new version of the active workflow, same node and url: an entry published around the switch still starts a run.
    const v2 = await db.prisma.workflowVersion.create({ data: { workflowId: flow.workflowId, number: 2, definition: flow.definition } });
    expect(await activateVersion(db.prisma, flow.workflowId, v2.id)).toEqual({ webhooks: 0, schedules: 0, polls: 1 });
    const after = await triggerOf(flow.workflowId);
    expect(after).toMatchObject({ versionId: v2.id, lastFiredAt: before.lastFiredAt });
    expect((after.state as FeedPollState).seen).toEqual((before.state as FeedPollState).seen);
    feeds.get('/versions')!.entries.unshift({ id: 'v2' });
    now += 5 * MINUTE;
    const [run] = await p.tick();
    expect((await db.prisma.execution.findUniqueOrThrow({ where: { id: run! } })).versionId).toBe(v2.id);

    // Deactivated and activated again: entries listed meanwhile are old news, the first poll seeds.
    await deactivateWorkflow(db.prisma, flow.workflowId);
    feeds.get('/versions')!.entries.unshift({ id: 'v3' });
    await activateVersion(db.prisma, flow.workflowId, v2.id);
    expect(await triggerOf(flow.workflowId)).toMatchObject({ lastFiredAt: null, state: { url: flow.url, pollMinutes: 5 } });
    expect(await p.tick()).toEqual([]);

    const bad = { ...flow.definition, nodes: [{ ...flow.definition.nodes[0]!, params: { url: 'file:///etc/passwd', pollMinutes: 5 } }] };
    const v3 = await db.prisma.workflowVersion.create({ data: { workflowId: flow.workflowId, number: 3, definition: { ...bad, edges: [] } } });
    await expect(activateVersion(db.prisma, flow.workflowId, v3.id)).rejects.toBeInstanceOf(ActivationError);
  });

  it('runs its loop with start() and stops with stop()', async () => {
    const flow = await activeFeedFlow('/loop', [{ id: 'l1' }]);
    const looping = new FeedPoller({ db: db.prisma, runs, logger, now: () => now, httpAllowList: ['127.0.0.1'], checkEveryMs: 20 });
    looping.start();
    for (let i = 0; i < 200 && (await stateOf(flow.workflowId)).seen === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    looping.stop();
    expect((await stateOf(flow.workflowId)).seen).toEqual([feedItemKey(flow.url, 'l1')]);
  });
});
