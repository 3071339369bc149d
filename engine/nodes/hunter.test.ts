import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeHunter, type FakeHunter } from '../testing/fake-hunter.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';
import { isDeliverable, normalizeDomain } from './hunter.ts';

const KEY = 'hunter-secret-key-42';
let hunter: FakeHunter;
beforeAll(async () => {
  hunter = await startFakeHunter({
    apiKey: KEY,
    companies: {
      'acme.io': {
        organization: 'Acme',
        pattern: '{first}',
        country: 'DE',
        people: [
          { email: 'ada@acme.io', firstName: 'Ada', lastName: 'Lovelace', position: 'CEO', seniority: 'executive', department: 'executive', confidence: 97, linkedin: 'https://linkedin.com/in/ada' },
          { email: 'charles@acme.io', firstName: 'Charles', lastName: 'Babbage', position: 'CTO', seniority: 'executive', department: 'it', status: 'accept_all' },
          { email: 'info@acme.io', firstName: '', lastName: '', type: 'generic' },
        ],
      },
    },
  });
});
afterAll(() => hunter.close());
beforeEach(() => hunter.reset());

function setup(params: Record<string, unknown>, opts: { items?: Record<string, unknown>[]; settings?: Record<string, unknown>; key?: string } = {}) {
  const h = createHarness({ autoAdvance: true });
  const definition = workflow(
    [
      ['t', 'core.manualTrigger'],
      ['e', 'test.emit', { items: opts.items ?? [{ companyUrl: 'https://www.acme.io/about', article: 'Acme raises' }] }],
      ['hu', 'outreach.hunter', { credentialId: 'hunter', ...params }, opts.settings],
    ],
    ['t -> e', 'e -> hu'],
  );
  const run = () =>
    h.run(definition, {
      httpAllowList: ['127.0.0.1'],
      credentials: async () => ({ apiKey: opts.key ?? KEY, baseUrl: hunter.baseUrl }),
    });
  return { h, run };
}

