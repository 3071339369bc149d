import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { REDIS_URL, redisAvailable, removeRedisPrefix } from '../testing/test-redis.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { createCredential, createWorkflowWithVersion, waitForStatus } from '../testing/workflow-helpers.ts';

// The reference shape from the throughput benchmark: Webhook → Set → IF → two Sets → Respond.
function referenceFlow(path: string, responseMode: 'immediately' | 'lastNode' | 'respondNode', hmac?: { credentialId: string }) {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'hook', type: 'core.webhookTrigger', name: 'Hook', params: { path, method: 'POST', responseMode, ...(hmac ? { hmac } : {}) } },
      { id: 'shape', type: 'core.set', name: 'Shape', params: { fields: [{ name: 'amount', value: '{{ $json.body.amount }}', type: 'number' }], keepOthers: false } },
      { id: 'big', type: 'core.if', name: 'Big?', params: { conditions: [{ left: '{{ $json.amount }}', operator: 'gt', right: 100 }] } },
      { id: 'yes', type: 'core.set', name: 'Yes', params: { fields: [{ name: 'tier', value: 'big' }] } },
      { id: 'no', type: 'core.set', name: 'No', params: { fields: [{ name: 'tier', value: 'small' }] } },
      ...(responseMode === 'respondNode'
        ? [{ id: 'reply', type: 'core.respondToWebhook', name: 'Reply', params: { status: 201, respondWith: 'firstItem' } }]
        : []),
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'shape' },
      { id: 'e2', source: 'shape', target: 'big' },
      { id: 'e3', source: 'big', sourceOutput: 'true', target: 'yes' },
      { id: 'e4', source: 'big', sourceOutput: 'false', target: 'no' },
      ...(responseMode === 'respondNode'
        ? [
            { id: 'e5', source: 'yes', target: 'reply' },
            { id: 'e6', source: 'no', target: 'reply' },
          ]
        : []),
    ],
  };
}

const targets = await databaseTargets();
const modes: Array<[string, boolean]> = targets.map((t) => [t, false]);
if (targets.includes('postgres') && (await redisAvailable())) modes.push(['postgres', true]);

