import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RSS_CONTENT_TYPE } from '../feeds/testing.ts';
import { createHarness } from '../testing/harness.ts';
import { startTestServer, type RecordedRequest, type TestResponse, type TestServer } from '../testing/test-server.ts';
import { workflow } from '../testing/workflow-builder.ts';

const fixture = (name: string) => readFileSync(new URL(`../feeds/fixtures/${name}`, import.meta.url), 'utf8');

let server: TestServer;
let handler: (req: RecordedRequest) => TestResponse;
beforeAll(async () => {
  server = await startTestServer((req) => handler(req));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  handler = (req): TestResponse => {
    if (req.path === '/rss') return { headers: { 'content-type': RSS_CONTENT_TYPE }, body: fixture('rss2.xml') };
    if (req.path === '/atom') return { headers: { 'content-type': 'application/atom+xml' }, body: fixture('atom.xml') };
    if (req.path === '/page') return { headers: { 'content-type': 'text/html' }, body: fixture('html-page.html') };
    if (req.path === '/json') return { headers: { 'content-type': 'application/json' }, body: '{"items":[]}' };
    if (req.path === '/plain') return { headers: { 'content-type': 'text/plain' }, body: 'no feed here' };
    if (req.path === '/moved') return { status: 301, headers: { location: '/atom' } };
    return { status: 404, body: 'not found' };
  };
});

function setup() {
  const h = createHarness({ autoAdvance: true });
  return h;
}

function readFlow(params: Record<string, unknown>) {
  return workflow([['t', 'core.manualTrigger'], ['r', 'core.rssRead', params]], ['t -> r']);
}

describe('RSS Read node', () => {
  it('reads a local feed when the allow-list permits it, one item per entry, up to the limit', async () => {
    const h = setup();
    const outcome = await h.run(readFlow({ url: `${server.url}/rss`, limit: 2 }), { httpAllowList: ['127.0.0.1'] });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.map((i) => i.json.title)).toEqual(['Release 2.0 &mdash; what’s new', 'Hello world']);
    expect(outcome.output?.[0]?.json).toMatchObject({ id: 'https://blog.example.com/?p=42', author: 'Ada Lovelace', categories: ['Releases', 'News'] });
    expect(server.requests[0]?.headers.accept).toMatch(/application\/rss\+xml/);
  });

  it('follows redirects and reads Atom', async () => {
    const outcome = await setup().run(readFlow({ url: `${server.url}/moved` }), { httpAllowList: ['127.0.0.1'] });
    expect(outcome.output?.map((i) => i.json.id)).toEqual(['tag:atom.example.org,2025:atoms', 'tag:atom.example.org,2025:plain']);
  });

  it('refuses a private address without the allow-list', async () => {
    const outcome = await setup().run(readFlow({ url: `${server.url}/rss` }));
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'HTTP_ADDRESS_BLOCKED', nodeId: 'r' } });
    expect(server.requests).toHaveLength(0);
  });

  it('fails with FEED_INVALID on an HTML page and FEED_HTTP_STATUS on an error status', async () => {
    const h = setup();
    const page = await h.run(readFlow({ url: `${server.url}/page` }), { httpAllowList: ['127.0.0.1'] });
    expect(page).toMatchObject({ status: 'failed', error: { code: 'FEED_INVALID', details: { advertisedFeedUrl: `${server.url}/feed.xml` } } });
    const missing = await h.run(readFlow({ url: `${server.url}/gone` }), { httpAllowList: ['127.0.0.1'] });
    expect(missing).toMatchObject({ status: 'failed', error: { code: 'FEED_HTTP_STATUS', details: { status: 404 } } });
  });

  it('fails with FEED_INVALID, not retried, on a body that is not XML at all', async () => {
    const h = setup();
    for (const path of ['/json', '/plain']) {
      const before = server.hits(path);
      const outcome = await h.run(workflow([['t', 'core.manualTrigger'], ['r', 'core.rssRead', { url: `${server.url}${path}` }, { retries: 2 }]], ['t -> r']), {
        httpAllowList: ['127.0.0.1'],
      });
      expect(outcome).toMatchObject({ status: 'failed', error: { code: 'FEED_INVALID', nodeId: 'r' } });
      expect(server.hits(path) - before).toBe(1);
    }
  });

  it('rejects a url that is not http(s) at compile time', () => {
    const h = setup();
    expect(() => h.compile(readFlow({ url: 'ftp://example.com/feed' }))).toThrow(/INVALID_PARAMS/);
  });
});
