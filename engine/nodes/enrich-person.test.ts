import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { startTestServer, type RecordedRequest, type TestResponse, type TestServer } from '../testing/test-server.ts';
import { workflow } from '../testing/workflow-builder.ts';
import { fillPath } from './enrich-person.ts';

const KEY = 'enrich-key-777';
const ADA = { id: 'p1', name: { fullName: 'Ada Lovelace' }, employment: { title: 'CEO', name: 'Acme' }, timeZone: 'Europe/London', geo: { country: 'GB' } };

let api: TestServer;
let queue: TestResponse[] = [];
const authorized = (req: RecordedRequest) =>
  req.headers.authorization === `Bearer ${KEY}` || req.headers['x-key'] === KEY || req.url.searchParams.get('key') === KEY;
beforeAll(async () => {
  api = await startTestServer((req) => {
    const next = queue.shift();
    if (next) return next;
    if (!authorized(req)) return { status: 401, body: { error: { type: 'auth_required', message: 'Invalid key' } } };
    if (req.path === '/v2/people/find') {
      return req.url.searchParams.get('email') === 'ada@acme.io' ? { body: ADA } : { status: 404, body: { error: { type: 'unknown_record' } } };
    }
    if (req.path === '/companies/v2/companies/find' && req.url.searchParams.get('domain') === 'acme.io') {
      return { body: { name: 'Acme', timeZone: 'Europe/Berlin', metrics: { employees: 12 } } };
    }
    return { status: 404, body: {} };
  });
});
afterAll(() => api.close());
beforeEach(() => {
  queue = [];
  api.requests.length = 0;
});

function setup(params: Record<string, unknown>, opts: { cred?: Record<string, string>; settings?: Record<string, unknown>; items?: Record<string, unknown>[] } = {}) {
  const h = createHarness({ autoAdvance: true });
  const definition = workflow(
    [
      ['t', 'core.manualTrigger'],
      ['e', 'test.emit', { items: opts.items ?? [{ email: 'ada@acme.io', companyUrl: 'https://acme.io' }] }],
      ['en', 'outreach.enrich', { credentialId: 'c', ...params }, opts.settings],
    ],
    ['t -> e', 'e -> en'],
  );
  const run = () =>
    h.run(definition, { httpAllowList: ['127.0.0.1'], credentials: async () => ({ baseUrl: api.url, apiKey: KEY, authStyle: 'bearer', ...opts.cred }) });
  return { h, run };
}

describe('Enrich node', () => {
  it('person lookup with the Clearbit default path and a bearer key: mapped fields, whole answer, input kept', async () => {
    const { h, run } = setup({ email: '{{ $json.email }}', mapping: [{ field: 'jobTitle', path: 'employment.title' }, { field: 'timeZone', path: 'timeZone' }, { field: 'twitter', path: 'twitter.handle' }] });
    const outcome = await run();
    expect(outcome.output).toEqual([
      { json: { email: 'ada@acme.io', companyUrl: 'https://acme.io', found: true, jobTitle: 'CEO', timeZone: 'Europe/London', twitter: null, enrichment: ADA } },
    ]);
    expect(api.requests[0]?.url.pathname + api.requests[0]!.url.search).toBe('/v2/people/find?email=ada%40acme.io');
    expect(JSON.stringify(h.sink.events)).not.toContain(KEY);
  });

  it('company lookup through a full-URL path, with the key in a header or the query', async () => {
    const params = { lookup: 'company', domain: '{{ $json.companyUrl }}', companyPath: `${api.url}/companies/v2/companies/find?domain={domain}`, mapping: [{ field: 'employees', path: 'metrics.employees' }], outputField: '' };
    const byHeader = await setup(params, { cred: { authStyle: 'header', headerName: 'X-Key' } }).run();
    expect(byHeader.output?.[0]?.json).toEqual({ email: 'ada@acme.io', companyUrl: 'https://acme.io', found: true, employees: 12 });
    expect(api.requests[0]?.headers.authorization).toBeUndefined();
    const byQuery = await setup(params, { cred: { authStyle: 'query', queryName: 'key' } }).run();
    expect(byQuery.output?.[0]?.json).toMatchObject({ found: true, employees: 12 });
    expect(api.requests[1]?.url.searchParams.get('key')).toBe(KEY);
  });

  it('an unknown person (404) is found:false with null fields, not an error', async () => {
    const outcome = await setup({ email: 'nobody@acme.io', mapping: [{ field: 'jobTitle', path: 'employment.title' }] }).run();
    expect(outcome).toMatchObject({ status: 'succeeded', output: [{ json: { found: false, jobTitle: null, enrichment: null } }] });
  });

  it('401 fails at once; 429 and 202 are retried; a non-JSON answer is a clear error', async () => {
    const refused = await setup({ email: 'ada@acme.io' }, { cred: { apiKey: 'bad-key-000' }, settings: { retries: 2 } }).run();
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'ENRICH_UNAUTHORIZED', message: 'The enrichment API refused the API key (401)' } });
    expect(api.requests).toHaveLength(1);

    queue.push({ status: 429, headers: { 'retry-after': '7' }, body: {} }, { status: 202, body: {} });
    const { h, run } = setup({ email: 'ada@acme.io' }, { settings: { retries: 2 } });
    const retried = await run();
    expect(retried).toMatchObject({ status: 'succeeded', output: [{ json: { found: true } }] });
    expect(h.sink.events.filter((e) => e.type === 'node.retrying').map((e) => (e.data as { error: { code: string } }).error.code)).toEqual([
      'ENRICH_HTTP_STATUS',
      'ENRICH_PENDING',
    ]);
    expect(h.clock.sleeps.map((s) => s.ms)).toContain(7000);

    queue.push({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>login</html>' });
    const html = await setup({ email: 'ada@acme.io' }).run();
    expect(html).toMatchObject({ status: 'failed', error: { code: 'ENRICH_INVALID_RESPONSE' } });
  });

  it('fills only known placeholders, URL-encoded', () => {
    expect(fillPath('/find?email={email}&x=1', { email: 'a+b@c.io' })).toBe('/find?email=a%2Bb%40c.io&x=1');
    expect(() => fillPath('/find?e={mail}', { email: 'a@b.c' })).toThrow(/Unknown placeholder \{mail\}/);
  });
});