describe.each(modes)('webhooks on %s (redis: %s)', (target, scaled) => {
  let srv: TestServer;
  let owner: TestUser;
  const prefix = `fftest-${randomUUID().slice(0, 8)}`;
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    srv = await startTestServer(target as 'pglite' | 'postgres', {
      ...(scaled ? { redisUrl: REDIS_URL, redisPrefix: prefix, work: true } : {}),
      webhookMaxBodyBytes: 64 * 1024,
    });
    owner = await TestUser.signUp(srv.url, 'Hook Owner', `hooks-${target}-${scaled}@example.com`);
  });
  afterAll(async () => {
    await srv?.stop();
    if (scaled) await removeRedisPrefix(prefix);
  });

  it('responds at once with the run id, and the run completes', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, referenceFlow('orders', 'immediately'), { activate: true });
    const res = await post(`${srv.url}/api/hooks/${workflowId}/orders`, { amount: 250 });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { runId: string };
    const exec = await waitForStatus(srv, body.runId, ['succeeded', 'failed']);
    expect(exec.status).toBe('succeeded');
    expect(exec.trigger).toBe('webhook');
  });

  it('waits for the last node and answers with its output', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, referenceFlow('score', 'lastNode'), { activate: true });
    const big = await post(`${srv.url}/api/hooks/${workflowId}/score`, { amount: 500 });
    expect(big.status).toBe(200);
    expect(await big.json()).toEqual({ amount: 500, tier: 'big' });
    const small = await post(`${srv.url}/api/hooks/${workflowId}/score`, { amount: 5 });
    expect(await small.json()).toEqual({ amount: 5, tier: 'small' });
    expect(small.headers.get('x-flowforge-run-id')).toBeTruthy();
  });

  it('answers with a Respond to Webhook node', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, referenceFlow('reply', 'respondNode'), { activate: true });
    const res = await post(`${srv.url}/api/hooks/${workflowId}/reply`, { amount: 101 });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ amount: 101, tier: 'big' });
  });

  it('checks HMAC signatures of the raw body', async () => {
    const [ws] = await owner.api.workspace.list.query();
    const credentialId = await createCredential(srv, ws!.id, 'hmacSecret', { secret: 'shh-its-a-secret' });
    const { workflowId } = await createWorkflowWithVersion(srv, owner, referenceFlow('signed', 'lastNode', { credentialId }), { activate: true });
    const payload = JSON.stringify({ amount: 7 });
    const good = `sha256=${createHmac('sha256', 'shh-its-a-secret').update(payload).digest('hex')}`;
    const before = await srv.db.prisma.execution.count({ where: { workflowId } });
    const unsigned = await post(`${srv.url}/api/hooks/${workflowId}/signed`, payload);
    expect(unsigned.status).toBe(401);
    const forged = await post(`${srv.url}/api/hooks/${workflowId}/signed`, payload, { 'x-signature-256': `sha256=${'0'.repeat(64)}` });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: 'INVALID_SIGNATURE' } });
    expect(await srv.db.prisma.execution.count({ where: { workflowId } })).toBe(before);
    const ok = await post(`${srv.url}/api/hooks/${workflowId}/signed`, payload, { 'x-signature-256': good });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ amount: 7, tier: 'small' });
  });

  it('returns the first run for a repeated Idempotency-Key', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, referenceFlow('idem', 'lastNode'), { activate: true });
    const first = await post(`${srv.url}/api/hooks/${workflowId}/idem`, { amount: 1 }, { 'idempotency-key': 'order-42' });
    const second = await post(`${srv.url}/api/hooks/${workflowId}/idem`, { amount: 999 }, { 'idempotency-key': 'order-42' });
    expect(await first.json()).toEqual({ amount: 1, tier: 'small' });
    expect(await second.json()).toEqual({ amount: 1, tier: 'small' });
    expect(second.headers.get('x-flowforge-run-id')).toBe(first.headers.get('x-flowforge-run-id'));
    expect(second.headers.get('x-flowforge-duplicate')).toBe('1');
    expect(await srv.db.prisma.execution.count({ where: { workflowId } })).toBe(1);
  });

  it('rejects bad requests with clear errors and starts nothing', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, referenceFlow('strict', 'immediately'), {
      activate: true,
      settings: { webhookRatePerMinute: 2 },
    });
    const big = await post(`${srv.url}/api/hooks/${workflowId}/strict`, { blob: 'x'.repeat(100 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const badJson = await post(`${srv.url}/api/hooks/${workflowId}/strict`, '{"amount": ');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: 'INVALID_BODY' } });
    expect((await fetch(`${srv.url}/api/hooks/${workflowId}/strict`)).status).toBe(405);
    expect((await post(`${srv.url}/api/hooks/${workflowId}/nowhere`, {})).status).toBe(404);
    expect((await post(`${srv.url}/api/hooks/not-a-workflow/strict`, {})).status).toBe(404);
    expect(await srv.db.prisma.execution.count({ where: { workflowId } })).toBe(0);
    // Rate limit: the 413 and 400 above (checked after the limiter) used the budget of 2 a minute.
    const limited = await post(`${srv.url}/api/hooks/${workflowId}/strict`, { amount: 1 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
  });

  it('stops answering after deactivation', async () => {
    const { workflowId } = await createWorkflowWithVersion(srv, owner, referenceFlow('gone', 'immediately'), { activate: true });
    expect((await post(`${srv.url}/api/hooks/${workflowId}/gone`, { amount: 1 })).status).toBe(202);
    await owner.api.run.deactivate.mutate({ workflowId });
    await new Promise((r) => setTimeout(r, 1100)); // route cache TTL
    expect((await post(`${srv.url}/api/hooks/${workflowId}/gone`, { amount: 1 })).status).toBe(404);
  });
});
