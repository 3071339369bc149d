import { z } from 'zod';
import { NodeError } from '../errors.ts';
import { getPath, type Item } from '../items.ts';
import { defineNode, type NodeContext } from '../node-api.ts';
import { applyAuth, HttpAuthSchema } from './http/auth.ts';
import { nextLinkFromHeader } from './http/link-header.ts';
import { readBody, responseItems } from './http/response.ts';
import { parseRetryAfter } from './http/retry-after.ts';
import { NameValueListSchema } from './shared/name-value.ts';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const MaxPages = z.number().int().min(1).max(1000).default(10).describe('Stop after this many pages');

export const HttpRequestParams = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).default('GET').describe('HTTP method'),
  url: z.string().min(1).refine(isHttpUrl, { error: 'Must be an http:// or https:// URL' }).describe('Request URL'),
  query: NameValueListSchema.describe('Query parameters added to the URL'),
  headers: NameValueListSchema.describe('Request headers'),
  body: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('none') }),
      z.object({ type: z.literal('json'), json: z.unknown().describe('Value sent as JSON') }),
      z.object({ type: z.literal('form'), fields: NameValueListSchema.describe('Fields sent as application/x-www-form-urlencoded') }),
      z.object({
        type: z.literal('raw'),
        raw: z.string().describe('Body sent as is'),
        contentType: z.string().default('text/plain').describe('Content-Type of the raw body'),
      }),
    ])
    .default({ type: 'none' })
    .describe('Request body'),
  auth: HttpAuthSchema.optional().describe('Authentication with a stored credential'),
  response: z
    .object({
      format: z.enum(['auto', 'json', 'text']).default('auto').describe('auto: JSON when the content type says so'),
      full: z.boolean().default(false).describe('Output { statusCode, headers, body } instead of the body'),
      splitArray: z.boolean().default(true).describe('A JSON array body becomes one item per element'),
      itemsPath: z.string().optional().describe('Dotted path of the array of results in the body, e.g. "data.items"'),
    })
    .prefault({})
    .describe('How the response becomes items'),
  neverError: z.boolean().default(false).describe('Output non-2xx responses instead of failing'),
  retry: z
    .object({
      onStatus: z.boolean().default(true).describe('Retry 429 and 5xx responses, honouring Retry-After'),
      maxRetries: z.number().int().min(0).max(10).default(3).describe('Retries per request'),
      baseDelayMs: z.number().int().min(0).max(600_000).default(1000).describe('First delay when there is no Retry-After; doubles each retry'),
      maxDelayMs: z.number().int().min(0).max(3_600_000).default(60_000).describe('Longest delay, including Retry-After'),
    })
    .prefault({})
    .describe('Retries of throttled and failed responses'),
  pagination: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('none') }),
      z.object({ mode: z.literal('linkHeader'), maxPages: MaxPages }),
      z.object({
        mode: z.literal('nextUrl'),
        nextUrlPath: z.string().min(1).describe('Dotted path of the next page URL in the body, e.g. "links.next"'),
        maxPages: MaxPages,
      }),
      z.object({
        mode: z.literal('cursor'),
        cursorPath: z.string().min(1).describe('Dotted path of the next cursor in the body, e.g. "meta.nextCursor"'),
        cursorParam: z.string().min(1).describe('Query parameter that sends the cursor'),
        maxPages: MaxPages,
      }),
    ])
    .default({ mode: 'none' })
    .describe('Follow pages: Link header rel="next", a next-URL field, or a cursor field'),
});
export type HttpRequestParams = z.infer<typeof HttpRequestParams>;

function buildBody(p: HttpRequestParams, headers: Headers): string | undefined {
  switch (p.body.type) {
    case 'none':
      return undefined;
    case 'json':
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return typeof p.body.json === 'string' ? p.body.json : JSON.stringify(p.body.json ?? null);
    case 'form': {
      if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
      const form = new URLSearchParams();
      for (const field of p.body.fields) form.append(field.name, String(field.value));
      return form.toString();
    }
    case 'raw':
      if (!headers.has('content-type')) headers.set('content-type', p.body.contentType);
      return p.body.raw;
  }
}

function statusError(response: Response, body: unknown): NodeError {
  const snippet = typeof body === 'string' ? body.slice(0, 500) : JSON.stringify(body ?? null).slice(0, 500);
  return new NodeError(`Request failed with status ${response.status} ${response.statusText}`.trim(), {
    code: 'HTTP_STATUS',
    retryable: response.status === 429 || response.status >= 500,
    details: { status: response.status, body: snippet },
  });
}

