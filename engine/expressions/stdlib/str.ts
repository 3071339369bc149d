import { checkStringLength } from '../coerce.ts';
import { runtimeFault } from '../errors.ts';
import { argInteger, argString } from '../methods/args.ts';
import type { Runtime } from '../values.ts';
import { type NamespaceSpec, fn, namespace } from './define.ts';

/** `$str`: string helpers that workflows need often. All are linear in the input. */

function scan(rt: Runtime, s: string): void {
  rt.tick(1 + (s.length >> 4));
}

export function slugify(text: string, separator: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  return words.join(separator);
}

function truncate(text: string, max: number, suffix: string): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - suffix.length);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // do not split a surrogate pair
  return text.slice(0, cut) + suffix;
}

function capitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + text.slice(head.length);
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s\-_/(])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** Minimal structural check: one `@`, a non-empty local part, a dotted domain, no spaces. */
export function isEmail(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at < 1 || at !== text.indexOf('@') || text.length > 320) return false;
  const domain = text.slice(at + 1);
  if (/\s/.test(text) || domain.length < 3) return false;
  const dot = domain.lastIndexOf('.');
  return dot > 0 && dot < domain.length - 1 && !domain.startsWith('.') && !domain.includes('..');
}

function emailDomain(text: string): string | null {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || at === trimmed.length - 1) return null;
  return trimmed.slice(at + 1).replace(/>$/, '').toLowerCase();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Removes tags (and script/style contents) with a single pass; decodes common entities. */
function stripHtml(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, open);
    const close = html.indexOf('>', open);
    if (close < 0) break;
    const tag = html.slice(open + 1, Math.min(close, open + 10)).toLowerCase();
    i = close + 1;
    for (const raw of ['script', 'style']) {
      if (tag.startsWith(raw)) {
        const end = html.toLowerCase().indexOf(`</${raw}`, i);
        i = end < 0 ? html.length : html.indexOf('>', end) + 1 || html.length;
      }
    }
  }
  return out.replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower in ENTITIES) return ENTITIES[lower]!;
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : lower.startsWith('#') ? parseInt(lower.slice(1), 10) : NaN;
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

export const STR_NAMESPACE: NamespaceSpec = namespace('String helpers.', {
  slugify: fn("$str.slugify(text: string, separator?: string): string", "URL-friendly lower-case text: 'Héllo World!' → 'hello-world'.", (rt, a) => {
    const text = argString(a, 0);
    scan(rt, text);
    return slugify(text, argString(a, 1, '-'));
  }),
  truncate: fn("$str.truncate(text: string, maxLength: number, suffix?: string): string", "Cuts text to maxLength characters including the suffix (default '…').", (rt, a) => {
    const text = argString(a, 0);
    scan(rt, text);
    return truncate(text, Math.max(0, argInteger(a, 1, text.length)), argString(a, 2, '…'));
  }),
  capitalize: fn('$str.capitalize(text: string): string', 'First character in upper case.', (_, a) => capitalize(argString(a, 0))),
  titleCase: fn('$str.titleCase(text: string): string', "Each word capitalized: 'hello big world' → 'Hello Big World'.", (rt, a) => {
    const text = argString(a, 0);
    scan(rt, text);
    return checkStringLength(titleCase(text));
  }),
  emailDomain: fn('$str.emailDomain(email: string): string | null', "Domain of an e-mail address in lower case: 'Ann@Example.COM' → 'example.com'.", (_, a) => emailDomain(argString(a, 0))),
  isEmail: fn('$str.isEmail(text: string): boolean', 'Whether text looks like an e-mail address.', (_, a) => isEmail(argString(a, 0).trim())),
  stripHtml: fn('$str.stripHtml(html: string): string', 'Text without HTML tags (script and style contents removed, common entities decoded).', (rt, a) => {
    const html = argString(a, 0);
    scan(rt, html);
    return stripHtml(html);
  }),
  base64Encode: fn('$str.base64Encode(text: string): string', 'Base64 of the UTF-8 bytes of text.', (rt, a) => {
    const text = argString(a, 0);
    scan(rt, text);
    return checkStringLength(Buffer.from(text, 'utf8').toString('base64'));
  }),
  base64Decode: fn('$str.base64Decode(base64: string): string', 'UTF-8 text of base64 data.', (rt, a) => {
    const text = argString(a, 0);
    scan(rt, text);
    if (!/^[A-Za-z0-9+/_\-\s]*={0,2}\s*$/.test(text)) throw runtimeFault('base64Decode(): the input is not base64');
    return Buffer.from(text, 'base64').toString('utf8');
  }),
});
