import { TRPCClientError } from '@trpc/client';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEdge, removeEdge } from '../../collab/ops/edges.ts';
import { addNode, updateNodePosition } from '../../collab/ops/nodes.ts';
import { setParam } from '../../collab/ops/params.ts';
import { collabFixture, type CollabFixture } from '../collab/testing/collab-fixture.ts';
import type { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { waitForStatus } from '../testing/workflow-helpers.ts';

const targets = await databaseTargets();

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCClientError) return { code: (err.data as { code: string }).code, message: err.message };
    throw err;
  }
  return { code: 'ok', message: '' };
}
const codeOf = async (p: Promise<unknown>) => (await failure(p)).code;

const rule = (label?: string) => ({ ...(label ? { label } : {}), conditions: [{ left: '{{ $json.n }}', operator: 'exists' }] });

/** Start → One (sets step and a large blob) → Two (step + 1), written into the live document. */
function linearFlow(doc: Y.Doc): void {
  addNode(doc, { id: 'start', type: 'core.manualTrigger', name: 'Start' });
  addNode(doc, { id: 'one', type: 'core.set', name: 'One', params: { fields: [{ name: 'step', value: 1 }, { name: 'blob', value: 'x'.repeat(20_000) }] } });
  addNode(doc, { id: 'two', type: 'core.set', name: 'Two', params: { fields: [{ name: 'step', value: '{{ $json.step + 1 }}' }] } });
  addEdge(doc, { id: 'e1', source: 'start', target: 'one' });
  addEdge(doc, { id: 'e2', source: 'one', target: 'two' });
}

