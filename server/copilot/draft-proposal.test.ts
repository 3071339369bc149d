import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../engine/definition.ts';
import { createChatClient } from '../../engine/ai/chat-client.ts';
import { createDefaultRegistry } from '../../engine/registry.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../../engine/testing/fake-openai.ts';
import { draftProposal } from './draft-proposal.ts';
import { proposalJsonSchema } from './proposal-json-schema.ts';
import { cannedMorningProposal } from './testing/canned-proposal.ts';

const registry = createDefaultRegistry();
let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi();
});
afterAll(() => ai.close());
beforeEach(() => ai.reset());

const empty: WorkflowDefinition = { schemaVersion: 1, nodes: [], edges: [] };
const client = () => createChatClient({ apiKey: '', baseUrl: ai.baseUrl, defaultModel: 'fake' }, { fetch, maxAnswerBytes: 1024 * 1024 });

const good = cannedMorningProposal;

describe('copilot drafting (real SDK against a local fake model)', () => {
  it('turns a canned answer into a planned, compiling proposal with laid-out nodes', async () => {
    ai.enqueue({ content: JSON.stringify(good) });
    const outcome = await draftProposal(client(), registry, { mode: 'create', request: 'every morning read TechCrunch…', current: empty });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.plan.addedNodes.map((n) => n.name)).toEqual(['Every morning', 'TechCrunch', 'Draft email']);
    const [a, b, c] = outcome.plan.addedNodes;
    expect(b!.position.x).toBeGreaterThan(a!.position.x);
    expect(c!.position.x).toBeGreaterThan(b!.position.x);
    expect(outcome.plan.addedEdges).toHaveLength(2);
    // The request asked for structured output with a schema built from the registry.
    const format = ai.requests[0]!.body.response_format as { json_schema: { schema: { properties: { addNodes: { items: { anyOf: unknown[] } } } } } };
    expect(format.json_schema.schema.properties.addNodes.items.anyOf.length).toBe(registry.list().length);
    expect(ai.requests[0]!.body.messages![0]!.content).toContain('core.rssRead');
  });

  it('sends an invalid proposal back once with the compiler\'s errors and accepts the correction', async () => {
    const cyclic = { ...good, addEdges: [...good.addEdges, { from: 'draft', to: 'feed' }] };
    ai.enqueue({ content: JSON.stringify(cyclic) }, { content: JSON.stringify(good) });
    const outcome = await draftProposal(client(), registry, { mode: 'create', request: 'x', current: empty });
    expect(outcome.ok).toBe(true);
    expect(ai.requests).toHaveLength(2);
    expect(ai.requests[1]!.body.messages!.at(-1)!.content).toMatch(/CYCLE/);
  });

  it.each([
    ['unknown node types', { ...good, addNodes: [...good.addNodes, { ref: 'x', type: 'evil.rm', name: 'X', params: {} }] }, /unknown node type "evil.rm"/],
    ['a cycle', { ...good, addEdges: [...good.addEdges, { from: 'draft', to: 'feed' }] }, /CYCLE/],
    ['params that fail schemas', { ...good, addNodes: [good.addNodes[0], { ...good.addNodes[1], params: { url: 42 } }, good.addNodes[2]] }, /TechCrunch.*url|url/],
    ['edges to nowhere', { ...good, addEdges: [{ from: 'every', to: 'ghost' }] }, /"ghost" is neither/],
    ['not JSON', 'I would rather chat about the weather', /not JSON/],
  ])('refuses %s after one correction and explains why', async (_label, answer, problem) => {
    const content = typeof answer === 'string' ? answer : JSON.stringify(answer);
    ai.enqueue({ content }, { content });
    const outcome = await draftProposal(client(), registry, { mode: 'create', request: 'x', current: empty });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toMatch(/still invalid/);
    expect(outcome.problems.join('\n')).toMatch(problem);
    expect(ai.requests).toHaveLength(2);
  });

  it('refuses a 5 MB answer without buffering it', async () => {
    ai.enqueue({ oversizedBytes: 5 * 1024 * 1024 });
    const outcome = await draftProposal(client(), registry, { mode: 'create', request: 'x', current: empty });
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/too large/) });
  });

  it('ignores problems the workflow already had: a change proposal is judged on what it adds', async () => {
    const broken: WorkflowDefinition = {
      schemaVersion: 1,
      nodes: [{ id: 'n1', type: 'core.noOp', name: 'Orphan', typeVersion: 1, position: { x: 0, y: 0 }, params: {}, settings: { retries: 0, backoff: { kind: 'exponential', baseMs: 1000, maxMs: 60000 }, onError: 'stop', disabled: false } }],
      edges: [],
    };
    ai.enqueue({ content: JSON.stringify({ summary: 'rename', updateNodes: [{ id: 'n1', name: 'Renamed' }] }) });
    const outcome = await draftProposal(client(), registry, { mode: 'change', request: 'rename it', current: broken });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.plan.definition.nodes[0]!.name).toBe('Renamed');
  });

  it('builds a proposal schema that every node type contributes to', () => {
    const schema = proposalJsonSchema(registry.list()) as { properties: { addNodes: { items: { anyOf: { properties: { type: { const: string } } }[] } } } };
    const types = schema.properties.addNodes.items.anyOf.map((v) => v.properties.type.const);
    expect(types).toContain('ai.chat');
    expect(types).toContain('core.httpRequest');
  });
});