/** One request, retried on 429/5xx (Retry-After or exponential delay on ctx.clock), and once on 401 with a fresh OAuth2 token. */
async function send(ctx: NodeContext<HttpRequestParams>, url: URL): Promise<{ response: Response; body: unknown }> {
  const p = ctx.params;
  let refreshed = false;
  for (let retry = 0; ; ) {
    const requestUrl = new URL(url);
    const headers = new Headers();
    for (const h of p.headers) headers.append(h.name, String(h.value));
    if (p.auth) await applyAuth(ctx, p.auth, requestUrl, headers, refreshed);
    const body = buildBody(p, headers);
    const response = await ctx.fetch(requestUrl, { method: p.method, headers, body, signal: ctx.signal });
    if (response.status === 401 && p.auth?.kind === 'oauth2ClientCredentials' && !refreshed) {
      await response.body?.cancel();
      refreshed = true;
      continue;
    }
    if ((response.status === 429 || response.status >= 500) && p.retry.onStatus && retry < p.retry.maxRetries) {
      const delay = Math.min(
        p.retry.maxDelayMs,
        parseRetryAfter(response.headers.get('retry-after'), ctx.clock.now()) ?? p.retry.baseDelayMs * 2 ** retry,
      );
      await response.body?.cancel();
      retry++;
      ctx.logger.info('http retry', { status: response.status, delayMs: delay, retry });
      await ctx.clock.sleep(delay, ctx.signal);
      continue;
    }
    const parsed = await readBody(response, p.response.format, p.method);
    if (!response.ok && !p.neverError) throw statusError(response, parsed);
    return { response, body: parsed };
  }
}

function nextPage(p: HttpRequestParams, url: URL, response: Response, body: unknown): URL | undefined {
  const pagination = p.pagination;
  switch (pagination.mode) {
    case 'none':
      return undefined;
    case 'linkHeader': {
      const link = nextLinkFromHeader(response.headers.get('link'));
      return link ? new URL(link, url) : undefined;
    }
    case 'nextUrl': {
      const next = getPath(body, pagination.nextUrlPath);
      return typeof next === 'string' && next !== '' ? new URL(next, url) : undefined;
    }
    case 'cursor': {
      const cursor = getPath(body, pagination.cursorPath);
      if (cursor === undefined || cursor === null || cursor === '' || cursor === false) return undefined;
      const next = new URL(url);
      next.searchParams.set(pagination.cursorParam, String(cursor));
      return next;
    }
  }
}

export const httpRequest = defineNode({
  type: 'core.httpRequest',
  version: 1,
  displayName: 'HTTP Request',
  description: 'Calls an HTTP API and outputs the response.',
  docs: [
    'Sends one request per input item (all params accept expressions, e.g. `https://api.example.com/users/{{ $json.id }}`).',
    '- **auth**: a stored credential of kind httpBasic, httpBearer, httpHeaderKey, httpQueryKey or oauth2ClientCredentials',
    '  (the token is fetched once per run and renewed on expiry or a 401). Credential values never appear in run data.',
    '- **retry**: 429 and 5xx responses are retried, waiting as long as Retry-After says (seconds or HTTP date), or exponentially.',
    '- **pagination**: follows Link `rel="next"`, a next-URL field in the body, or a cursor field sent back as a query parameter,',
    '  up to **maxPages**; the items of all pages are concatenated.',
    '- **response**: JSON bodies become items (arrays split into one item per element), text becomes `{ body }`,',
    '  or `{ statusCode, headers, body }` with **full**.',
    'Private, loopback, link-local and cloud-metadata addresses are refused (error `HTTP_ADDRESS_BLOCKED`) unless the',
    'server\'s HTTP allow-list permits them; redirects are checked the same way.',
  ].join('\n'),
  category: 'core',
  icon: '🌐',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: HttpRequestParams,
  credentials: [
    { kind: 'httpBasic', required: false },
    { kind: 'httpBearer', required: false },
    { kind: 'httpHeaderKey', required: false },
    { kind: 'httpQueryKey', required: false },
    { kind: 'oauth2ClientCredentials', required: false },
  ],
  async run(ctx) {
    const p = ctx.params;
    let url = new URL(p.url);
    for (const q of p.query) url.searchParams.append(q.name, String(q.value));
    const maxPages = p.pagination.mode === 'none' ? 1 : p.pagination.maxPages;
    const items: Item[] = [];
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      seen.add(url.href);
      const { response, body } = await send(ctx, url);
      const pageItems = responseItems(body, response, p.response);
      for (const item of pageItems) items.push(item);
      if (page >= maxPages || pageItems.length === 0) break;
      const next = nextPage(p, url, response, body);
      // A next link pointing at a page already fetched would loop until maxPages.
      if (!next || seen.has(next.href)) break;
      url = next;
    }
    return items;
  },
});
