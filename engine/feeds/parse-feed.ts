import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedError, FeedErrorCode } from './feed-error.ts';
import { decodeEntities, htmlToText, truncateText, xmlCharacterData } from './html-text.ts';

export const FeedFormat = { Rss2: 'rss2', Rss1: 'rss1', Atom: 'atom' } as const;
export type FeedFormat = (typeof FeedFormat)[keyof typeof FeedFormat];

/** One feed entry, the same shape whatever the format. A plain JSON object: it becomes an item's `json`. */
export type FeedItem = {
  /** guid (RSS), id (Atom), rdf:about (RDF), else the link, else a hash of title, date and summary. */
  id: string;
  title: string;
  link: string | null;
  /** description (RSS) or summary (Atom) as the feed gives it: often HTML. */
  summary: string | null;
  /** Plain text of the content (or summary), at most 500 characters. */
  contentSnippet: string;
  /** content:encoded (RSS) or content (Atom), usually HTML. Absent when the feed has none. */
  content?: string;
  author?: string;
  /** ISO 8601, or null when the entry has no date we can read. */
  publishedAt: string | null;
  categories: string[];
};

export type ParsedFeed = {
  format: FeedFormat;
  title: string;
  link: string | null;
  description: string | null;
  items: FeedItem[];
  /** True when the feed had more entries than `maxItems` and the rest were dropped. */
  truncated: boolean;
};

export const FEED_LIMITS = {
  /** Documents above this many bytes are refused. */
  maxBytes: 5 * 1024 * 1024,
  /** Entries beyond this many (in document order) are dropped. */
  maxItems: 1000,
  snippetChars: 500,
} as const;

export interface ParseFeedOptions {
  maxBytes?: number;
  maxItems?: number;
  /** Where the document came from: relative links are resolved against it. */
  baseUrl?: string;
}

function resolveUrl(link: string, baseUrl: string | undefined): string {
  if (baseUrl === undefined) return link;
  try {
    return new URL(link, baseUrl).href;
  } catch {
    return link;
  }
}

// Elements whose text we read raw: CDATA and entities are then handled in document order, and
// Atom's type="xhtml" content (markup, not text) is kept as markup instead of becoming objects.
const RAW_TEXT_ELEMENTS = ['title', 'description', 'content:encoded', 'summary', 'content', 'subtitle'];

// Entity processing is off: DOCTYPE entities are never expanded (no "billion laughs"), and
// external ones make the parser throw. Character references are decoded by decodeEntities.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  stopNodes: RAW_TEXT_ELEMENTS.map((name) => `*.${name}`),
});

type XmlNode = Record<string, unknown>;

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The element as an object (an empty element parses to ''). */
function asNode(value: unknown): XmlNode {
  return isNode(value) ? value : {};
}

function attr(node: unknown, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const value = node[`@_${name}`];
  return typeof value === 'string' ? decodeEntities(value).trim() : undefined;
}

/** Text content of an element (the first, when repeated); '' when it has none. */
function text(value: unknown): string {
  if (Array.isArray(value)) return text(value.find((v) => text(v) !== ''));
  if (typeof value === 'string') return xmlCharacterData(value).trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isNode(value)) return '';
  const own = typeof value['#text'] === 'string' ? xmlCharacterData(value['#text']) : '';
  const cdata = asArray(value['#cdata']).filter((c): c is string => typeof c === 'string').join('');
  return (own + cdata).trim();
}

