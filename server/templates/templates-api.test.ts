import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collabFixture, type CollabFixture } from '../collab/testing/collab-fixture.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const target = (await databaseTargets()).at(-1)!;

describe(`workflow templates on ${target}`, () => {
  let srv: TestServer;
  let f: CollabFixture;
  beforeAll(async () => {
    srv = await startTestServer(target);
    f = await collabFixture(srv, `tpl-${target}`);
  });
  afterAll(() => srv?.stop());

  it('lists the outreach template with its parameters', async () => {
    const templates = await f.viewer.api.workflow.templates.query({ workspaceId: f.workspaceId });
    const outreach = templates.find((t) => t.id === 'entrepreneur-outreach');
    expect(outreach).toMatchObject({ name: 'Entrepreneur outreach', credentialKinds: ['openAi', 'hunterApi', 'smtp'] });
    expect(JSON.stringify(outreach!.paramsJsonSchema)).toContain('followUpDays');
  });

  it('creates the workflow and its contacts table; wires the credentials it is given', async () => {
    const smtp = await f.owner.api.credential.create.mutate({
      workspaceId: f.workspaceId,
      name: 'Mail',
      kind: 'smtp',
      data: { host: '127.0.0.1', port: '2525', secure: 'none', user: '', password: '', fromAddress: 'me@example.com', fromName: 'Me' },
    });
    const wf = await f.editor.api.workflow.createFromTemplate.mutate({
      workspaceId: f.workspaceId,
      templateId: 'entrepreneur-outreach',
      params: { feeds: ['https://news.example/feed'], followUpDays: 5, maxFollowUps: 1, senderName: 'Sam' },
      credentials: { smtp: smtp.id },
    });
    const exported = await f.viewer.api.workflow.export.query({ workflowId: wf.id });
    const send = exported.definition.nodes.find((n) => n.type === 'outreach.sendEmail')!;
    expect(send.params).toMatchObject({ credentialId: smtp.id, fromName: 'Sam' });
    expect(exported.definition.nodes.find((n) => n.type === 'core.rssFeedTrigger')?.params).toMatchObject({ url: 'https://news.example/feed' });
    const tables = await f.viewer.api.dataTable.list.query({ workspaceId: f.workspaceId });
    expect(tables.map((t) => t.name)).toContain('contacts');
    // A second workflow from the template reuses the table.
    await f.editor.api.workflow.createFromTemplate.mutate({ workspaceId: f.workspaceId, templateId: 'entrepreneur-outreach' });
    expect((await f.viewer.api.dataTable.list.query({ workspaceId: f.workspaceId })).filter((t) => t.name === 'contacts')).toHaveLength(1);
  });

  it('refuses bad parameters, foreign credentials and viewers', async () => {
    await expect(
      f.editor.api.workflow.createFromTemplate.mutate({ workspaceId: f.workspaceId, templateId: 'entrepreneur-outreach', params: { feeds: ['nope'] } }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/feeds/) });
    await expect(
      f.editor.api.workflow.createFromTemplate.mutate({ workspaceId: f.workspaceId, templateId: 'entrepreneur-outreach', credentials: { smtp: '0190b3c4-0000-7000-8000-000000000000' } }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(f.viewer.api.workflow.createFromTemplate.mutate({ workspaceId: f.workspaceId, templateId: 'entrepreneur-outreach' })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(f.editor.api.workflow.createFromTemplate.mutate({ workspaceId: f.workspaceId, templateId: 'nope' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});
