import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { Scheduler } from '../triggers/scheduler.ts';
import { createLogger } from '../logger.ts';
import { createWorkflowWithVersion, waitForStatus } from '../testing/workflow-helpers.ts';

const targets = await databaseTargets();

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code: string }).code;
    throw err;
  }
};

const FLOW = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'core.manualTrigger', name: 'Start' },
    { id: 'one', type: 'core.set', name: 'One', params: { fields: [{ name: 'step', value: 1 }] } },
    { id: 'two', type: 'core.set', name: 'Two', params: { fields: [{ name: 'step', value: '{{ $json.step + 1 }}' }] } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'one' },
    { id: 'e2', source: 'one', target: 'two' },
  ],
};

describe.each(targets)('run operations on %s', (target) => {
  let srv: TestServer;
  let owner: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    srv = await startTestServer(target);
    owner = await TestUser.signUp(srv.url, 'Run Owner', `runs-${target}@example.com`);
    viewer = await TestUser.signUp(srv.url, 'Run Viewer', `runs-viewer-${target}@example.com`);
    outsider = await TestUser.signUp(srv.url, 'Run Outsider', `runs-out-${target}@example.com`);
    const [ws] = await owner.api.workspace.list.query();
    const invite = await owner.api.member.createInvite.mutate({ workspaceId: ws!.id, role: 'viewer' });
    await viewer.api.member.acceptInvite.mutate({ token: invite.token });
  });
  afterAll(() => srv?.stop());

  it('starts, lists with filters and pages, gets, retries and re-runs from a node', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, FLOW);
    const first = await owner.api.run.start.mutate({ workflowId, items: [{ json: { who: 'ada' } }] });
    const done = await waitForStatus(srv, first.executionId, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.output).toEqual([{ json: { who: 'ada', step: 2 } }]);

    const got = await owner.api.run.get.query({ workflowId, runId: first.executionId });
    expect(got.nodeRuns.map((n) => n.nodeId).sort()).toEqual(['one', 'start', 'two']);
    expect(got.events.at(-1)!.type).toBe('run.finished');

    const retry = await owner.api.run.retry.mutate({ workflowId, runId: first.executionId });
    expect((await waitForStatus(srv, retry.executionId, ['succeeded'])).parentExecutionId).toBe(first.executionId);

    const rerun = await owner.api.run.rerunFrom.mutate({ workflowId, runId: first.executionId, nodeId: 'two' });
    const rerunDone = await waitForStatus(srv, rerun.executionId, ['succeeded', 'failed']);
    expect(rerunDone.status).toBe('succeeded');
    expect(rerunDone.output).toEqual([{ json: { who: 'ada', step: 2 } }]);
    // Only "two" ran again: the others were copied, marked as reused, and emitted no node.started.
    const rerunEvents = await srv.db.prisma.runEvent.findMany({ where: { executionId: rerun.executionId, type: 'node.started' } });
    expect(rerunEvents.map((e) => e.nodeId)).toEqual(['two']);

    const all = await owner.api.run.list.query({ workflowId });
    expect(all.items).toHaveLength(3);
    const manual = await owner.api.run.list.query({ workflowId, trigger: ['manual'] });
    expect(manual.items.map((r) => r.id)).toEqual([first.executionId]);
    const page = await owner.api.run.list.query({ workflowId, limit: 2 });
    const rest = await owner.api.run.list.query({ workflowId, limit: 2, cursor: page.nextCursor! });
    expect([...page.items, ...rest.items].map((r) => r.id).sort()).toEqual(all.items.map((r) => r.id).sort());
    const none = await owner.api.run.list.query({ workflowId, status: ['failed'] });
    expect(none.items).toEqual([]);
    const future = await owner.api.run.list.query({ workflowId, from: new Date(Date.now() + 60_000) });
    expect(future.items).toEqual([]);
  });

  it('lets viewers read runs but not start or cancel them; outsiders get nothing', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, FLOW);
    const { executionId } = await owner.api.run.start.mutate({ workflowId });
    await waitForStatus(srv, executionId, ['succeeded']);
    expect(await codeOf(viewer.api.run.list.query({ workflowId }))).toBe('ok');
    expect(await codeOf(viewer.api.run.get.query({ workflowId, runId: executionId }))).toBe('ok');
    expect(await codeOf(viewer.api.run.start.mutate({ workflowId }))).toBe('FORBIDDEN');
    expect(await codeOf(viewer.api.run.cancel.mutate({ workflowId, runId: executionId }))).toBe('FORBIDDEN');
    expect(await codeOf(viewer.api.run.retry.mutate({ workflowId, runId: executionId }))).toBe('FORBIDDEN');
    expect(await codeOf(outsider.api.run.list.query({ workflowId }))).toBe('NOT_FOUND');
    expect(await codeOf(outsider.api.run.get.query({ workflowId, runId: executionId }))).toBe('NOT_FOUND');
    // A run id from another workflow is not reachable through a workflow you can see.
    const other = await createWorkflowWithVersion(srv, owner, FLOW);
    expect(await codeOf(owner.api.run.get.query({ workflowId: other.workflowId, runId: executionId }))).toBe('NOT_FOUND');
    expect(await srv.db.prisma.execution.count({ where: { workflowId } })).toBe(1);
  });

  it('keeps only a summary of successful runs when the workflow says so', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, FLOW, { settings: { keepSuccessData: 'summary' } });
    const { executionId } = await owner.api.run.start.mutate({ workflowId, items: [{ json: { secret: 'payload' } }] });
    const done = await waitForStatus(srv, executionId, ['succeeded']);
    expect(done.output).toEqual([{ json: { secret: 'payload', step: 2 } }]);
    await new Promise((r) => setTimeout(r, 200));
    const nodeRuns = await srv.db.prisma.nodeRun.findMany({ where: { executionId } });
    expect(nodeRuns).toHaveLength(3);
    expect(nodeRuns.every((n) => n.status === 'succeeded' && n.input === null && n.output === null)).toBe(true);
  });

  it('fires a schedule at the right minute of its time zone, once, with two schedulers', async () => {
    const flow = {
      schemaVersion: 1,
      // 10:30 in Paris is 09:30 UTC in November.
      nodes: [{ id: 'tick', type: 'core.scheduleTrigger', name: 'Tick', params: { cron: '30 10 * * *', timezone: 'Europe/Paris' } }],
      edges: [],
    };
    const { workflowId } = await createWorkflowWithVersion(srv, owner, flow, { activate: true });
    let now = Date.parse('2026-11-26T09:28:00Z');
    const make = () => new Scheduler({ db: srv.db.prisma, runs: srv.runtime.runs, logger: createLogger('silent'), now: () => now });
    const a = make();
    const b = make();
    now = Date.parse('2026-11-26T09:29:59Z');
    expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
    now = Date.parse('2026-11-26T09:30:01Z');
    const fired = [...(await a.tick()), ...(await b.tick())];
    expect(fired).toHaveLength(1);
    now = Date.parse('2026-11-26T09:45:00Z');
    expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
    const runs = await srv.db.prisma.execution.findMany({ where: { workflowId } });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.trigger).toBe('schedule');
    expect(runs[0]!.input).toEqual([{ json: { scheduledAt: '2026-11-26T09:30:00.000Z', timestamp: Date.parse('2026-11-26T09:30:00Z') } }]);
  });

  it('serves Prometheus metrics', async () => {
    const res = await fetch(`${srv.url}/metrics`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toMatch(/flowforge_runs_finished_total\{trigger="manual",status="succeeded"\} \d+/);
    expect(text).toMatch(/flowforge_http_request_duration_seconds_bucket\{.*route="trpc:run.start"/);
    expect(text).toMatch(/flowforge_node_duration_seconds_count\{type="core.set",status="succeeded"\} \d+/);
    expect(text).toMatch(/flowforge_queue_jobs\{state="waiting"\} \d+/);
    expect(text).toContain('flowforge_process_cpu_seconds_total');
  });
});
