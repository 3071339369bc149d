import { describe, expect, it } from 'vitest';
import type { WebhookResponse } from '../node-api.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('Respond to Webhook node', () => {
  it('sends one response (the first) and passes items through', async () => {
    const h = createHarness();
    const responses: WebhookResponse[] = [];
    const outcome = await h.run(
      workflow(
        [
          ['hook', 'core.webhookTrigger', { path: 'x', responseMode: 'respondNode' }],
          ['r1', 'core.respondToWebhook', { status: 201, headers: [{ name: 'X-Run', value: '{{ $run.id }}' }], respondWith: 'allItems' }],
          ['r2', 'core.respondToWebhook', { respondWith: 'text', text: 'second' }],
        ],
        ['hook -> r1', 'r1 -> r2'],
      ),
      { runId: 'resp-1', trigger: { nodeId: 'hook', items: [{ json: { a: 1 } }] }, onRespond: (r) => void responses.push(r) },
    );
    expect(responses).toEqual([{ status: 201, headers: { 'x-run': 'resp-1', 'content-type': 'application/json; charset=utf-8' }, body: [{ a: 1 }] }]);
    expect(outcome.response).toEqual(responses[0]);
    expect(outcome.output).toEqual([{ json: { a: 1 } }]);
    expect(h.store.getRun('resp-1')?.response).toEqual(responses[0]);
  });

  it('can answer with text, a JSON value or nothing', async () => {
    const h = createHarness();
    const respond = async (params: Record<string, unknown>) =>
      (await h.run(workflow([['t', 'core.manualTrigger'], ['r', 'core.respondToWebhook', params]], ['t -> r']))).response;
    expect(await respond({ respondWith: 'text', text: 'hi' })).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'hi' });
    expect((await respond({ respondWith: 'json', json: { ok: true } }))?.body).toEqual({ ok: true });
    expect(await respond({ respondWith: 'noData', status: 204 })).toEqual({ status: 204, headers: {}, body: undefined });
  });
});