/** Atom text construct (title, summary, content): HTML for type html/xhtml, text otherwise. */
function atomText(value: unknown): { value: string; type: 'text' | 'html' } {
  const node = Array.isArray(value) ? value[0] : value;
  const type = attr(node, 'type') ?? 'text';
  if (type === 'xhtml') {
    const raw = typeof node === 'string' ? node : isNode(node) && typeof node['#text'] === 'string' ? node['#text'] : '';
    // The content is one xhtml <div> wrapper around the markup.
    const inner = /^\s*<(?:[\w-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?div>\s*$/.exec(raw)?.[1] ?? raw;
    return { value: inner.trim(), type: 'html' };
  }
  return { value: text(node), type: type === 'html' || type === 'text/html' ? 'html' : 'text' };
}

function plainText(value: { value: string; type: 'text' | 'html' }): string {
  return value.type === 'html' ? htmlToText(value.value) : value.value;
}

/** ISO 8601 of an RFC 822 (RSS) or RFC 3339 (Atom, Dublin Core) date; null when unreadable. */
export function toIsoDate(value: string): string | null {
  if (value === '') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

function snippet(content: string | undefined, summary: string | null): string {
  const html = content ?? summary ?? '';
  // Only the start matters for a snippet; bounding the input keeps it cheap on huge entries.
  return truncateText(htmlToText(html.slice(0, 100_000)), FEED_LIMITS.snippetChars);
}

function fallbackId(title: string, publishedAt: string | null, summary: string | null): string {
  return `sha256:${createHash('sha256').update(`${title}\n${publishedAt ?? ''}\n${summary ?? ''}`).digest('hex').slice(0, 32)}`;
}

function finishItem(parts: Omit<FeedItem, 'contentSnippet' | 'id'> & { id: string }): FeedItem {
  const item: FeedItem = {
    id: parts.id || parts.link || fallbackId(parts.title, parts.publishedAt, parts.summary),
    title: parts.title,
    link: parts.link,
    summary: parts.summary,
    contentSnippet: snippet(parts.content, parts.summary),
    publishedAt: parts.publishedAt,
    categories: parts.categories,
  };
  if (parts.content !== undefined) item.content = parts.content;
  if (parts.author !== undefined) item.author = parts.author;
  return item;
}

function orNull(value: string): string | null {
  return value === '' ? null : value;
}

function orUndefined(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** An RSS 2.0 <item> or an RSS 1.0 <item> (same elements, plus rdf:about and Dublin Core). */
function rssItem(raw: unknown): FeedItem {
  const node = asNode(raw);
  const link = orNull(text(node.link));
  const summary = orNull(text(node.description));
  const content = orUndefined(text(node['content:encoded']));
  const creators = unique(asArray(node['dc:creator']).map(text));
  const author = orUndefined(text(node.author)) ?? (creators.length > 0 ? creators.join(', ') : undefined);
  const publishedAt = toIsoDate(text(node.pubDate)) ?? toIsoDate(text(node['dc:date']));
  const categories = unique([...asArray(node.category), ...asArray(node['dc:subject'])].map(text));
  return finishItem({
    id: text(node.guid) || (attr(node, 'rdf:about') ?? ''),
    title: text(node.title),
    link,
    summary,
    content,
    author,
    publishedAt,
    categories,
  });
}

function atomLink(links: unknown): string | null {
  const all = asArray(links).filter((l) => attr(l, 'href'));
  const alternate = all.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && (attr(l, 'type') ?? 'text/html').includes('html'));
  const any = alternate ?? all.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ?? all[0];
  return any === undefined ? null : (attr(any, 'href') as string);
}

function atomAuthor(authors: unknown): string | undefined {
  const names = unique(asArray(authors).map((a) => text(asNode(a).name) || text(asNode(a).email) || text(a)));
  return names.length > 0 ? names.join(', ') : undefined;
}

function atomEntry(raw: unknown, feedAuthor: string | undefined): FeedItem {
  const node = asNode(raw);
  const summaryText = node.summary === undefined ? undefined : atomText(node.summary);
  // Out-of-line content (<content src="…"/>) has nothing to show here.
  const contentText = node.content === undefined || attr(node.content, 'src') ? undefined : atomText(node.content);
  return finishItem({
    id: text(node.id),
    title: node.title === undefined ? '' : plainText(atomText(node.title)),
    link: atomLink(node.link),
    summary: summaryText ? orNull(summaryText.value) : null,
    content: contentText ? orUndefined(contentText.value) : undefined,
    author: atomAuthor(node.author) ?? feedAuthor,
    publishedAt: toIsoDate(text(node.published)) ?? toIsoDate(text(node.updated)) ?? toIsoDate(text(node['dc:date'])),
    categories: unique(asArray(node.category).map((c) => attr(c, 'label') || attr(c, 'term') || text(c))),
  });
}

function invalid(message: string, details?: Record<string, unknown>): FeedError {
  return new FeedError(FeedErrorCode.Invalid, message, { retryable: false, ...(details ? { details } : {}) });
}

/** The feed an HTML page advertises with <link rel="alternate" type="application/rss+xml" href="…">. */
function advertisedFeed(html: string): string | undefined {
  for (const match of html.slice(0, 200_000).matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    if (!/type\s*=\s*["']application\/(?:rss|atom)\+xml["']/i.test(tag)) continue;
    const href = /href\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) return decodeEntities(href);
  }
  return undefined;
}

function htmlPageError(html: string, baseUrl: string | undefined): FeedError {
  const href = advertisedFeed(html);
  const feed = href === undefined ? undefined : resolveUrl(href, baseUrl);
  return invalid(
    feed ? `This is an HTML page, not a feed. The page points to a feed at ${feed}` : 'This is an HTML page, not a feed (RSS or Atom XML was expected)',
    feed ? { advertisedFeedUrl: feed } : undefined,
  );
}

/** The document after leading whitespace, comments and processing instructions (<?xml …?>). */
function afterProlog(source: string): string {
  let at = 0;
  for (;;) {
    while (at < source.length && /\s/.test(source[at] as string)) at++;
    const close = source.startsWith('<!--', at) ? '-->' : source.startsWith('<?', at) ? '?>' : undefined;
    if (close === undefined) return source.slice(at);
    const end = source.indexOf(close, at + 2);
    if (end === -1) return source.slice(at);
    at = end + close.length;
  }
}

function checkLooksLikeXml(source: string, baseUrl: string | undefined): void {
  if (source === '') throw invalid('The feed is empty');
  const start = afterProlog(source);
  if (/^<(?:!doctype\s+html|html[\s>])/i.test(start)) throw htmlPageError(source, baseUrl);
  if (!source.startsWith('<')) {
    throw invalid(`This is not XML, so not an RSS or Atom feed (it starts with ${JSON.stringify(source.slice(0, 40))})`);
  }
}

/** Name of the document element, skipping comments and processing instructions. */
function rootName(doc: XmlNode): string | undefined {
  return Object.keys(doc).find((key) => !key.startsWith('?') && !key.startsWith('#') && !key.startsWith('!'));
}

/**
 * Parses RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 into normalized entries, in document
 * order. Throws `FeedError` with code `FEED_INVALID` for anything else (not XML, not
 * well-formed, an HTML page, XML of another kind) and `FEED_TOO_LARGE` above `maxBytes`.
 * An empty feed is not an error: it has no items.
 */
export function parseFeed(xml: string, options: ParseFeedOptions = {}): ParsedFeed {
  const maxBytes = options.maxBytes ?? FEED_LIMITS.maxBytes;
  const maxItems = options.maxItems ?? FEED_LIMITS.maxItems;
  if (xml.length > maxBytes || Buffer.byteLength(xml, 'utf8') > maxBytes) {
    throw new FeedError(FeedErrorCode.TooLarge, `The feed is larger than ${maxBytes} bytes`, { retryable: false, details: { maxBytes } });
  }
  const source = xml.replace(/^\uFEFF/, '').trimStart();
  checkLooksLikeXml(source, options.baseUrl);
  const validation = XMLValidator.validate(source);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw invalid(`The feed is not well-formed XML: ${msg} (line ${line}, column ${col})`, { line, column: col });
  }
  let doc: XmlNode;
  try {
    doc = parser.parse(source) as XmlNode;
  } catch (err) {
    throw invalid(`The feed could not be parsed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const root = rootName(doc);
  const local = root?.replace(/^[\w.-]+:/, '');
  const body = root === undefined ? {} : asNode(doc[root]);

  let feed: Omit<ParsedFeed, 'truncated' | 'items'>;
  let entries: unknown[];
  let toItem: (entry: unknown) => FeedItem;
  if (local === 'rss') {
    if (!('channel' in body)) throw invalid('The RSS document has no <channel>');
    const channel = asNode(Array.isArray(body.channel) ? body.channel[0] : body.channel);
    feed = { format: FeedFormat.Rss2, title: text(channel.title), link: orNull(text(channel.link)), description: orNull(text(channel.description)) };
    entries = asArray(channel.item);
    toItem = rssItem;
  } else if (local === 'RDF') {
    if (!('channel' in body) && !('item' in body)) throw invalid('This RDF document is not an RSS 1.0 feed (it has no <channel> or <item>)');
    const channel = asNode(Array.isArray(body.channel) ? body.channel[0] : body.channel);
    feed = { format: FeedFormat.Rss1, title: text(channel.title), link: orNull(text(channel.link)), description: orNull(text(channel.description)) };
    // RSS 1.0 puts items beside the channel; RSS 0.90 too.
    entries = asArray(body.item);
    toItem = rssItem;
  } else if (local === 'feed') {
    // A prefixed Atom document (<atom:feed>) names its children with the same prefix.
    const prefix = root === local ? '' : (root as string).slice(0, -local.length);
    const node = prefix === '' ? body : Object.fromEntries(Object.entries(body).map(([k, v]) => [k.startsWith(prefix) ? k.slice(prefix.length) : k, v]));
    const feedAuthor = atomAuthor(node.author);
    feed = {
      format: FeedFormat.Atom,
      title: node.title === undefined ? '' : plainText(atomText(node.title)),
      link: atomLink(node.link),
      description: node.subtitle === undefined ? null : orNull(plainText(atomText(node.subtitle))),
    };
    entries = asArray(node.entry).map((entry) =>
      prefix === '' || !isNode(entry) ? entry : Object.fromEntries(Object.entries(entry).map(([k, v]) => [k.startsWith(prefix) ? k.slice(prefix.length) : k, v])),
    );
    toItem = (entry) => atomEntry(entry, feedAuthor);
  } else if (local === 'html') {
    throw htmlPageError(source, options.baseUrl);
  } else {
    throw invalid(`This XML is not an RSS or Atom feed (its root element is <${root ?? '?'}>, expected <rss>, <rdf:RDF> or <feed>)`, {
      rootElement: root ?? null,
    });
  }
  const items = entries.slice(0, maxItems).map(toItem);
  if (options.baseUrl !== undefined) {
    for (const item of items) if (item.link !== null) item.link = resolveUrl(item.link, options.baseUrl);
    if (feed.link !== null) feed.link = resolveUrl(feed.link, options.baseUrl);
  }
  return { ...feed, items, truncated: entries.length > maxItems };
}