describe('Hunter.io node', () => {
  it('domain search: real path and parameters, one normalised item per address, input kept, key redacted', async () => {
    const { h, run } = setup({ domain: '{{ $json.companyUrl }}', emailType: 'personal', limit: 5, seniority: ['executive'] });
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    const req = hunter.requests[0]!;
    expect(req.path).toBe('/v2/domain-search');
    expect(Object.fromEntries(req.url.searchParams)).toEqual({ domain: 'acme.io', limit: '5', type: 'personal', seniority: 'executive', api_key: KEY });
    expect(outcome.output).toHaveLength(2);
    expect(outcome.output?.[0]?.json).toMatchObject({
      companyUrl: 'https://www.acme.io/about',
      article: 'Acme raises',
      email: 'ada@acme.io',
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      position: 'CEO',
      confidence: 97,
      emailType: 'personal',
      linkedin: 'https://linkedin.com/in/ada',
      verificationStatus: 'valid',
      domain: 'acme.io',
      organization: 'Acme',
      country: 'DE',
      hunter: { value: 'ada@acme.io', first_name: 'Ada' },
    });
    expect(JSON.stringify(h.sink.events)).not.toContain(KEY);
  });

  it('domain search without split: one item with the list and the raw data', async () => {
    const { run } = setup({ domain: 'acme.io', split: false, keepInput: false });
    const outcome = await run();
    expect(outcome.output).toHaveLength(1);
    expect(outcome.output?.[0]?.json).toMatchObject({ domain: 'acme.io', organization: 'Acme', pattern: '{first}', total: 3, hunter: { organization: 'Acme' } });
    expect((outcome.output?.[0]?.json.emails as unknown[]).length).toBe(3);
    expect(outcome.output?.[0]?.json).not.toHaveProperty('companyUrl');
  });

  it('email finder: found, and not found as found:false instead of an error', async () => {
    const found = await setup({ operation: 'emailFinder', domain: 'acme.io', firstName: 'Ada', lastName: 'Lovelace' }).run();
    expect(found.output?.[0]?.json).toMatchObject({ found: true, email: 'ada@acme.io', score: 97, fullName: 'Ada Lovelace', organization: 'Acme' });
    expect(Object.fromEntries(hunter.requests[0]!.url.searchParams)).toMatchObject({ domain: 'acme.io', first_name: 'Ada', last_name: 'Lovelace' });
    const byFullName = await setup({ operation: 'emailFinder', domain: 'acme.io', fullName: 'Charles Babbage' }).run();
    expect(byFullName.output?.[0]?.json).toMatchObject({ found: true, email: 'charles@acme.io' });
    expect(hunter.requests[1]!.url.searchParams.get('full_name')).toBe('Charles Babbage');
    const nobody = await setup({ operation: 'emailFinder', domain: 'acme.io', firstName: 'Grace', lastName: 'Hopper' }).run();
    expect(nobody).toMatchObject({ status: 'succeeded', output: [{ json: { found: false, email: null } }] });
  });

  it('verifier: undeliverable addresses are output with deliverable:false and routed by an If, never dropped', async () => {
    hunter.setVerification('gone@acme.io', 'invalid');
    const h = createHarness({ autoAdvance: true });
    const definition = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['e', 'test.emit', { items: [{ email: 'ada@acme.io' }, { email: 'gone@acme.io' }, { email: 'charles@acme.io' }] }],
        ['v', 'outreach.hunter', { credentialId: 'hunter', operation: 'emailVerifier', email: '{{ $json.email }}' }],
        ['if', 'core.if', { conditions: [{ left: '{{ $json.deliverable }}', operator: 'isTrue' }] }],
        ['send', 'test.record'],
        ['skip', 'test.record'],
      ],
      ['t -> e', 'e -> v', 'v -> if', 'if.true -> send', 'if.false -> skip'],
    );
    const outcome = await h.run(definition, { httpAllowList: ['127.0.0.1'], credentials: async () => ({ apiKey: KEY, baseUrl: hunter.baseUrl }) });
    expect(outcome.status).toBe('succeeded');
    const verified = h.store.getNodeRun(outcome.runId, 'v')?.output?.main?.map((i) => i.json);
    expect(verified).toMatchObject([
      { email: 'ada@acme.io', deliverable: true, verification: { status: 'valid', result: 'deliverable', score: 100 } },
      { email: 'gone@acme.io', deliverable: false, verification: { status: 'invalid', result: 'undeliverable' } },
      { email: 'charles@acme.io', deliverable: false, verification: { status: 'accept_all', acceptAll: true } },
    ]);
    expect(h.store.getNodeRun(outcome.runId, 'send')?.output?.main?.map((i) => i.json.email)).toEqual(['ada@acme.io']);
    expect(h.store.getNodeRun(outcome.runId, 'skip')?.output?.main?.map((i) => i.json.email)).toEqual(['gone@acme.io', 'charles@acme.io']);
  });

  it('401: a clear, non-retryable error naming the refused key (without the key)', async () => {
    const { run } = setup({ domain: 'acme.io' }, { key: 'wrong-key-123', settings: { retries: 3 } });
    const outcome = await run();
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { code: 'HUNTER_UNAUTHORIZED', message: 'Hunter refused the API key (401): No user found for the API key supplied', nodeId: 'hu' },
    });
    expect(hunter.requests).toHaveLength(1);
    expect(JSON.stringify(outcome)).not.toContain('wrong-key-123');
  });

  it('429: retryable, waits as long as Retry-After says, then succeeds', async () => {
    hunter.enqueue({ status: 429, headers: { 'retry-after': '45' }, body: { errors: [{ id: 'too_many_requests', code: 429, details: 'You have reached your usage limit' }] } });
    const { h, run } = setup({ operation: 'emailVerifier', email: 'ada@acme.io' }, { settings: { retries: 2 } });
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    expect(hunter.requests).toHaveLength(2);
    expect(h.clock.sleeps.map((s) => s.ms)).toContain(45_000);
    const retrying = h.sink.events.find((e) => e.type === 'node.retrying');
    expect(retrying?.data).toMatchObject({ delayMs: 45_000, error: { code: 'HUNTER_RATE_LIMITED', message: expect.stringContaining('usage limit') } });
  });

  it('429 without retries left fails with the rate-limit error; missing inputs fail before any request', async () => {
    hunter.enqueue({ status: 429, headers: { 'retry-after': '10' }, body: { errors: [{ id: 'too_many_requests', code: 429, details: 'Slow down' }] } });
    const limited = await setup({ domain: 'acme.io' }).run();
    expect(limited).toMatchObject({ status: 'failed', error: { code: 'HUNTER_RATE_LIMITED', details: { status: 429, retryAfterMs: 10_000 } } });
    const noEmail = await setup({ operation: 'emailVerifier', email: '{{ $json.nothing }}' }).run();
    expect(noEmail).toMatchObject({ status: 'failed', error: { code: 'HUNTER_MISSING_PARAM', field: 'params.email' } });
    expect(hunter.requests).toHaveLength(1);
  });
});

describe('Hunter helpers', () => {
  it('reduces links to a domain and decides deliverability', () => {
    expect(normalizeDomain('https://www.Acme.io/about?x=1')).toBe('acme.io');
    expect(normalizeDomain('acme.io')).toBe('acme.io');
    expect(normalizeDomain('  ')).toBe('');
    expect(isDeliverable('valid', null, false)).toBe(true);
    expect(isDeliverable('webmail', null, false)).toBe(true);
    expect(isDeliverable('accept_all', null, false)).toBe(false);
    expect(isDeliverable('accept_all', null, true)).toBe(true);
    expect(isDeliverable('disposable', null, true)).toBe(false);
    expect(isDeliverable(null, 'deliverable', false)).toBe(true);
  });
});
