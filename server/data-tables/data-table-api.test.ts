import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { createWorkflowWithVersion, waitForStatus } from '../testing/workflow-helpers.ts';

/**
 * The dataTable and outreach routers: every procedure × every relation to the workspace
 * (members at or above the role succeed, lower members FORBIDDEN, outsiders NOT_FOUND,
 * anonymous UNAUTHORIZED, refused mutations change nothing), then their behaviour.
 */
type Role = 'owner' | 'editor' | 'viewer';
type Who = Role | 'outsider' | 'anonymous';
type Fixture = { workspaceId: string; workflowId: string; tableId: string; rowId: string };
type Case = { procedure: string; minRole: Role; call: (u: TestUser, f: Fixture) => Promise<unknown>; observe?: (owner: TestUser, f: Fixture) => Promise<unknown> };

const rowsOf = (o: TestUser, f: Fixture) => o.api.dataTable.rows.query({ workspaceId: f.workspaceId, tableId: f.tableId }).then((p) => p.rows.map((r) => r.data));
const tablesOf = (o: TestUser, f: Fixture) => o.api.dataTable.list.query({ workspaceId: f.workspaceId }).then((l) => l.map((t) => t.name));

const CASES: Case[] = [
  { procedure: 'dataTable.list', minRole: 'viewer', call: (u, f) => u.api.dataTable.list.query({ workspaceId: f.workspaceId }) },
  { procedure: 'dataTable.rows', minRole: 'viewer', call: (u, f) => u.api.dataTable.rows.query({ workspaceId: f.workspaceId, tableId: f.tableId }) },
  { procedure: 'dataTable.create', minRole: 'editor', call: (u, f) => u.api.dataTable.create.mutate({ workspaceId: f.workspaceId, name: 'New' }), observe: tablesOf },
  { procedure: 'dataTable.rename', minRole: 'editor', call: (u, f) => u.api.dataTable.rename.mutate({ workspaceId: f.workspaceId, tableId: f.tableId, name: 'Renamed' }), observe: tablesOf },
  { procedure: 'dataTable.delete', minRole: 'editor', call: (u, f) => u.api.dataTable.delete.mutate({ workspaceId: f.workspaceId, tableId: f.tableId }), observe: tablesOf },
  { procedure: 'dataTable.insertRow', minRole: 'editor', call: (u, f) => u.api.dataTable.insertRow.mutate({ workspaceId: f.workspaceId, tableId: f.tableId, data: { a: 2 } }), observe: rowsOf },
  { procedure: 'dataTable.updateRow', minRole: 'editor', call: (u, f) => u.api.dataTable.updateRow.mutate({ workspaceId: f.workspaceId, tableId: f.tableId, rowId: f.rowId, data: { a: 3 } }), observe: rowsOf },
  { procedure: 'dataTable.deleteRow', minRole: 'editor', call: (u, f) => u.api.dataTable.deleteRow.mutate({ workspaceId: f.workspaceId, tableId: f.tableId, rowId: f.rowId }), observe: rowsOf },
  { procedure: 'outreach.stats', minRole: 'viewer', call: (u, f) => u.api.outreach.stats.query({ workflowId: f.workflowId, bucket: 'day' }) },
  { procedure: 'outreach.contacts', minRole: 'viewer', call: (u, f) => u.api.outreach.contacts.query({ workflowId: f.workflowId }) },
  { procedure: 'outreach.inboundUrl', minRole: 'editor', call: (u, f) => u.api.outreach.inboundUrl.query({ workspaceId: f.workspaceId }) },
];

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };
const WHO: Who[] = ['owner', 'editor', 'viewer', 'outsider', 'anonymous'];
const expected = (who: Who, minRole: Role) => (who === 'anonymous' ? 'UNAUTHORIZED' : who === 'outsider' ? 'NOT_FOUND' : RANK[who] >= RANK[minRole] ? 'ok' : 'FORBIDDEN');

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code: string }).code;
    throw err;
  }
}

const targets = await databaseTargets();

