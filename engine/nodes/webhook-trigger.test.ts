import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';
import { verifyWebhookSignature, webhookItem } from './webhook-trigger.ts';

describe('Webhook trigger node', () => {
  it('starts the run with the request as its item', async () => {
    const h = createHarness();
    const item = webhookItem({ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json' }, query: { a: '1' }, body: { id: 7 } });
    const outcome = await h.run(workflow([['hook', 'core.webhookTrigger', { path: 'orders' }]]), {
      trigger: { nodeId: 'hook', kind: 'webhook', items: [item] },
    });
    expect(outcome.output).toEqual([
      { json: { method: 'POST', path: '/orders', headers: { 'content-type': 'application/json' }, query: { a: '1' }, params: {}, body: { id: 7 } } },
    ]);
  });

  it('validates path and response mode at compile time', () => {
    const h = createHarness();
    const result = compile(workflow([['hook', 'core.webhookTrigger', { path: 'has space', responseMode: 'later' }]]), h.registry);
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['params.path', 'params.responseMode']);
  });

  it('verifies HMAC signatures in constant time', () => {
    const secret = 'shared-secret-123';
    const body = '{"id":7}';
    const sig = createHmac('sha256', secret).update(body).digest('hex');
    expect(verifyWebhookSignature({ secret, payload: body, signatureHeader: `sha256=${sig}` })).toBe(true);
    expect(verifyWebhookSignature({ secret, payload: body + ' ', signatureHeader: `sha256=${sig}` })).toBe(false);
    expect(verifyWebhookSignature({ secret: 'other-secret', payload: body, signatureHeader: `sha256=${sig}` })).toBe(false);
    expect(verifyWebhookSignature({ secret, payload: body, signatureHeader: undefined })).toBe(false);
    expect(verifyWebhookSignature({ secret, payload: body, signatureHeader: 'sha256=zz' })).toBe(false);
    const b64 = createHmac('sha1', secret).update(body).digest('base64');
    expect(verifyWebhookSignature({ secret, payload: Buffer.from(body), signatureHeader: b64, algorithm: 'sha1', encoding: 'base64', prefix: '' })).toBe(true);
  });
});
