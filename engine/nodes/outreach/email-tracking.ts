/**
 * Tracking for outgoing HTML email, as pure string functions: click-tracking link rewriting and
 * the open pixel. The HTML is edited in place (never re-serialised by a parser), so everything
 * but the rewritten href values reaches the recipient exactly as the workflow wrote it.
 */

const COMMENT_OR_ANCHOR = /<!--[\s\S]*?-->|<a\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references an attribute value may contain (`&amp;` in query strings, mostly). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Rewrites the href of one `<a …>` tag, or returns it unchanged. */
function rewriteAnchor(tag: string, clickUrl: (target: string) => string): string {
  const inner = tag.slice(2, -1);
  let href: { start: number; end: number; value: string } | undefined;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(inner); m; m = ATTRIBUTE.exec(inner)) {
    const name = (m[1] as string).toLowerCase();
    // Opted out: unsubscribe links and the like must reach the recipient untouched.
    if (name === 'data-no-track') return tag;
    if (name === 'href' && !href) href = { start: m.index, end: m.index + m[0].length, value: m[2] ?? m[3] ?? m[4] ?? '' };
  }
  if (!href) return tag;
  const target = decodeEntities(href.value).trim();
  if (!/^https?:\/\//i.test(target)) return tag;
  const start = href.start + 2;
  const end = href.end + 2;
  return `${tag.slice(0, start)}href="${escapeAttribute(clickUrl(target))}"${tag.slice(end)}`;
}

/**
 * Sends every http(s) `<a href>` through `clickUrl(original)`. Left alone: mailto:, tel:, anchors
 * (#…), links marked `data-no-track`, and anything inside HTML comments.
 */
export function rewriteLinks(html: string, clickUrl: (target: string) => string): string {
  return html.replace(COMMENT_OR_ANCHOR, (match) => (match.startsWith('<!--') ? match : rewriteAnchor(match, clickUrl)));
}

export function openPixelTag(pixelUrl: string): string {
  return `<img src="${escapeAttribute(pixelUrl)}" width="1" height="1" alt="" style="display:none">`;
}

/** Puts the open pixel just before the last `</body>`, or at the end when there is none. */
export function insertOpenPixel(html: string, pixelUrl: string): string {
  const tag = openPixelTag(pixelUrl);
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at === -1 ? `${html}${tag}` : `${html.slice(0, at)}${tag}${html.slice(at)}`;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;

/** Escapes a line and turns its http(s) URLs into links (trailing punctuation stays text). */
function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    let url = match[0];
    const trailing = /[.,;:!?)\]]+$/.exec(url)?.[0] ?? '';
    url = url.slice(0, url.length - trailing.length);
    const at = match.index;
    out += escapeText(line.slice(last, at));
    out += `<a href="${escapeAttribute(url)}">${escapeText(url)}</a>`;
    last = at + url.length;
  }
  return out + escapeText(line.slice(last));
}

/**
 * A plain-text body as simple HTML (paragraphs on blank lines, <br> on line breaks, URLs as
 * links), used when tracking is on but the workflow gave no HTML: pixels and tracked links need HTML.
 */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const body = paragraphs.map((p) => `<p>${p.split('\n').map(linkify).join('<br>\n')}</p>`).join('\n');
  return `<!doctype html>\n<html><body>\n${body}\n</body></html>`;
}

export interface TrackingOptions {
  trackClicks: boolean;
  trackOpens: boolean;
  openPixelUrl: string;
  clickUrl(target: string): string;
}

/** The HTML as sent: links rewritten and/or the pixel added, per the options. */
export function applyTracking(html: string, options: TrackingOptions): string {
  let out = html;
  if (options.trackClicks) out = rewriteLinks(out, (target) => options.clickUrl(target));
  if (options.trackOpens) out = insertOpenPixel(out, options.openPixelUrl);
  return out;
}
