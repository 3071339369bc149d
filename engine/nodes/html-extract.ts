import { z } from 'zod';
import { NodeError } from '../errors.ts';
import { getPath, type Item, type JsonObject } from '../items.ts';
import { defineNode, type NodeContext } from '../node-api.ts';
import { readCapped } from '../net/read-capped.ts';
import { fetchService, statusError, type ServiceCall } from './outreach/service-http.ts';

const MAX_HTML_BYTES = 5 * 1024 * 1024;
const CALL: ServiceCall = { service: 'the page', codePrefix: 'HTML' };

export const HtmlExtractField = z.object({
  key: z.string().min(1).describe('Output field that receives the value, e.g. founder'),
  selector: z.string().default('').describe('CSS selector, e.g. "article .author a" (empty: the page, or the element of itemSelector)'),
  attribute: z
    .string()
    .min(1)
    .default('text')
    .describe('What to read: text (default), html (inner HTML), or an attribute name such as href, src, content'),
  multiple: z.boolean().default(false).describe('Every match as an array instead of the first one (null when none)'),
});
export type HtmlExtractField = z.infer<typeof HtmlExtractField>;

export const HtmlExtractParams = z.object({
  source: z.enum(['url', 'field']).default('url').describe('url: fetch the page at url; field: read HTML from a field of the item'),
  url: z.string().default('').describe('url: address of the page, e.g. {{ $json.link }}'),
  field: z.string().min(1).default('html').describe('field: dotted path of the item field that holds the HTML'),
  itemSelector: z
    .string()
    .default('')
    .describe('Optional CSS selector: one output item per matching element, with the fields looked up inside it (e.g. "ul.team li")'),
  fields: z.array(HtmlExtractField).min(1).describe('Values to extract: output field, selector, what to read'),
  keepInput: z.boolean().default(true).describe('Keep the input item\'s fields next to the extracted ones'),
  cleanText: z.boolean().default(true).describe('Trim text values and collapse runs of whitespace to one space'),
});
export type HtmlExtractParams = z.output<typeof HtmlExtractParams>;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function charsetOf(contentType: string | null, head: string): string {
  return /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? 'utf-8';
}

function decode(body: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(body.subarray(0, 2048));
  try {
    return new TextDecoder(charsetOf(contentType, head)).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

const LOOKS_LIKE_HTML = /<(!doctype\s+html|html|head|body|div|p|a|span|table|section|article|main|h[1-6])\b/i;

/** Fetches a page and returns its HTML; anything that is not HTML is a clear, non-retryable error. */
async function fetchHtml(ctx: NodeContext<HtmlExtractParams>, url: string): Promise<{ html: string; url: string }> {
  const response = await fetchService(
    ctx.fetch,
    url,
    {
      method: 'GET',
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'user-agent': 'FlowForge HTML Extract' },
      signal: ctx.signal,
    },
    CALL,
  );
  if (!response.ok) {
    await response.body?.cancel();
    throw statusError(CALL, response, ctx.clock.now(), { message: `The page at ${url} answered ${response.status} ${response.statusText}`.trim() });
  }
  const contentType = response.headers.get('content-type');
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime !== '' && !/html|xml/.test(mime) && mime !== 'text/plain') {
    await response.body?.cancel();
    throw new NodeError(`The page at ${url} is not HTML (content type ${mime})`, { code: 'HTML_NOT_HTML', retryable: false, details: { url, contentType: mime } });
  }
  const body = await readCapped(response, MAX_HTML_BYTES, () =>
    new NodeError(`The page at ${url} is larger than ${MAX_HTML_BYTES} bytes`, { code: 'HTML_TOO_LARGE', retryable: false, details: { url } }),
  );
  const html = decode(body, contentType);
  if (!/html|xml/.test(mime) && !LOOKS_LIKE_HTML.test(html.slice(0, 4096))) {
    throw new NodeError(`The page at ${url} is not HTML`, { code: 'HTML_NOT_HTML', retryable: false, details: { url, contentType: mime || null } });
  }
  return { html, url: response.url || url };
}

type Cheerio = import('cheerio').CheerioAPI;
type Selection = ReturnType<Cheerio>;

function clean(text: string, cleanText: boolean): string {
  return cleanText ? text.replace(/\s+/g, ' ').trim() : text;
}

