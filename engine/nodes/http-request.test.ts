import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { startTestServer, type RecordedRequest, type TestResponse, type TestServer } from '../testing/test-server.ts';
import { workflow } from '../testing/workflow-builder.ts';

let server: TestServer;
let handler: (req: RecordedRequest) => TestResponse | Promise<TestResponse>;
beforeAll(async () => {
  server = await startTestServer((req) => handler(req));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  handler = (req) => ({ body: { path: req.path } });
});

const credentials: Record<string, Record<string, string>> = {
  basic: { username: 'ann', password: 'pa55word' },
  bearer: { token: 'bearer-token-1' },
  header: { headerName: 'X-Api-Key', value: 'header-key-1' },
  query: { paramName: 'api_key', value: 'query-key-1' },
  oauth: { tokenUrl: '', clientId: 'client-1', clientSecret: 'client-secret-1', scope: 'read' },
};

function setup(params: Record<string, unknown>, options: { items?: Record<string, unknown>[]; allow?: boolean } = {}) {
  const h = createHarness({ autoAdvance: true });
  const nodes: Parameters<typeof workflow>[0] = [['t', 'core.manualTrigger']];
  const edges: string[] = [];
  let last = 't';
  if (options.items) {
    nodes.push(['e', 'test.emit', { items: options.items }]);
    edges.push('t -> e');
    last = 'e';
  }
  nodes.push(['h', 'core.httpRequest', params]);
  edges.push(`${last} -> h`);
  const run = () =>
    h.run(workflow(nodes, edges), {
      httpAllowList: options.allow === false ? [] : ['127.0.0.1'],
      credentials: async (id) => {
        const cred = credentials[id];
        if (!cred) throw new Error(`no credential ${id}`);
        return id === 'oauth' ? { ...cred, tokenUrl: `${server.url}/token` } : cred;
      },
    });
  return { h, run };
}

