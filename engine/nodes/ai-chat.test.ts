import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai.ts';
import { workflow } from '../testing/workflow-builder.ts';

const API_KEY = 'sk-test-secret-123456';
let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi({ apiKey: API_KEY });
});
afterAll(() => ai.close());
beforeEach(() => {
  ai.reset();
  ai.setFallback(() => ({ content: 'fallback answer' }));
});

const SCHEMA = {
  type: 'object',
  properties: { subject: { type: 'string', minLength: 3 }, score: { type: 'integer', minimum: 0, maximum: 10 } },
  required: ['subject', 'score'],
  additionalProperties: false,
};

function setup(params: Record<string, unknown>, opts: { items?: Record<string, unknown>[]; settings?: Record<string, unknown>; key?: string } = {}) {
  const h = createHarness({ autoAdvance: true });
  const definition = workflow(
    [
      ['t', 'core.manualTrigger'],
      ['e', 'test.emit', { items: opts.items ?? [{ name: 'Ada', company: 'Analytical Engines' }] }],
      ['a', 'ai.chat', { credentialId: 'ai', ...params }, opts.settings],
    ],
    ['t -> e', 'e -> a'],
  );
  const run = () =>
    h.run(definition, {
      httpAllowList: ['127.0.0.1'],
      credentials: async (id) => {
        if (id !== 'ai') throw new Error(`no credential ${id}`);
        return { apiKey: opts.key ?? API_KEY, baseUrl: ai.baseUrl, defaultModel: 'gpt-4o-mini' };
      },
    });
  return { h, run };
}

describe('AI node', () => {
  it('text mode: resolves expressions in both prompts, uses the default model, records usage and cost', async () => {
    ai.enqueue({ content: 'Hello Ada!', usage: { prompt_tokens: 1000, completion_tokens: 500 } });
    const { h, run } = setup({ systemPrompt: 'You write to {{ $json.company }}.', prompt: 'Greet {{ $json.name }}', temperature: 0.2, maxTokens: 50 });
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toEqual([{ json: { name: 'Ada', company: 'Analytical Engines', ai: 'Hello Ada!' } }]);
    const body = ai.requests[0]!.body;
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.messages).toEqual([
      { role: 'system', content: 'You write to Analytical Engines.' },
      { role: 'user', content: 'Greet Ada' },
    ]);
    expect(body).toMatchObject({ temperature: 0.2, max_tokens: 50 });
    const record = h.store.getNodeRun(outcome.runId, 'a');
    // gpt-4o-mini: 0.15 $/M in, 0.6 $/M out → 0.00015 + 0.0003
    expect(record?.usage).toEqual({ model: 'gpt-4o-mini', calls: 1, promptTokens: 1000, completionTokens: 500, costUsd: 0.00045 });
    const done = h.sink.events.find((e) => e.type === 'node.succeeded' && e.nodeId === 'a');
    expect(done?.data?.usage?.promptTokens).toBe(1000);
  });

  it('json mode: asks for structured output and returns the validated object', async () => {
    ai.enqueue({ content: '```json\n{"subject":"Quick idea","score":7}\n```' });
    const { run } = setup({ prompt: 'Rate', output: 'json', jsonSchema: SCHEMA, outputField: 'draft' });
    const outcome = await run();
    expect(outcome.output?.[0]?.json.draft).toEqual({ subject: 'Quick idea', score: 7 });
    expect(ai.requests[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'answer', schema: SCHEMA } });
  });

  it('json mode: one repair turn carries the validation errors, and its answer is used', async () => {
    ai.enqueue({ content: '{"subject":"Hi","score":11}' }, { content: '{"subject":"Hello there","score":9}' });
    const { h, run } = setup({ prompt: 'Rate', output: 'json', jsonSchema: SCHEMA });
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.[0]?.json.ai).toEqual({ subject: 'Hello there', score: 9 });
    expect(ai.requests).toHaveLength(2);
    const repair = ai.requests[1]!.body.messages!;
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: '{"subject":"Hi","score":11}' });
    expect(repair.at(-1)!.content).toMatch(/subject/);
    expect(repair.at(-1)!.content).toMatch(/score/);
    expect(h.store.getNodeRun(outcome.runId, 'a')?.usage?.calls).toBe(2);
  });

  it('json mode: a second invalid answer fails the node clearly, without further calls', async () => {
    ai.enqueue({ content: 'not json at all' }, { content: '{"subject":"ok!"}' });
    const { run } = setup({ prompt: 'Rate', output: 'json', jsonSchema: SCHEMA }, { settings: { retries: 3 } });
    const outcome = await run();
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'AI_INVALID_JSON' });
    expect(outcome.error?.message).toMatch(/score/);
    expect(ai.requests).toHaveLength(2);
  });

  it('list mode calls the model once for all items', async () => {
    ai.enqueue({ content: 'two people' });
    const { run } = setup({ prompt: 'Summarise {{ $input.all().length }} people', mode: 'list' }, { items: [{ name: 'A' }, { name: 'B' }] });
    const outcome = await run();
    expect(outcome.error).toBeUndefined();
    expect(outcome.output).toEqual([{ json: { ai: 'two people' } }]);
    expect(ai.requests).toHaveLength(1);
  });

  it('429 is retried per the node settings, honouring Retry-After; usage counts only answered calls', async () => {
    ai.enqueue({ status: 429, headers: { 'retry-after': '2' }, body: { error: { message: 'Slow down' } } }, { content: 'finally' });
    const { h, run } = setup({ prompt: 'Hi' }, { settings: { retries: 2, backoff: { kind: 'fixed', baseMs: 10, maxMs: 60_000 } } });
    const outcome = await run();
    expect(outcome.output?.[0]?.json.ai).toBe('finally');
    const retrying = h.sink.events.find((e) => e.type === 'node.retrying');
    expect(retrying?.data).toMatchObject({ delayMs: 2000, error: { code: 'AI_RATE_LIMITED' } });
    expect(h.store.getNodeRun(outcome.runId, 'a')?.usage?.calls).toBe(1);
  });

  it('5xx without retries fails with AI_PROVIDER_ERROR; 401 is not retried and says to check the credential', async () => {
    ai.enqueue({ status: 503 });
    expect((await setup({ prompt: 'Hi' }).run()).error).toMatchObject({ code: 'AI_PROVIDER_ERROR' });
    const bad = await setup({ prompt: 'Hi' }, { key: 'sk-wrong', settings: { retries: 3 } }).run();
    expect(bad.error?.code).toBe('AI_AUTH');
    expect(bad.error?.message).toMatch(/Check the credential/);
    // The 503 and exactly one refused call: a 401 is not retried although retries are set.
    expect(ai.requests).toHaveLength(2);
  });

  it('an oversized answer fails the node instead of being buffered', async () => {
    ai.enqueue({ oversizedBytes: 3 * 1024 * 1024 });
    const outcome = await setup({ prompt: 'Hi' }).run();
    expect(outcome.error?.code).toBe('AI_ANSWER_TOO_LARGE');
  });

  it('never stores the API key in run data', async () => {
    ai.enqueue({ content: `echo ${API_KEY}` });
    const { h, run } = setup({ prompt: 'Hi' });
    const outcome = await run();
    const stored = JSON.stringify([h.store.getNodeRun(outcome.runId, 'a'), h.sink.events]);
    expect(stored).not.toContain(API_KEY);
    expect(outcome.output?.[0]?.json.ai).toBe('echo [redacted]');
  });
});