/** The value of one field in one element: text, inner HTML, or an attribute (links made absolute). */
function readValue($: Cheerio, el: Selection, field: HtmlExtractField, baseUrl: string | undefined, cleanText: boolean): string | null {
  if (field.attribute === 'text') return clean(el.text(), cleanText);
  if (field.attribute === 'html') return (el.html() ?? '').trim();
  const value = el.attr(field.attribute);
  if (value === undefined) return null;
  if (baseUrl && /^(href|src|action|poster)$/i.test(field.attribute)) {
    try {
      return new URL(value.trim(), baseUrl).href;
    } catch {
      return value;
    }
  }
  return cleanText ? value.trim() : value;
}

/** Runs a selection; a selector cheerio cannot parse is the workflow's mistake, not a retryable failure. */
function select(run: () => Selection, selector: string): Selection {
  try {
    return run();
  } catch (err) {
    throw new NodeError(`Invalid CSS selector ${JSON.stringify(selector)}: ${err instanceof Error ? err.message : String(err)}`, {
      code: 'HTML_BAD_SELECTOR',
      retryable: false,
    });
  }
}

function extractFields($: Cheerio, root: Selection, p: HtmlExtractParams, baseUrl: string | undefined): JsonObject {
  const out: JsonObject = {};
  for (const field of p.fields) {
    const matches = field.selector.trim() === '' ? root : select(() => root.find(field.selector), field.selector);
    if (field.multiple) {
      out[field.key] = matches.toArray().map((el) => readValue($, $(el), field, baseUrl, p.cleanText));
    } else {
      const first = matches.first();
      out[field.key] = first.length === 0 ? null : readValue($, first, field, baseUrl, p.cleanText);
    }
  }
  return out;
}

export const htmlExtract = defineNode({
  type: 'core.htmlExtract',
  version: 1,
  displayName: 'HTML Extract',
  description: 'Extracts values from a web page (or HTML in a field) with CSS selectors.',
  docs: [
    'Reads HTML, once per input item, from the page at **url** (source url) or from an item field (source field), and',
    'writes one output field per entry of **fields**: `{ key, selector, attribute, multiple }`.',
    '- **selector** is a CSS selector (cheerio): `h1`, `.byline a[rel=author]`, `meta[property="og:site_name"]`.',
    '- **attribute**: `text` (the element\'s text, whitespace collapsed), `html` (inner HTML), or any attribute name',
    '  (`href`, `src`, `content`…). href/src values are made absolute against the page address.',
    '- **multiple**: every match as an array; otherwise the first match, or null when nothing matches.',
    '- **itemSelector**: one output item per matching element (e.g. each team member card), with the field selectors',
    '  looked up inside it; an empty selector then means the element itself. No match: no output item.',
    'With **keepInput** (default) the input item\'s fields are kept, so a feed entry flows on with its extracted founder.',
    'Errors: `HTML_HTTP_STATUS` for an error status (429 and 5xx are retryable, Retry-After honoured with node retries),',
    '`HTML_NOT_HTML` when the answer is not HTML (JSON, an image…), `HTML_TOO_LARGE` above 5 MB, `HTML_FETCH_FAILED`',
    'when the site cannot be reached (retryable). Private and loopback addresses are refused unless allow-listed.',
  ].join('\n'),
  category: 'data',
  icon: '🧲',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: HtmlExtractParams,
  async run(ctx) {
    const p = ctx.params;
    const input = ctx.item?.json ?? {};
    let html: string;
    let baseUrl: string | undefined;
    if (p.source === 'url') {
      const url = p.url.trim();
      if (!isHttpUrl(url)) {
        throw new NodeError(`url must be an http:// or https:// address, got ${JSON.stringify(p.url)}`, {
          code: 'HTML_BAD_URL',
          field: 'params.url',
          retryable: false,
        });
      }
      ({ html, url: baseUrl } = await fetchHtml(ctx, url));
    } else {
      const value = getPath(input, p.field);
      if (typeof value !== 'string') {
        throw new NodeError(`Field "${p.field}" of the item holds no HTML (found ${value === undefined ? 'nothing' : typeof value})`, {
          code: 'HTML_FIELD_MISSING',
          field: 'params.field',
          retryable: false,
        });
      }
      html = value;
    }
    // Loaded on first use: the node catalog (and the editor's server) never needs the parser.
    const { load } = await import('cheerio');
    const $ = load(html);
    const base: JsonObject = p.keepInput ? { ...input } : {};
    if (p.itemSelector.trim() === '') return [{ json: { ...base, ...extractFields($, $.root(), p, baseUrl) } }];
    const out: Item[] = [];
    for (const el of select(() => $(p.itemSelector), p.itemSelector).toArray()) out.push({ json: { ...base, ...extractFields($, $(el), p, baseUrl) } });
    return out;
  },
});
