/**
 * Text helpers for feed content: entity decoding and HTML → plain text. Linear-time
 * (no backtracking regular expressions over untrusted input).
 */

/** The five XML entities plus the HTML ones sloppy feeds use without declaring them. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
};

/**
 * Decodes character references and the named entities above in one pass, so `&amp;lt;`
 * becomes `&lt;` (not `<`). Unknown names and invalid code points stay as written: DOCTYPE
 * entities are never expanded.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (match, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : match;
    }
    return Object.hasOwn(NAMED_ENTITIES, body) ? (NAMED_ENTITIES[body] as string) : match;
  });
}

/** Text of XML character data: CDATA sections kept verbatim, entities decoded everywhere else. */
export function xmlCharacterData(raw: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = raw.indexOf('<![CDATA[', at);
    if (open === -1) return out + decodeEntities(raw.slice(at));
    out += decodeEntities(raw.slice(at, open));
    const close = raw.indexOf(']]>', open + 9);
    if (close === -1) return out + raw.slice(open + 9);
    out += raw.slice(open + 9, close);
    at = close + 3;
  }
}

const BLOCK_TAGS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'blockquote', 'pre', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'figure', 'figcaption']);
const SKIPPED_TAGS = ['script', 'style'];

/**
 * Plain text of an HTML fragment: tags removed (block tags become spaces), script and style
 * bodies dropped, entities decoded, whitespace collapsed. Not a sanitizer — for snippets only.
 */
export function htmlToText(html: string): string {
  let out = '';
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt === -1) {
      out += html.slice(at);
      break;
    }
    out += html.slice(at, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      at = end === -1 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) {
      out += html.slice(lt);
      break;
    }
    const name = /^<\/?([A-Za-z][A-Za-z0-9]*)/.exec(html.slice(lt, Math.min(gt, lt + 40)))?.[1]?.toLowerCase();
    if (name === undefined) {
      out += '<';
      at = lt + 1;
      continue;
    }
    at = gt + 1;
    if (SKIPPED_TAGS.includes(name) && html[lt + 1] !== '/') {
      const closing = new RegExp(`</${name}[^>]*>`, 'gi');
      closing.lastIndex = at;
      const end = closing.exec(html);
      at = end ? end.index + end[0].length : html.length;
    }
    if (BLOCK_TAGS.has(name)) out += ' ';
  }
  return decodeEntities(out).replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, cut at a word boundary when one is near, with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
