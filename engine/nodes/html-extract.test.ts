import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSite, type FakeSite } from '../testing/fake-site.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>Launch</title>
<meta property="og:site_name" content="TechDaily"></head><body>
<article>
  <h1>  Acme raises   a seed round </h1>
  <p class="byline">By <a rel="author" href="/authors/jo">Jo Writer</a></p>
  <p>Founded by <span class="founder">Ada Lovelace</span> and <span class="founder">Charles Babbage</span>,
  <a class="company" href="https://acme.io/?ref=td&amp;x=1">Acme</a> builds engines.</p>
</article>
<ul class="team"><li data-role="CEO"><b>Ada</b><a href="mailto:ada@acme.io">mail</a></li><li data-role="CTO"><b>Charles</b></li></ul>
</body></html>`;

let site: FakeSite;
beforeAll(async () => {
  site = await startFakeSite({
    '/news/acme': ARTICLE,
    '/api': { contentType: 'application/json', body: '{"not":"html"}' },
    '/text': { contentType: 'text/plain', body: 'just words, no markup' },
    '/busy': { status: 429, headers: { 'retry-after': '30' }, body: 'slow down' },
    '/down': { status: 503, body: 'maintenance' },
    '/gone': { status: 410, body: 'gone' },
  });
});
afterAll(() => site.close());

function flow(params: Record<string, unknown>, items: Record<string, unknown>[] = [{ link: 'x' }], settings?: Record<string, unknown>) {
  return workflow(
    [
      ['t', 'core.manualTrigger'],
      ['e', 'test.emit', { items }],
      ['x', 'core.htmlExtract', params, settings],
    ],
    ['t -> e', 'e -> x'],
  );
}

const run = (params: Record<string, unknown>, items?: Record<string, unknown>[], settings?: Record<string, unknown>) =>
  createHarness({ autoAdvance: true }).run(flow(params, items, settings), { httpAllowList: ['127.0.0.1'] });

describe('HTML Extract node', () => {
  it('fetches the page from an expression and extracts text, attributes (absolute) and lists, keeping the input', async () => {
    const outcome = await run(
      {
        url: `{{ $json.link }}`,
        fields: [
          { key: 'headline', selector: 'h1' },
          { key: 'site', selector: 'meta[property="og:site_name"]', attribute: 'content' },
          { key: 'authorUrl', selector: '.byline a', attribute: 'href' },
          { key: 'companyUrl', selector: 'a.company', attribute: 'href' },
          { key: 'founders', selector: '.founder', multiple: true },
          { key: 'missing', selector: '.nope' },
          { key: 'byline', selector: '.byline', attribute: 'html' },
        ],
      },
      [{ link: `${site.url}/news/acme`, title: 'Feed title' }],
    );
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toEqual([
      {
        json: {
          link: `${site.url}/news/acme`,
          title: 'Feed title',
          headline: 'Acme raises a seed round',
          site: 'TechDaily',
          authorUrl: `${site.url}/authors/jo`,
          companyUrl: 'https://acme.io/?ref=td&x=1',
          founders: ['Ada Lovelace', 'Charles Babbage'],
          missing: null,
          byline: 'By <a rel="author" href="/authors/jo">Jo Writer</a>',
        },
      },
    ]);
    expect(site.requests.at(-1)?.headers.accept).toMatch(/text\/html/);
  });

  it('emits one item per itemSelector match, reading HTML from a field', async () => {
    const outcome = await run(
      {
        source: 'field',
        field: 'page.html',
        itemSelector: 'ul.team li',
        keepInput: false,
        fields: [
          { key: 'name', selector: 'b' },
          { key: 'role', attribute: 'data-role' },
          { key: 'mail', selector: 'a', attribute: 'href' },
        ],
      },
      [{ page: { html: ARTICLE } }],
    );
    expect(outcome.output).toEqual([
      { json: { name: 'Ada', role: 'CEO', mail: 'mailto:ada@acme.io' } },
      { json: { name: 'Charles', role: 'CTO', mail: null } },
    ]);
  });

  it('refuses what is not HTML, with a clear non-retryable error', async () => {
    const json = await run({ url: `${site.url}/api`, fields: [{ key: 'h', selector: 'h1' }] });
    expect(json).toMatchObject({ status: 'failed', error: { code: 'HTML_NOT_HTML', message: expect.stringContaining('application/json') } });
    const text = await run({ url: `${site.url}/text`, fields: [{ key: 'h', selector: 'h1' }] });
    expect(text).toMatchObject({ status: 'failed', error: { code: 'HTML_NOT_HTML' } });
    const noField = await run({ source: 'field', field: 'body', fields: [{ key: 'h', selector: 'h1' }] }, [{ other: 1 }]);
    expect(noField).toMatchObject({ status: 'failed', error: { code: 'HTML_FIELD_MISSING', message: 'Field "body" of the item holds no HTML (found nothing)' } });
    const badSelector = await run({ source: 'field', fields: [{ key: 'h', selector: 'h1[' }] }, [{ html: '<p>x</p>' }]);
    expect(badSelector).toMatchObject({ status: 'failed', error: { code: 'HTML_BAD_SELECTOR' } });
    const badUrl = await run({ url: 'ftp://example.com', fields: [{ key: 'h', selector: 'h1' }] });
    expect(badUrl).toMatchObject({ status: 'failed', error: { code: 'HTML_BAD_URL', field: 'params.url' } });
  });

  it('HTTP errors: 429 and 5xx are retried (Retry-After honoured), other statuses fail at once', async () => {
    const h = createHarness({ autoAdvance: true });
    const before = site.hits('/busy');
    const busy = await h.run(flow({ url: `${site.url}/busy`, fields: [{ key: 'h', selector: 'h1' }] }, undefined, { retries: 1 }), {
      httpAllowList: ['127.0.0.1'],
    });
    expect(busy).toMatchObject({ status: 'failed', error: { code: 'HTML_HTTP_STATUS', details: { status: 429, retryAfterMs: 30_000 } } });
    expect(site.hits('/busy') - before).toBe(2);
    expect(h.clock.sleeps.some((s) => s.ms === 30_000)).toBe(true);

    const down = await run({ url: `${site.url}/down`, fields: [{ key: 'h', selector: 'h1' }] }, undefined, { retries: 2 });
    expect(down).toMatchObject({ status: 'failed', error: { code: 'HTML_HTTP_STATUS', details: { status: 503 } } });
    expect(site.hits('/down')).toBe(3);

    const gone = await run({ url: `${site.url}/gone`, fields: [{ key: 'h', selector: 'h1' }] }, undefined, { retries: 2 });
    expect(gone).toMatchObject({ status: 'failed', error: { code: 'HTML_HTTP_STATUS', message: expect.stringContaining('410') } });
    expect(site.hits('/gone')).toBe(1);
  });

  it('refuses private addresses without the allow-list', async () => {
    const outcome = await createHarness().run(flow({ url: `${site.url}/news/acme`, fields: [{ key: 'h', selector: 'h1' }] }));
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'HTTP_ADDRESS_BLOCKED' } });
  });
});
