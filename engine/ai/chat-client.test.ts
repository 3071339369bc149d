import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai.ts';
import { createChatClient } from './chat-client.ts';
import { estimateCostUsd } from './pricing.ts';
import { extractJson } from './json-answer.ts';

let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi({ apiKey: 'k' });
});
afterAll(() => ai.close());
beforeEach(() => ai.reset());

const client = () => createChatClient({ apiKey: 'k', baseUrl: ai.baseUrl, defaultModel: 'local-llama' }, { fetch });

describe('chat client (real openai SDK against a local fake)', () => {
  it('streams deltas in order and returns the whole answer with usage', async () => {
    ai.enqueue({ content: 'This workflow reads a feed and emails founders.', usage: { prompt_tokens: 12, completion_tokens: 9 } });
    const deltas: string[] = [];
    const answer = await client().stream({ messages: [{ role: 'user', content: 'Explain' }] }, (d) => deltas.push(d));
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('This workflow reads a feed and emails founders.');
    expect(answer).toMatchObject({ content: deltas.join(''), model: 'local-llama', finishReason: 'stop' });
    expect(answer.usage).toMatchObject({ promptTokens: 12, completionTokens: 9, calls: 1, costUsd: null });
    expect(ai.requests[0]!.body).toMatchObject({ stream: true, model: 'local-llama' });
  });

  it('reports an unreachable provider as retryable', async () => {
    const dead = createChatClient({ apiKey: '', baseUrl: 'http://127.0.0.1:1/v1', defaultModel: 'm' }, { fetch });
    await expect(dead.complete({ messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ code: 'AI_UNREACHABLE', retryable: true });
  });

  it('maps 404 to a model-not-found error naming the model', async () => {
    ai.enqueue({ status: 404, body: { error: { message: 'model not found' } } });
    await expect(client().complete({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      code: 'AI_MODEL_NOT_FOUND',
      message: expect.stringContaining('"nope"'),
    });
  });
});

describe('pricing and JSON extraction', () => {
  it('prices by longest model prefix, honours credential overrides, and is null when unknown', () => {
    expect(estimateCostUsd('gpt-4o-2024-08-06', 1_000_000, 0)).toBe(2.5);
    expect(estimateCostUsd('gpt-4o-mini-2024-07-18', 1_000_000, 0)).toBe(0.15);
    expect(estimateCostUsd('llama3', 10, 10)).toBeNull();
    expect(estimateCostUsd('llama3', 1_000_000, 1_000_000, { inputPricePerMillion: '0', outputPricePerMillion: '1' })).toBe(1);
  });

  it('reads JSON from plain text, fences and prose', () => {
    expect(extractJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(extractJson('Sure!\n```json\n[1,2]\n```')).toEqual({ ok: true, value: [1, 2] });
    expect(extractJson('Here: {"b":2} hope it helps')).toEqual({ ok: true, value: { b: 2 } });
    expect(extractJson('nothing here').ok).toBe(false);
  });
});
