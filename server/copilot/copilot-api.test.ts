import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { applyPlan, planProposal, ProposalSchema, readDraftMark } from '../../collab/copilot/index.ts';
import { asOneUndoStep, createUndoManager } from '../../collab/undo.ts';
import { definitionFromDoc, nodeMapOf } from '../../collab/workflow-doc.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../../engine/testing/fake-openai.ts';
import { collabFixture, type CollabFixture } from '../collab/testing/collab-fixture.ts';
import { converged, cookieOf, eventually, openDoc, type DocClient } from '../collab/testing/collab-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { cannedMorningProposal } from './testing/canned-proposal.ts';

// The copilot's logic does not depend on the database; one target keeps the suite fast.
const target = (await databaseTargets()).at(-1)!;

const canned = cannedMorningProposal;

describe(`copilot API on ${target}`, () => {
  let srv: TestServer;
  let f: CollabFixture;
  let ai: FakeOpenAi;
  const clients: DocClient[] = [];

  beforeAll(async () => {
    ai = await startFakeOpenAi({ apiKey: 'sk-copilot-secret' });
    srv = await startTestServer(target, { collab: { debounceMs: 50, maxDebounceMs: 200 } });
    f = await collabFixture(srv, `copilot-${target}`);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
    ai.reset();
  });
  afterAll(async () => {
    await srv?.stop();
    await ai?.close();
  });

  it('says what to configure when the workspace has no AI provider', async () => {
    expect(await f.editor.api.copilot.status.query({ workflowId: f.workflowId })).toEqual({ configured: false, providers: [] });
    await expect(f.editor.api.copilot.draft.mutate({ workflowId: f.workflowId, mode: 'create', prompt: 'anything' })).rejects.toMatchObject({
      data: { code: 'PRECONDITION_FAILED' },
      message: expect.stringMatching(/Settings → Credentials/),
    });
  });

  it('drafts from a canned answer; accepting puts the nodes in the shared doc for a second client, as one undo step', async () => {
    const cred = await f.owner.api.credential.create.mutate({
      workspaceId: f.workspaceId,
      name: 'Local model',
      kind: 'openAi',
      data: { apiKey: 'sk-copilot-secret', baseUrl: ai.baseUrl, defaultModel: 'fake-model' },
    });
    // The credential form's Test button asks the model for one word.
    expect(await f.editor.api.credential.test.mutate({ workspaceId: f.workspaceId, credentialId: cred.id })).toMatchObject({ ok: true, message: expect.stringMatching(/fake-model answered/) });
    const wrong = await f.owner.api.credential.create.mutate({
      workspaceId: f.workspaceId,
      name: 'Wrong key',
      kind: 'openAi',
      data: { apiKey: 'sk-wrong-key-000', baseUrl: ai.baseUrl, defaultModel: 'fake-model' },
    });
    const refused = await f.editor.api.credential.test.mutate({ workspaceId: f.workspaceId, credentialId: wrong.id });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/refused the API key/);
    expect(refused.message).not.toContain('sk-wrong-key-000');
    await f.owner.api.credential.delete.mutate({ workspaceId: f.workspaceId, credentialId: wrong.id });
    ai.reset();

    const status = await f.viewer.api.copilot.status.query({ workflowId: f.workflowId });
    expect(status).toEqual({ configured: true, providers: [{ id: cred.id, name: 'Local model', model: 'fake-model', baseUrl: ai.baseUrl }] });
    expect(JSON.stringify(status)).not.toContain('sk-copilot-secret');

    ai.enqueue({ content: JSON.stringify(canned) });
    const draft = await f.editor.api.copilot.draft.mutate({ workflowId: f.workflowId, mode: 'create', prompt: "every morning, read TechCrunch's feed, draft a personal email" });
    if (!draft.ok) throw new Error(`${draft.reason} ${draft.problems.join('; ')}`);
    expect(draft.summary).toMatch(/TechCrunch/);
    expect(draft.preview.nodes.map((n) => n.name)).toEqual(['Every morning', 'TechCrunch', 'Draft email']);
    expect(ai.requests[0]!.body.messages!.at(-1)!.content).toMatch(/TechCrunch's feed/);

    // Nothing is written until someone accepts.
    const a = openDoc({ baseUrl: srv.url, cookie: cookieOf(f.editor) }, f.workflowId);
    const b = openDoc({ baseUrl: srv.url, cookie: cookieOf(f.owner) }, f.workflowId);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    expect(definitionFromDoc(b.doc).nodes).toHaveLength(0);

    const origin = { user: 'editor' };
    const undo = createUndoManager(a.doc, origin);
    const planned = planProposal(definitionFromDoc(a.doc), ProposalSchema.parse(draft.proposal), randomUUID);
    if (!planned.ok) throw new Error(planned.errors.join());
    const mark = { by: 'ai' as const, forUserId: 'editor', forName: 'Editor', at: Date.now() };
    asOneUndoStep(a.doc, undo, origin, () => applyPlan(a.doc, planned.plan, mark, origin));
    await eventually(() => expect(definitionFromDoc(b.doc).nodes).toHaveLength(3));
    expect(definitionFromDoc(b.doc).edges).toHaveLength(2);
    expect(readDraftMark(nodeMapOf(b.doc, planned.plan.refToId.draft!)!)).toMatchObject({ by: 'ai', forName: 'Editor' });
    expect(undo.undoStack).toHaveLength(1);

    undo.undo();
    expect(definitionFromDoc(a.doc).nodes).toHaveLength(0);
    await eventually(() => expect(definitionFromDoc(b.doc).nodes).toHaveLength(0));
    await converged([a.doc, b.doc]);
  });

  it('a hostile answer applies nothing and explains why', async () => {
    const hostile = { ...canned, addNodes: [...canned.addNodes, { ref: 'x', type: 'system.exec', name: 'Run shell', params: { cmd: 'rm -rf /' } }] };
    ai.enqueue({ content: JSON.stringify(hostile) }, { content: JSON.stringify(hostile) });
    const draft = await f.editor.api.copilot.draft.mutate({ workflowId: f.workflowId, mode: 'create', prompt: 'do it' });
    expect(draft.ok).toBe(false);
    if (draft.ok) return;
    expect(draft.problems.join()).toMatch(/unknown node type "system.exec"/);
  });

  it('viewers cannot draft; outsiders see nothing', async () => {
    await expect(f.viewer.api.copilot.draft.mutate({ workflowId: f.workflowId, mode: 'create', prompt: 'x' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(f.outsider.api.copilot.status.query({ workflowId: f.workflowId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('streams an explanation as server-sent events', async () => {
    ai.enqueue({ content: 'It reads TechCrunch every morning and drafts one email per article.' });
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ workflowId: f.workflowId })));
    const res = await fetch(`${srv.url}/api/trpc/copilot.explain?input=${input}`, {
      headers: { cookie: cookieOf(f.viewer), accept: 'text/event-stream' },
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const deltas: string[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      for (;;) {
        const end = text.indexOf('\n\n');
        if (end < 0) break;
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: return')) {
          await reader.cancel();
          break;
        }
        if (!data) continue;
        const parsed = superjson.deserialize(JSON.parse(data.slice(6))) as { delta?: string } | undefined;
        if (parsed?.delta) deltas.push(parsed.delta);
      }
      if (deltas.join('').endsWith('article.')) {
        await reader.cancel();
        break;
      }
    }
    expect(deltas.join('')).toBe('It reads TechCrunch every morning and drafts one email per article.');
    expect(ai.requests.at(-1)!.body.stream).toBe(true);
  });
});