describe.each(targets)('data table and outreach API on %s', (target) => {
  let srv: TestServer;
  const users = {} as Record<Who, TestUser>;

  beforeAll(async () => {
    srv = await startTestServer(target);
    for (const who of ['owner', 'editor', 'viewer', 'outsider'] as const) users[who] = await TestUser.signUp(srv.url, `${who} person`, `dt-${who}-${target}@example.com`);
    users.anonymous = new TestUser(srv.url);
  });
  afterAll(() => srv?.stop());

  async function fixture(): Promise<Fixture> {
    const owner = users.owner;
    const ws = await owner.api.workspace.create.mutate({ name: 'Tables' });
    for (const role of ['editor', 'viewer'] as const) {
      const inv = await owner.api.member.createInvite.mutate({ workspaceId: ws.id, role });
      await users[role].api.member.acceptInvite.mutate({ token: inv.token });
    }
    const wf = await owner.api.workflow.create.mutate({ workspaceId: ws.id, name: 'Outreach' });
    const table = await owner.api.dataTable.create.mutate({ workspaceId: ws.id, name: 'Leads' });
    const row = await owner.api.dataTable.insertRow.mutate({ workspaceId: ws.id, tableId: table.id, data: { a: 1 } });
    return { workspaceId: ws.id, workflowId: wf.id, tableId: table.id, rowId: row.id };
  }

  for (const c of CASES) {
    it(`${c.procedure} (needs ${c.minRole})`, async () => {
      const outcome: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const who of WHO) {
        const f = await fixture();
        const before = c.observe ? await c.observe(users.owner, f) : undefined;
        outcome[who] = await codeOf(c.call(users[who], f));
        if (outcome[who] !== 'ok' && c.observe) expect(await c.observe(users.owner, f), `${who} refused but state changed`).toEqual(before);
        want[who] = expected(who, c.minRole);
      }
      expect(outcome).toEqual(want);
    });
  }

  it('tables: unique names, row paging with filters, clear errors for bad input', async () => {
    const editor = users.editor;
    const f = await fixture();
    const ws = f.workspaceId;
    expect(await codeOf(editor.api.dataTable.create.mutate({ workspaceId: ws, name: 'Leads' }))).toBe('CONFLICT');
    expect(await codeOf(editor.api.dataTable.create.mutate({ workspaceId: ws, name: '   ' }))).toBe('BAD_REQUEST');
    const t = await editor.api.dataTable.create.mutate({ workspaceId: ws, name: 'Contacts', columns: ['email', 'stage'] });
    for (let i = 0; i < 7; i++) await editor.api.dataTable.insertRow.mutate({ workspaceId: ws, tableId: t.id, data: { email: `p${i}@x.io`, stage: i % 2 ? 'sent' : 'new', score: i } });
    const page = await users.viewer.api.dataTable.rows.query({ workspaceId: ws, tableId: t.id, limit: 3, offset: 3 });
    expect(page).toMatchObject({ table: { id: t.id, name: 'Contacts', rowCount: 7 }, total: 7, columns: ['email', 'stage', 'score'] });
    expect(page.rows.map((r) => r.data.score)).toEqual([3, 4, 5]);
    const sent = await users.viewer.api.dataTable.rows.query({ workspaceId: ws, tableId: t.id, filters: [{ field: 'stage', op: 'eq', value: 'sent' }], orderBy: { field: 'score', direction: 'desc' } });
    expect(sent.rows.map((r) => r.data.score)).toEqual([5, 3, 1]);
    const hostile = editor.api.dataTable.rows.query({ workspaceId: ws, tableId: t.id, filters: [{ field: `x'); DROP TABLE data_rows; --`, op: 'eq', value: 1 }] });
    await expect(hostile).rejects.toThrow(/not a valid column name/);
    expect(await codeOf(hostile)).toBe('BAD_REQUEST');
    const [first] = sent.rows;
    const merged = await editor.api.dataTable.updateRow.mutate({ workspaceId: ws, tableId: t.id, rowId: first!.id, data: { note: 'vip' }, merge: true });
    expect(merged.data).toMatchObject({ email: 'p5@x.io', note: 'vip' });
    expect(await codeOf(editor.api.dataTable.updateRow.mutate({ workspaceId: ws, tableId: t.id, rowId: 'missing', data: {} }))).toBe('NOT_FOUND');
    // A table of another workspace is not reachable by id.
    const other = await fixture();
    expect(await codeOf(editor.api.dataTable.rows.query({ workspaceId: other.workspaceId, tableId: t.id }))).toBe('NOT_FOUND');
    expect(await codeOf(editor.api.dataTable.deleteRow.mutate({ workspaceId: other.workspaceId, tableId: other.tableId, rowId: first!.id }))).toBe('NOT_FOUND');
  });

  it('a run reads and writes its workspace tables through the Data Table node', async () => {
    const owner = users.owner;
    const flow = {
      schemaVersion: 1,
      nodes: [
        { id: 'start', type: 'core.manualTrigger', name: 'Start', params: {} },
        { id: 'save', type: 'core.dataTable', name: 'Save', params: { table: 'run contacts', operation: 'upsert', keyFields: ['email'], columns: [{ name: 'email', value: '{{ $json.email }}' }, { name: 'stage', value: 'new' }] } },
        { id: 'find', type: 'core.dataTable', name: 'Find', params: { table: 'run contacts', operation: 'find', filters: [{ field: 'stage', op: 'eq', value: 'new' }] } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'save' },
        { id: 'e2', source: 'save', target: 'find' },
      ],
    };
    const { workspaceId, workflowId, versionId } = await createWorkflowWithVersion(srv, owner, flow);
    for (let i = 0; i < 2; i++) {
      const { executionId } = await owner.api.run.start.mutate({ workflowId, versionId, items: [{ json: { email: 'ann@acme.io' } }, { json: { email: 'bob@acme.io' } }] });
      const done = await waitForStatus(srv, executionId, ['succeeded', 'failed']);
      expect(done.error).toBeNull();
    }
    const table = (await owner.api.dataTable.list.query({ workspaceId })).find((t) => t.name === 'run contacts')!;
    expect(table.rowCount).toBe(2);
    const page = await owner.api.dataTable.rows.query({ workspaceId, tableId: table.id });
    expect(page.rows.map((r) => r.data.email).sort()).toEqual(['ann@acme.io', 'bob@acme.io']);
  });

  it('the inbound URL is stable per workspace and secret per workspace', async () => {
    const f = await fixture();
    const a = await users.editor.api.outreach.inboundUrl.query({ workspaceId: f.workspaceId });
    const b = await users.owner.api.outreach.inboundUrl.query({ workspaceId: f.workspaceId });
    expect(a.url).toBe(b.url);
    expect(a.url).toMatch(new RegExp(`^${srv.url}/api/inbound/[\\w-]{32}$`));
    const other = await fixture();
    expect((await users.owner.api.outreach.inboundUrl.query({ workspaceId: other.workspaceId })).url).not.toBe(a.url);
  });
});