describe('HTTP Request node', () => {
  it('sends method, query, headers and a JSON body; parses the JSON response', async () => {
    handler = (req) => ({ body: { method: req.method, q: req.url.searchParams.getAll('q'), ct: req.headers['content-type'], got: JSON.parse(req.body), h: req.headers['x-test'] } });
    const { run } = setup({
      method: 'POST',
      url: `${server.url}/echo?fixed=1`,
      query: [
        { name: 'q', value: 'a' },
        { name: 'q', value: 2 },
      ],
      headers: [{ name: 'X-Test', value: 'yes' }],
      body: { type: 'json', json: { hello: 'world' } },
    });
    const outcome = await run();
    expect(outcome.output).toEqual([
      { json: { method: 'POST', q: ['a', '2'], ct: 'application/json', got: { hello: 'world' }, h: 'yes' } },
    ]);
    expect(server.requests[0]?.url.searchParams.get('fixed')).toBe('1');
  });

  it('sends form and raw bodies, returns text and full responses', async () => {
    handler = (req) => ({ body: `${req.headers['content-type']}|${req.body}` });
    const form = await setup({ method: 'POST', url: `${server.url}/f`, body: { type: 'form', fields: [{ name: 'a', value: 'b c' }] } }).run();
    expect(form.output).toEqual([{ json: { body: 'application/x-www-form-urlencoded|a=b+c' } }]);
    const raw = await setup({
      method: 'PUT',
      url: `${server.url}/r`,
      body: { type: 'raw', raw: '<x/>', contentType: 'application/xml' },
      response: { full: true },
    }).run();
    expect(raw.output?.[0]?.json).toMatchObject({ statusCode: 200, body: 'application/xml|<x/>', headers: { 'content-type': 'text/plain' } });
  });

  it('splits JSON arrays into items, or reads them from itemsPath', async () => {
    handler = (req) => ({ body: req.path === '/list' ? [{ a: 1 }, { a: 2 }, 3] : { data: { rows: [{ r: 1 }, { r: 2 }] } } });
    expect((await setup({ url: `${server.url}/list` }).run()).output).toEqual([{ json: { a: 1 } }, { json: { a: 2 } }, { json: { value: 3 } }]);
    expect((await setup({ url: `${server.url}/nested`, response: { itemsPath: 'data.rows' } }).run()).output).toEqual([
      { json: { r: 1 } },
      { json: { r: 2 } },
    ]);
  });

  it('fails on non-2xx with HTTP_STATUS, or outputs it with neverError', async () => {
    handler = () => ({ status: 404, body: { error: 'missing' } });
    const failed = await setup({ url: `${server.url}/x` }).run();
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'HTTP_STATUS', details: { status: 404 } } });
    const kept = await setup({ url: `${server.url}/x`, neverError: true, response: { full: true } }).run();
    expect(kept.output?.[0]?.json).toMatchObject({ statusCode: 404, body: { error: 'missing' } });
  });

  describe('authentication', () => {
    it('httpBasic', async () => {
      handler = (req) => ({ body: { auth: req.headers.authorization } });
      const outcome = await setup({ url: `${server.url}/b`, auth: { kind: 'httpBasic', credentialId: 'basic' } }).run();
      expect(server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ann:pa55word').toString('base64')}`);
      expect(outcome.output?.[0]?.json.auth).toBe('Basic [redacted]');
    });

    it('httpBearer', async () => {
      await setup({ url: `${server.url}/b`, auth: { kind: 'httpBearer', credentialId: 'bearer' } }).run();
      expect(server.requests[0]?.headers.authorization).toBe('Bearer bearer-token-1');
    });

    it('httpHeaderKey', async () => {
      await setup({ url: `${server.url}/b`, auth: { kind: 'httpHeaderKey', credentialId: 'header' } }).run();
      expect(server.requests[0]?.headers['x-api-key']).toBe('header-key-1');
    });

    it('httpQueryKey', async () => {
      await setup({ url: `${server.url}/b?x=1`, auth: { kind: 'httpQueryKey', credentialId: 'query' } }).run();
      expect(server.requests[0]?.url.searchParams.get('api_key')).toBe('query-key-1');
      expect(server.requests[0]?.url.searchParams.get('x')).toBe('1');
    });

    it('oauth2ClientCredentials: fetches a token once per run and renews it after a 401', async () => {
      let issued = 0;
      let rejectNext = false;
      handler = (req) => {
        if (req.path === '/token') {
          issued++;
          const form = new URLSearchParams(req.body);
          expect(form.get('grant_type')).toBe('client_credentials');
          expect(form.get('scope')).toBe('read');
          expect(req.headers.authorization).toBe(`Basic ${Buffer.from('client-1:client-secret-1').toString('base64')}`);
          return { body: { access_token: `access-${issued}`, expires_in: 3600, token_type: 'bearer' } };
        }
        if (rejectNext && req.headers.authorization === 'Bearer access-1') {
          rejectNext = false;
          return { status: 401, body: { error: 'expired' } };
        }
        return { body: { auth: req.headers.authorization } };
      };
      const { run } = setup({ url: `${server.url}/data`, auth: { kind: 'oauth2ClientCredentials', credentialId: 'oauth' } }, {
        items: [{ n: 1 }, { n: 2 }, { n: 3 }],
      });
      const outcome = await run();
      expect(outcome.status).toBe('succeeded');
      expect(issued).toBe(1);
      expect(server.requests.filter((r) => r.path === '/data').map((r) => r.headers.authorization)).toEqual([
        'Bearer access-1',
        'Bearer access-1',
        'Bearer access-1',
      ]);
      expect(outcome.output?.[0]?.json.auth).toBe('Bearer [redacted]');

      server.requests.length = 0;
      issued = 0;
      rejectNext = true;
      const renewed = await run();
      expect(renewed.status).toBe('succeeded');
      expect(issued).toBe(2);
      expect(server.requests.filter((r) => r.path === '/data').map((r) => r.headers.authorization)).toEqual([
        'Bearer access-1',
        'Bearer access-2',
        'Bearer access-2',
        'Bearer access-2',
      ]);
    });
  });

  describe('retries on 429 / 5xx', () => {
    it('honours Retry-After in seconds', async () => {
      let calls = 0;
      handler = () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '2' }, body: 'slow down' } : { body: { ok: true } });
      const { h, run } = setup({ url: `${server.url}/rl` });
      const outcome = await run();
      expect(outcome.output).toEqual([{ json: { ok: true } }]);
      expect(h.clock.sleeps.map((s) => s.ms)).toEqual([2000]);
    });

    it('honours Retry-After as an HTTP date, relative to the injected clock', async () => {
      let calls = 0;
      const { h, run } = setup({ url: `${server.url}/rl` });
      handler = () =>
        ++calls === 1
          ? { status: 503, headers: { 'retry-after': new Date(h.clock.now() + 7000).toUTCString() } }
          : { body: { ok: true } };
      expect((await run()).status).toBe('succeeded');
      expect(h.clock.sleeps.map((s) => s.ms)).toEqual([7000]);
    });

    it('backs off exponentially without Retry-After, caps delays, and gives up after maxRetries', async () => {
      handler = () => ({ status: 502, body: 'bad gateway' });
      const { h, run } = setup({ url: `${server.url}/down`, retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 1500 } });
      const outcome = await run();
      expect(outcome).toMatchObject({ status: 'failed', error: { code: 'HTTP_STATUS', details: { status: 502 } } });
      expect(h.clock.sleeps.map((s) => s.ms)).toEqual([500, 1000, 1500]);
      expect(server.requests).toHaveLength(4);
    });
  });

  describe('pagination', () => {
    it('follows Link rel="next" up to maxPages', async () => {
      handler = (req) => {
        const page = Number(req.url.searchParams.get('page') ?? '1');
        const headers: Record<string, string> = page < 5 ? { link: `<${server.url}/items?page=${page + 1}>; rel="next"` } : {};
        return {
          headers,
          body: [{ page }],
        };
      };
      const all = await setup({ url: `${server.url}/items`, pagination: { mode: 'linkHeader', maxPages: 10 } }).run();
      expect(all.output?.map((i) => i.json.page)).toEqual([1, 2, 3, 4, 5]);
      server.requests.length = 0;
      const capped = await setup({ url: `${server.url}/items`, pagination: { mode: 'linkHeader', maxPages: 2 } }).run();
      expect(capped.output?.map((i) => i.json.page)).toEqual([1, 2]);
      expect(server.requests).toHaveLength(2);
    });

    it('follows a next URL found at a JSON path', async () => {
      handler = (req) =>
        req.path === '/p1'
          ? { body: { data: [{ n: 1 }, { n: 2 }], links: { next: '/p2' } } }
          : { body: { data: [{ n: 3 }], links: { next: null } } };
      const outcome = await setup({
        url: `${server.url}/p1`,
        response: { itemsPath: 'data' },
        pagination: { mode: 'nextUrl', nextUrlPath: 'links.next' },
      }).run();
      expect(outcome.output?.map((i) => i.json.n)).toEqual([1, 2, 3]);
    });

    it('sends the cursor from each page back as a query parameter', async () => {
      const pages: Record<string, { items: { n: number }[]; meta: { next?: string } }> = {
        '': { items: [{ n: 1 }], meta: { next: 'c2' } },
        c2: { items: [{ n: 2 }], meta: { next: 'c3' } },
        c3: { items: [{ n: 3 }], meta: {} },
      };
      handler = (req) => ({ body: pages[req.url.searchParams.get('cursor') ?? ''] });
      const outcome = await setup({
        url: `${server.url}/c?limit=1`,
        response: { itemsPath: 'items' },
        pagination: { mode: 'cursor', cursorPath: 'meta.next', cursorParam: 'cursor' },
      }).run();
      expect(outcome.output?.map((i) => i.json.n)).toEqual([1, 2, 3]);
      expect(server.requests.map((r) => r.url.search)).toEqual(['?limit=1', '?limit=1&cursor=c2', '?limit=1&cursor=c3']);
    });
  });

  it('refuses loopback and private addresses unless allow-listed', async () => {
    const outcome = await setup({ url: `${server.url}/secret` }, { allow: false }).run();
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { code: 'HTTP_ADDRESS_BLOCKED', nodeId: 'h' },
    });
    expect(outcome.error?.message).toMatch(/127\.0\.0\.1.*blocked unless allow-listed/);
    expect(server.requests).toHaveLength(0);
  });

  it('resolves host names with the injected resolver before connecting', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['h', 'core.httpRequest', { url: 'http://db.internal.example/' }]], ['t -> h']),
      { resolveHost: async () => ['192.168.10.4'] },
    );
    expect(outcome.error).toMatchObject({ code: 'HTTP_ADDRESS_BLOCKED', details: { address: '192.168.10.4' } });
  });
});
