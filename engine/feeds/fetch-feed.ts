import { NodeError } from '../errors.ts';
import type { FetchLike } from '../node-api.ts';
import { readCapped } from '../net/read-capped.ts';
import { FeedError, FeedErrorCode } from './feed-error.ts';
import { FEED_LIMITS, parseFeed, type ParsedFeed, type ParseFeedOptions } from './parse-feed.ts';

export interface FetchFeedOptions extends Omit<ParseFeedOptions, 'baseUrl'> {
  signal?: AbortSignal;
  /** Validators from the previous response: the server may answer 304 Not Modified. */
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchFeedResult =
  | { notModified: true }
  | { notModified: false; feed: ParsedFeed; etag: string | null; lastModified: string | null };

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/** Charset from the Content-Type header, else from the XML declaration, else UTF-8. */
function decode(body: Uint8Array, contentType: string | null): string {
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/.exec(new TextDecoder('latin1').decode(body.subarray(0, 200)))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/**
 * GETs and parses a feed through `fetch` — pass the guarded fetch (`ctx.fetch`, or
 * `createGuardedFetch`) so private addresses stay blocked. Conditional when validators are
 * given. Fails with `FeedError`: FEED_HTTP_STATUS (retryable for 408, 429 and 5xx),
 * FEED_TOO_LARGE, FEED_INVALID, FEED_FETCH_FAILED; the guard's own errors pass through.
 */
export async function fetchFeed(fetch: FetchLike, url: string, options: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const headers = new Headers({ accept: ACCEPT, 'user-agent': 'FlowForge feed reader' });
  if (options.etag) headers.set('if-none-match', options.etag);
  if (options.lastModified) headers.set('if-modified-since', options.lastModified);
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', headers, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (err) {
    if (err instanceof NodeError || options.signal?.aborted) throw err;
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new FeedError(FeedErrorCode.FetchFailed, `Could not fetch the feed at ${url}: ${err instanceof Error ? err.message : String(err)}${cause ? ` (${cause})` : ''}`, {
      cause: err,
      details: { url },
    });
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { notModified: true };
  }
  if (!response.ok) {
    await response.body?.cancel();
    const status = response.status;
    throw new FeedError(FeedErrorCode.HttpStatus, `The feed at ${url} answered ${status} ${response.statusText}`.trim(), {
      retryable: status === 408 || status === 429 || status >= 500,
      details: { url, status },
    });
  }
  const maxBytes = options.maxBytes ?? FEED_LIMITS.maxBytes;
  const text = decode(
    await readCapped(response, maxBytes, () => new FeedError(FeedErrorCode.TooLarge, `The feed is larger than ${maxBytes} bytes`, { retryable: false, details: { maxBytes } })),
    response.headers.get('content-type'),
  );
  const feed = parseFeed(text, { maxBytes, ...(options.maxItems ? { maxItems: options.maxItems } : {}), baseUrl: response.url || url });
  return { notModified: false, feed, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
}
