import { checkStringLength, toStringValue } from '../coerce.ts';
import { runtimeFault } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { MethodSpec, Runtime } from '../values.ts';
import { argInteger, argSearchString, argString, relativeIndex } from './args.ts';
import { stringMatch, stringMatchAll, stringReplace, stringSearch, stringSplit } from './regexp-ops.ts';

type StringMethod = MethodSpec<string>;

function method(signature: string, doc: string, fn: (rt: Runtime, self: string, args: unknown[]) => unknown): StringMethod {
  return { signature, doc, fn };
}

/** Charges work proportional to the length of the string an operation scans. */
function scan(rt: Runtime, s: string): void {
  rt.tick(1 + (s.length >> 6));
}

function generatedLength(length: number, method: string): number {
  if (!Number.isFinite(length) || length > LIMITS.maxGeneratedStringLength) {
    throw runtimeFault(`${method}() would create a string longer than ${LIMITS.maxGeneratedStringLength} characters`);
  }
  return length;
}

const NORMAL_FORMS = new Set(['NFC', 'NFD', 'NFKC', 'NFKD']);

/** Whitelisted methods of strings. All are pure: they return new strings. */
export const STRING_METHODS: ReadonlyMap<string, StringMethod> = new Map<string, StringMethod>([
  ['at', method('at(index: number): string | undefined', 'Character at index; negative counts from the end.', (_, s, a) => s.at(argInteger(a, 0, 0)))],
  ['charAt', method('charAt(index: number): string', 'Character at index, or "".', (_, s, a) => s.charAt(argInteger(a, 0, 0)))],
  ['charCodeAt', method('charCodeAt(index: number): number', 'UTF-16 code unit at index.', (_, s, a) => s.charCodeAt(argInteger(a, 0, 0)))],
  ['codePointAt', method('codePointAt(index: number): number | undefined', 'Unicode code point at index.', (_, s, a) => s.codePointAt(argInteger(a, 0, 0)))],
  ['concat', method('concat(...parts: string[]): string', 'Joins strings.', (rt, s, a) => {
    let out = s;
    for (const part of a) {
      out += toStringValue(part);
      checkStringLength(out);
    }
    scan(rt, out);
    return out;
  })],
  ['endsWith', method('endsWith(search: string, length?: number): boolean', 'Whether the string ends with search.', (rt, s, a) => {
    scan(rt, s);
    return s.endsWith(argSearchString(a, 0, 'endsWith'), argInteger(a, 1, s.length));
  })],
  ['startsWith', method('startsWith(search: string, position?: number): boolean', 'Whether the string starts with search.', (rt, s, a) => {
    scan(rt, s);
    return s.startsWith(argSearchString(a, 0, 'startsWith'), argInteger(a, 1, 0));
  })],
  ['includes', method('includes(search: string, position?: number): boolean', 'Whether search occurs in the string.', (rt, s, a) => {
    scan(rt, s);
    return s.includes(argSearchString(a, 0, 'includes'), argInteger(a, 1, 0));
  })],
  ['indexOf', method('indexOf(search: string, position?: number): number', 'First index of search, or -1.', (rt, s, a) => {
    scan(rt, s);
    return s.indexOf(argSearchString(a, 0, 'indexOf'), argInteger(a, 1, 0));
  })],
  ['lastIndexOf', method('lastIndexOf(search: string, position?: number): number', 'Last index of search, or -1.', (rt, s, a) => {
    scan(rt, s);
    return s.lastIndexOf(argSearchString(a, 0, 'lastIndexOf'), argInteger(a, 1, Infinity));
  })],
  ['localeCompare', method('localeCompare(other: string): number', 'Compares two strings for sorting (-1, 0 or 1).', (rt, s, a) => {
    scan(rt, s);
    return Math.sign(s.localeCompare(argString(a, 0)));
  })],
  ['match', method('match(pattern: RegExp | string): string[] | null', 'Matches a regular expression; with the g flag, all matched texts.', (rt, s, a) => stringMatch(rt, s, a[0]))],
  ['matchAll', method('matchAll(pattern: RegExp): string[][]', 'All matches of a global regular expression, each with its groups (an array, not an iterator).', (rt, s, a) => stringMatchAll(rt, s, a[0]))],
  ['search', method('search(pattern: RegExp | string): number', 'Index of the first match, or -1.', (rt, s, a) => stringSearch(rt, s, a[0]))],
  ['replace', method('replace(pattern: string | RegExp, replacement: string | ((match, ...groups) => string)): string', 'Replaces the first match (all matches with a g regular expression). $1, $& and $<name> work in the replacement.', (rt, s, a) => stringReplace(rt, s, a[0], a[1], false))],
  ['replaceAll', method('replaceAll(pattern: string | RegExp, replacement: string | ((match, ...groups) => string)): string', 'Replaces every match.', (rt, s, a) => stringReplace(rt, s, a[0], a[1], true))],
  ['split', method('split(separator?: string | RegExp, limit?: number): string[]', 'Splits the string into an array.', (rt, s, a) => stringSplit(rt, s, a[0], a[1]))],
  ['normalize', method("normalize(form?: 'NFC' | 'NFD' | 'NFKC' | 'NFKD'): string", 'Unicode normalization.', (rt, s, a) => {
    const form = argString(a, 0, 'NFC');
    if (!NORMAL_FORMS.has(form)) throw runtimeFault(`normalize() form must be NFC, NFD, NFKC or NFKD, not '${form}'`);
    scan(rt, s);
    return checkStringLength(s.normalize(form));
  })],
  ['padStart', method('padStart(length: number, fill?: string): string', 'Pads the start up to length.', (rt, s, a) => {
    const length = generatedLength(argInteger(a, 0, 0), 'padStart');
    rt.tick(1 + (length >> 6));
    return s.padStart(length, argString(a, 1, ' '));
  })],
  ['padEnd', method('padEnd(length: number, fill?: string): string', 'Pads the end up to length.', (rt, s, a) => {
    const length = generatedLength(argInteger(a, 0, 0), 'padEnd');
    rt.tick(1 + (length >> 6));
    return s.padEnd(length, argString(a, 1, ' '));
  })],
  ['repeat', method('repeat(count: number): string', 'The string repeated count times.', (rt, s, a) => {
    const count = argInteger(a, 0, 0);
    if (count < 0 || count === Infinity) throw runtimeFault(`repeat() count must be a non-negative number, not ${count}`);
    generatedLength(s.length * count, 'repeat');
    rt.tick(1 + ((s.length * count) >> 6));
    return s.repeat(count);
  })],
  ['slice', method('slice(start?: number, end?: number): string', 'Part of the string; negative indexes count from the end.', (_, s, a) => {
    const start = relativeIndex(argInteger(a, 0, 0), s.length);
    const end = relativeIndex(argInteger(a, 1, s.length), s.length);
    return s.slice(start, end);
  })],
  ['substring', method('substring(start: number, end?: number): string', 'Part of the string between two indexes.', (_, s, a) => s.substring(argInteger(a, 0, 0), argInteger(a, 1, s.length)))],
  ['substr', method('substr(start: number, length?: number): string', 'Part of the string by start and length (legacy).', (_, s, a) => {
    const start = relativeIndex(argInteger(a, 0, 0), s.length);
    return s.slice(start, start + Math.max(0, argInteger(a, 1, s.length)));
  })],
  ['toLowerCase', method('toLowerCase(): string', 'Lower-case copy.', (rt, s) => (scan(rt, s), checkStringLength(s.toLowerCase())))],
  ['toUpperCase', method('toUpperCase(): string', 'Upper-case copy.', (rt, s) => (scan(rt, s), checkStringLength(s.toUpperCase())))],
  ['trim', method('trim(): string', 'Without leading and trailing whitespace.', (rt, s) => (scan(rt, s), s.trim()))],
  ['trimStart', method('trimStart(): string', 'Without leading whitespace.', (rt, s) => (scan(rt, s), s.trimStart()))],
  ['trimEnd', method('trimEnd(): string', 'Without trailing whitespace.', (rt, s) => (scan(rt, s), s.trimEnd()))],
  ['toString', method('toString(): string', 'The string itself.', (_, s) => s)],
]);