describe.each(targets)('editor APIs on %s', (target) => {
  let srv: TestServer;
  let f: CollabFixture;
  const newWorkflow = async (name: string) => (await f.owner.api.workflow.create.mutate({ workspaceId: f.workspaceId, name })).id;
  const versionCount = (workflowId: string) => srv.db.prisma.workflowVersion.count({ where: { workflowId } });

  beforeAll(async () => {
    srv = await startTestServer(target, { collab: { debounceMs: 50, maxDebounceMs: 200 } });
    f = await collabFixture(srv, `ed-${target}`);
  });
  afterAll(() => srv?.stop());

  describe('nodeType.inspect', () => {
    it('reports no issues and dynamic ports for a valid document (Switch with 3 rules)', async () => {
      const result = await f.viewer.api.nodeType.inspect.mutate({
        workflowId: f.workflowId,
        definition: {
          schemaVersion: 1,
          nodes: [
            { id: 'start', type: 'core.manualTrigger', name: 'Start' },
            { id: 'route', type: 'core.switch', name: 'Route', params: { rules: [rule('Hot'), rule('Warm'), rule()] } },
            { id: 'join', type: 'core.merge', name: 'Join', params: { inputs: 3 } },
          ],
          edges: [
            { id: 'e1', source: 'start', target: 'route' },
            { id: 'e2', source: 'route', sourceOutput: '0', target: 'join', targetInput: 'input1' },
            { id: 'e3', source: 'route', sourceOutput: '2', target: 'join', targetInput: 'input3' },
          ],
        },
      });
      expect(result.issues).toEqual([]);
      expect(result.ports).toEqual({
        start: { inputs: [], outputs: [{ name: 'main' }] },
        route: { inputs: [{ name: 'main' }], outputs: [{ name: '0', label: 'Hot' }, { name: '1', label: 'Warm' }, { name: '2', label: 'Rule 2' }] },
        join: { inputs: [{ name: 'input1', label: 'Input 1' }, { name: 'input2', label: 'Input 2' }, { name: 'input3', label: 'Input 3' }], outputs: [{ name: 'main' }] },
      });
    });

    it('marks every node of a cycle and an edge to a port that does not exist', async () => {
      const { issues } = await f.viewer.api.nodeType.inspect.mutate({
        workflowId: f.workflowId,
        definition: {
          schemaVersion: 1,
          nodes: [
            { id: 'start', type: 'core.manualTrigger', name: 'Start' },
            { id: 'a', type: 'core.noOp', name: 'A' },
            { id: 'b', type: 'core.noOp', name: 'B' },
            { id: 'c', type: 'core.noOp', name: 'C' },
          ],
          edges: [
            { id: 'e1', source: 'start', target: 'a' },
            { id: 'e2', source: 'a', target: 'b' },
            { id: 'e3', source: 'b', target: 'c' },
            { id: 'e4', source: 'c', target: 'a' },
            { id: 'e5', source: 'start', sourceOutput: 'true', target: 'c' },
          ],
        },
      });
      const cycle = issues.filter((i) => i.code === 'CYCLE');
      expect(cycle.map((i) => i.nodeId).sort()).toEqual(['a', 'b', 'c']);
      expect(cycle[0]!.message).toMatch(/cycle/);
      expect(issues).toContainEqual({ nodeId: 'start', field: 'sourceOutput', code: 'UNKNOWN_PORT', message: expect.stringContaining('has no output "true"') });
    });

    it('answers garbage with issues, never an error', async () => {
      for (const definition of [undefined, null, 'nodes', 17, [], { schemaVersion: 1 }, { schemaVersion: 1, nodes: [{ type: 5 }], edges: 'x' }, { nodes: [{ id: 'a', type: 'core.noOp' }] }]) {
        const result = await f.viewer.api.nodeType.inspect.mutate({ workflowId: f.workflowId, definition });
        expect(result.issues.length, JSON.stringify(definition)).toBeGreaterThan(0);
        expect(result.ports).toBeTypeOf('object');
      }
      const typeless = await f.viewer.api.nodeType.inspect.mutate({ workflowId: f.workflowId, definition: { schemaVersion: 1, nodes: [] } });
      expect(typeless).toEqual({ issues: [{ nodeId: null, field: null, code: 'NO_TRIGGER', message: expect.any(String) }], ports: {} });
      expect(await codeOf(f.viewer.api.nodeType.inspect.mutate({ workflowId: f.workflowId, definition: { blob: 'x'.repeat(2_200_000) } }))).toBe('PAYLOAD_TOO_LARGE');
    });

    it('inspects a 300-node document quickly over HTTP', async () => {
      const nodes: Record<string, unknown>[] = [{ id: 'n0', type: 'core.manualTrigger', name: 'N0' }];
      const edges: Record<string, unknown>[] = [];
      for (let i = 1; i < 300; i++) {
        nodes.push({ id: `n${i}`, type: 'core.set', name: `N${i}`, position: { x: i * 10, y: 0 }, params: { fields: [{ name: 'v', value: `{{ $json.v }}-${i}` }] } });
        edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
      }
      const definition = { schemaVersion: 1, nodes, edges };
      await f.viewer.api.nodeType.inspect.mutate({ workflowId: f.workflowId, definition });
      const t0 = performance.now();
      const result = await f.viewer.api.nodeType.inspect.mutate({ workflowId: f.workflowId, definition });
      expect(result.issues).toEqual([]);
      expect(Object.keys(result.ports)).toHaveLength(300);
      expect(performance.now() - t0).toBeLessThan(500);
    });
  });

  describe('run.start with draft', () => {
    it('snapshots the live document, runs it, reuses an unchanged snapshot, and refuses a broken draft', async () => {
      const workflowId = await newWorkflow('Draft runs');
      await srv.collab.change(workflowId, linearFlow);

      const first = await f.editor.api.run.start.mutate({ workflowId, draft: true, items: [{ json: { who: 'ada' } }] });
      expect(first).toEqual({ executionId: expect.any(String), duplicate: false, versionId: expect.any(String), versionNumber: 1 });
      const done = await waitForStatus(srv, first.executionId, ['succeeded', 'failed']);
      expect(done.status).toBe('succeeded');
      expect(done.versionId).toBe(first.versionId);
      expect(done.output).toEqual([{ json: { who: 'ada', step: 2, blob: 'x'.repeat(20_000) } }]);

      // Unchanged document: the same version runs again, no new one is made.
      const again = await f.editor.api.run.start.mutate({ workflowId, draft: true });
      expect(again).toMatchObject({ versionId: first.versionId, versionNumber: 1, duplicate: false });
      expect(again.executionId).not.toBe(first.executionId);
      await waitForStatus(srv, again.executionId, ['succeeded']);

      await srv.collab.change(workflowId, (doc) => updateNodePosition(doc, 'two', { x: 400, y: 80 }));
      const moved = await f.editor.api.run.start.mutate({ workflowId, draft: true });
      expect(moved.versionNumber).toBe(2);
      await waitForStatus(srv, moved.executionId, ['succeeded']);

      // A draft that does not compile: the compiler's words, and no version left behind.
      await srv.collab.change(workflowId, (doc) => {
        addNode(doc, { id: 'mystery', type: 'acme.nope', name: 'Mystery' });
        addEdge(doc, { id: 'e3', source: 'two', target: 'mystery' });
        addEdge(doc, { id: 'e4', source: 'two', target: 'one' });
      });
      const broken = await failure(f.editor.api.run.start.mutate({ workflowId, draft: true }));
      expect(broken.code).toBe('BAD_REQUEST');
      expect(broken.message).toMatch(/^The workflow cannot run: /);
      expect(broken.message).toContain('Unknown node type "acme.nope"');
      expect(broken.message).toMatch(/form a cycle/);
      expect(await versionCount(workflowId)).toBe(2);

      // Passing a version and asking for the draft contradicts itself.
      expect(await codeOf(f.editor.api.run.start.mutate({ workflowId, draft: true, versionId: first.versionId }))).toBe('BAD_REQUEST');
      // Without draft, the newest version runs and is reported.
      expect(await f.editor.api.run.start.mutate({ workflowId })).toMatchObject({ versionId: moved.versionId, versionNumber: 2 });
    });
  });

  describe('run.latestOutputs', () => {
    it('gives each node a trimmed sample of its latest successful output', async () => {
      const workflowId = await newWorkflow('Outputs');
      expect(await f.viewer.api.run.latestOutputs.query({ workflowId })).toEqual({ runId: null, nodes: {} });
      await srv.collab.change(workflowId, linearFlow);
      const run1 = await f.editor.api.run.start.mutate({ workflowId, draft: true, items: [{ json: { n: 1 } }, { json: { n: 2 } }] });
      await waitForStatus(srv, run1.executionId, ['succeeded']);

      const latest = await f.viewer.api.run.latestOutputs.query({ workflowId });
      expect(latest.runId).toBe(run1.executionId);
      expect(Object.keys(latest.nodes).sort()).toEqual(['one', 'start', 'two']);
      expect(latest.nodes.start).toEqual({ itemCount: 2, sample: { n: 1 } });
      const one = latest.nodes.one!;
      expect(one.itemCount).toBe(2);
      expect(one.sample).toMatchObject({ n: 1, step: 1 });
      expect((one.sample as { blob: string }).blob.length).toBeLessThan(1000);
      expect(JSON.stringify(latest).length).toBeLessThan(3 * 8 * 1024);

      // A later run where "two" fails: its sample stays the one from the last success.
      await srv.collab.change(workflowId, (doc) => setParam(doc, 'two', 'fields', [{ name: 'step', value: '{{ $json.nothing.deeper }}' }]));
      const run2 = await f.editor.api.run.start.mutate({ workflowId, draft: true, items: [{ json: { n: 9 } }] });
      await waitForStatus(srv, run2.executionId, ['failed']);
      const after = await f.viewer.api.run.latestOutputs.query({ workflowId });
      expect(after.runId).toBe(run2.executionId);
      expect(after.nodes.one!.sample).toMatchObject({ n: 9 });
      expect(after.nodes.two).toEqual({ itemCount: 2, sample: expect.objectContaining({ n: 1, step: 2 }) });
    });
  });

  describe('workflow.webhooks', () => {
    it('lists the webhook triggers of the live document with working URLs, live once activated', async () => {
      const workflowId = await newWorkflow('Hooks');
      await srv.collab.change(workflowId, (doc) => {
        addNode(doc, { id: 'orders', type: 'core.webhookTrigger', name: 'New order', params: { path: '/orders/new/', method: 'POST' } });
        addNode(doc, { id: 'ping', type: 'core.webhookTrigger', name: 'Ping', params: { path: 'ping/:id', method: 'GET' } });
        addNode(doc, { id: 'after', type: 'core.noOp', name: 'After' });
        addEdge(doc, { id: 'e1', source: 'orders', target: 'after' });
        addEdge(doc, { id: 'e2', source: 'ping', target: 'after' });
      });
      const before = await f.viewer.api.workflow.webhooks.query({ workflowId });
      expect(before).toEqual({
        activeVersionId: null,
        activeVersionNumber: null,
        hooks: [
          { nodeId: 'orders', nodeName: 'New order', method: 'POST', path: 'orders/new', url: `${srv.url}/api/hooks/${workflowId}/orders/new`, live: false },
          { nodeId: 'ping', nodeName: 'Ping', method: 'GET', path: 'ping/:id', url: `${srv.url}/api/hooks/${workflowId}/ping/:id`, live: false },
        ],
      });

      const version = await f.editor.api.version.create.mutate({ workflowId, message: 'hooks' });
      await f.editor.api.run.activate.mutate({ workflowId, versionId: version.id });
      const active = await f.viewer.api.workflow.webhooks.query({ workflowId });
      expect(active).toMatchObject({ activeVersionId: version.id, activeVersionNumber: 1 });
      expect(active.hooks.map((h) => h.live)).toEqual([true, true]);

      // The URL it gives is the one that answers.
      const res = await fetch(active.hooks[0]!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":7}' });
      expect(res.status).toBe(202);
      const ping = await fetch(active.hooks[1]!.url.replace(':id', '42'));
      expect(ping.status).toBe(202);

      // Edited since activation: shown with its new URL, not live until activated again.
      await srv.collab.change(workflowId, (doc) => {
        setParam(doc, 'orders', 'path', 'orders/v2');
        removeEdge(doc, 'e2');
      });
      const edited = await f.viewer.api.workflow.webhooks.query({ workflowId });
      expect(edited.hooks.map((h) => [h.nodeId, h.path, h.live])).toEqual([
        ['orders', 'orders/v2', false],
        ['ping', 'ping/:id', true],
      ]);
    });
  });

  it('checks roles: viewers inspect, read outputs and webhooks; only editors run drafts; outsiders see nothing', async () => {
    const workflowId = await newWorkflow('Roles');
    await srv.collab.change(workflowId, linearFlow);
    const cases: { name: string; min: 'viewer' | 'editor'; call: (u: TestUser) => Promise<unknown> }[] = [
      { name: 'nodeType.inspect', min: 'viewer', call: (u) => u.api.nodeType.inspect.mutate({ workflowId, definition: { schemaVersion: 1, nodes: [] } }) },
      { name: 'run.latestOutputs', min: 'viewer', call: (u) => u.api.run.latestOutputs.query({ workflowId }) },
      { name: 'workflow.webhooks', min: 'viewer', call: (u) => u.api.workflow.webhooks.query({ workflowId }) },
      { name: 'run.start draft', min: 'editor', call: (u) => u.api.run.start.mutate({ workflowId, draft: true }) },
    ];
    for (const c of cases) {
      expect(await codeOf(c.call(f.outsider)), `${c.name} as outsider`).toBe('NOT_FOUND');
      expect(await codeOf(c.call(f.viewer)), `${c.name} as viewer`).toBe(c.min === 'viewer' ? 'ok' : 'FORBIDDEN');
      expect(await codeOf(c.call(f.editor)), `${c.name} as editor`).toBe('ok');
    }
    // The refused draft runs left no version behind.
    expect(await versionCount(workflowId)).toBe(1);
  });
});
