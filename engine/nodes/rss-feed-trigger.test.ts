import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { workflow } from '../testing/workflow-builder.ts';

const atom = readFileSync(new URL('../feeds/fixtures/atom.xml', import.meta.url), 'utf8');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(() => ({ headers: { 'content-type': 'application/atom+xml' }, body: atom }));
});
afterAll(() => server.close());

function setup() {
  const h = createHarness({ autoAdvance: true });
  return h;
}

describe('RSS Feed Trigger node', () => {
  const triggerFlow = (url: string) => workflow([['feed', 'core.rssFeedTrigger', { url, pollMinutes: 5 }], ['next', 'core.noOp']], ['feed -> next']);

  it('passes through the entries the poller started the run with', async () => {
    const entry = { id: 'x1', title: 'New post', link: null, summary: null, contentSnippet: '', publishedAt: null, categories: [] };
    const outcome = await setup().run(triggerFlow('https://feeds.example.com/never-fetched.xml'), { trigger: { kind: 'poll', items: [{ json: entry }] } });
    expect(outcome.output).toEqual([{ json: entry }]);
    expect(server.requests).toHaveLength(0);
  });

  it('run by hand, outputs the newest entry of the feed as a sample', async () => {
    const outcome = await setup().run(triggerFlow(`${server.url}/atom`), { httpAllowList: ['127.0.0.1'] });
    expect(outcome.output?.map((i) => i.json.id)).toEqual(['tag:atom.example.org,2025:atoms']);
  });

  it('validates pollMinutes', () => {
    const h = setup();
    const flow = (pollMinutes: number) => workflow([['feed', 'core.rssFeedTrigger', { url: 'https://example.com/feed', pollMinutes }]]);
    expect(() => h.compile(flow(0))).toThrow(/params\.pollMinutes/);
    expect(() => h.compile(flow(1441))).toThrow(/params\.pollMinutes/);
    expect(() => h.compile(flow(1440))).not.toThrow();
  });
});
