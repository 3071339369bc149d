import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch } from '../net/guarded-fetch.ts';
import type { FetchLike } from '../node-api.ts';
import { fetchFeed } from './fetch-feed.ts';
import { rssDocument } from './testing.ts';

let server: Server;
let base: string;
const guarded = createGuardedFetch(fetch as FetchLike, { allowList: ['127.0.0.1'] });

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/latin1': {
        const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9</title><item><guid>1</guid><title>Cr\u00e8me br\u00fbl\u00e9e</title></item></channel></rss>';
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(Buffer.from(xml, 'latin1'));
        return;
      }
      case '/endless': {
        // No Content-Length: the cap must stop the stream itself.
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'transfer-encoding': 'chunked' });
        res.write('<rss><channel>');
        const chunk = `<item><guid>x</guid><title>${'y'.repeat(4000)}</title></item>`;
        const timer = setInterval(() => res.write(chunk), 1);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/cached':
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(200, { etag: '"v1"', 'last-modified': 'Mon, 02 Mar 2026 09:00:00 GMT', 'content-type': 'application/rss+xml' });
        res.end(rssDocument([{ id: 'c1' }]));
        return;
      case '/busy':
        res.writeHead(503, { 'retry-after': '60' });
        res.end('try later');
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('fetchFeed', () => {
  it('decodes the charset named by the XML declaration', async () => {
    const result = await fetchFeed(guarded, `${base}/latin1`);
    expect(result.notModified ? null : [result.feed.title, result.feed.items[0]?.title]).toEqual(['Café', 'Crème brûlée']);
  });

  it('stops reading past the byte cap', async () => {
    await expect(fetchFeed(guarded, `${base}/endless`, { maxBytes: 64 * 1024 })).rejects.toMatchObject({ code: 'FEED_TOO_LARGE', retryable: false });
  });

  it('returns validators and honours them with 304', async () => {
    const first = await fetchFeed(guarded, `${base}/cached`);
    expect(first).toMatchObject({ notModified: false, etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 09:00:00 GMT' });
    expect(await fetchFeed(guarded, `${base}/cached`, { etag: '"v1"' })).toEqual({ notModified: true });
  });

  it('reports HTTP statuses (retryable for 5xx) and unreachable servers', async () => {
    await expect(fetchFeed(guarded, `${base}/busy`)).rejects.toMatchObject({ code: 'FEED_HTTP_STATUS', retryable: true, details: { status: 503 } });
    await expect(fetchFeed(guarded, `${base}/missing`)).rejects.toMatchObject({ code: 'FEED_HTTP_STATUS', retryable: false, details: { status: 404 } });
    await expect(fetchFeed(guarded, 'http://127.0.0.1:1/feed')).rejects.toMatchObject({ code: 'FEED_FETCH_FAILED', retryable: true });
  });

  it('keeps the private-address guard of the fetch it is given', async () => {
    await expect(fetchFeed(createGuardedFetch(fetch as FetchLike), `${base}/cached`)).rejects.toMatchObject({ code: 'HTTP_ADDRESS_BLOCKED' });
  });
});
