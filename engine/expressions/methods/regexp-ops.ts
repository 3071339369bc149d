import { defineOwn, stringTooLong, toStringValue } from '../coerce.ts';
import { runtimeFault } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { LruCache } from '../lru.ts';
import { RegExpSyntaxError, type SafeMatch, SafeRegExp } from '../regexp/safe-regexp.ts';
import { type Runtime, isCallable } from '../values.ts';

/** String operations that take a pattern: match, matchAll, search, replace, split, test. */

const compiled = new LruCache<string, SafeRegExp>(200);

/** A `SafeRegExp` argument, or a string compiled as a pattern (as `String.prototype.match` does). */
export function toRegExp(value: unknown, flags = ''): SafeRegExp {
  if (value instanceof SafeRegExp) return value;
  const source = value === undefined ? '(?:)' : toStringValue(value);
  const key = `${flags}/${source}`;
  let regexp = compiled.get(key);
  if (regexp === undefined) {
    try {
      regexp = SafeRegExp.compile(source, flags);
    } catch (error) {
      if (error instanceof RegExpSyntaxError) throw runtimeFault(error.message);
      throw error;
    }
    compiled.set(key, regexp);
  }
  return regexp;
}

function ticker(rt: Runtime): (steps: number) => void {
  return (steps) => rt.tick(steps);
}

/** The match as JavaScript returns it: an array of captures with `index`, `input`, `groups`. */
export function matchArray(match: SafeMatch, input: string): unknown[] {
  const array: unknown[] = [...match.captures];
  defineOwn(array, 'index', match.index);
  defineOwn(array, 'input', input);
  defineOwn(array, 'groups', match.groups);
  return array;
}

/** All matches left to right; an empty match moves the search on by one character. */
function* allMatches(rt: Runtime, regexp: SafeRegExp, input: string): Generator<SafeMatch> {
  const tick = ticker(rt);
  let position = 0;
  while (position <= input.length) {
    const match = regexp.exec(input, position, tick);
    if (match === null) return;
    yield match;
    position = match.end === match.index ? match.end + 1 : match.end;
  }
}

export function stringMatch(rt: Runtime, input: string, pattern: unknown): unknown {
  const regexp = toRegExp(pattern);
  if (!regexp.global) {
    const match = regexp.exec(input, 0, ticker(rt));
    return match === null ? null : matchArray(match, input);
  }
  const found: string[] = [];
  for (const match of allMatches(rt, regexp, input)) found.push(match.captures[0]!);
  return found.length === 0 ? null : found;
}

export function stringMatchAll(rt: Runtime, input: string, pattern: unknown): unknown[] {
  const regexp = toRegExp(pattern, 'g');
  if (!regexp.global) throw runtimeFault('matchAll() needs a global regular expression (with the g flag)');
  return [...allMatches(rt, regexp, input)].map((match) => matchArray(match, input));
}

export function stringSearch(rt: Runtime, input: string, pattern: unknown): number {
  const match = toRegExp(pattern).exec(input, 0, ticker(rt));
  return match === null ? -1 : match.index;
}

export function regexpTest(rt: Runtime, regexp: SafeRegExp, input: string): boolean {
  return regexp.exec(input, 0, ticker(rt)) !== null;
}

export function regexpExec(rt: Runtime, regexp: SafeRegExp, input: string): unknown[] | null {
  const match = regexp.exec(input, 0, ticker(rt));
  return match === null ? null : matchArray(match, input);
}

/** Builds a string from parts, charging copied characters and refusing to pass the string limit. */
class Builder {
  private readonly parts: string[] = [];
  private length = 0;

  constructor(private readonly rt: Runtime) {}

  add(text: string): void {
    this.length += text.length;
    if (this.length > LIMITS.maxStringLength) throw stringTooLong();
    this.rt.tick(1 + (text.length >> 6));
    this.parts.push(text);
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** `replace` and `replaceAll` with string or regular-expression patterns and `$` templates. */
export function stringReplace(rt: Runtime, input: string, pattern: unknown, replacement: unknown, all: boolean): string {
  const matches: SafeMatch[] = [];
  if (pattern instanceof SafeRegExp) {
    if (all && !pattern.global) throw runtimeFault('replaceAll() needs a global regular expression (with the g flag)');
    if (pattern.global) for (const match of allMatches(rt, pattern, input)) matches.push(match);
    else {
      const match = pattern.exec(input, 0, ticker(rt));
      if (match !== null) matches.push(match);
    }
  } else {
    const needle = toStringValue(pattern);
    let from = 0;
    for (;;) {
      const index = input.indexOf(needle, from);
      if (index < 0) break;
      rt.tick();
      matches.push({ index, end: index + needle.length, captures: [needle], groups: undefined });
      if (!all) break;
      from = needle.length === 0 ? index + 1 : index + needle.length;
      if (from > input.length) break;
    }
  }
  rt.tick(1 + (input.length >> 6));
  const out = new Builder(rt);
  let last = 0;
  for (const match of matches) {
    out.add(input.slice(last, match.index));
    if (isCallable(replacement)) {
      const args: unknown[] = [...match.captures, match.index, input];
      if (match.groups !== undefined) args.push(match.groups);
      out.add(toStringValue(rt.call(replacement, args)));
    } else {
      expandTemplate(rt, toStringValue(replacement), match, input, out);
    }
    last = match.end;
  }
  out.add(input.slice(last));
  return out.toString();
}

/** Expands `$$ $& $\` $' $1…$99 $<name>` in a replacement string. */
function expandTemplate(rt: Runtime, template: string, match: SafeMatch, input: string, out: Builder): void {
  if (!template.includes('$')) {
    out.add(template);
    return;
  }
  const groupCount = match.captures.length - 1;
  let i = 0;
  while (i < template.length) {
    rt.tick();
    const dollar = template.indexOf('$', i);
    if (dollar < 0 || dollar === template.length - 1) {
      out.add(template.slice(i));
      return;
    }
    out.add(template.slice(i, dollar));
    const next = template[dollar + 1]!;
    i = dollar + 2;
    if (next === '$') out.add('$');
    else if (next === '&') out.add(match.captures[0] ?? '');
    else if (next === '`') out.add(input.slice(0, match.index));
    else if (next === "'") out.add(input.slice(match.end));
    else if (next >= '0' && next <= '9') {
      const two = Number(template.slice(dollar + 1, dollar + 3));
      const one = Number(next);
      if (/^\d\d$/.test(template.slice(dollar + 1, dollar + 3)) && two >= 1 && two <= groupCount) {
        out.add(match.captures[two] ?? '');
        i = dollar + 3;
      } else if (one >= 1 && one <= groupCount) out.add(match.captures[one] ?? '');
      else out.add(`$${next}`);
    } else if (next === '<' && match.groups !== undefined) {
      const close = template.indexOf('>', i);
      if (close < 0) out.add('$<');
      else {
        out.add(match.groups[template.slice(i, close)] ?? '');
        i = close + 1;
      }
    } else out.add(`$${next}`);
  }
}

/** `split` with a string or regular-expression separator and an optional limit. */
export function stringSplit(rt: Runtime, input: string, separator: unknown, limitArg: unknown): string[] {
  const limit = limitArg === undefined ? 2 ** 32 - 1 : Number(limitArg) >>> 0;
  if (limit === 0) return [];
  if (separator === undefined) return [input];
  rt.tick(1 + (input.length >> 4));
  if (!(separator instanceof SafeRegExp)) {
    const sep = toStringValue(separator);
    if (sep === '' && Math.min(input.length, limit) > LIMITS.maxArrayLength) throw runtimeFault('split() would produce too many parts');
    const parts = input.split(sep, limit);
    rt.tick(parts.length);
    return parts;
  }
  const parts: string[] = [];
  const push = (part: string | undefined): boolean => {
    rt.tick();
    parts.push(part as string);
    if (parts.length > LIMITS.maxArrayLength) throw runtimeFault('split() would produce too many parts');
    return parts.length >= limit;
  };
  if (input.length === 0) return separator.exec(input, 0, ticker(rt)) === null ? [input] : [];
  // The specification's sticky loop, with each sticky attempt replaced by one forward search.
  let p = 0;
  let q = 0;
  while (q < input.length) {
    const match = separator.exec(input, q, ticker(rt));
    if (match === null || match.index >= input.length) break;
    q = match.index;
    const e = Math.min(match.end, input.length);
    if (e === p) {
      q++;
      continue;
    }
    if (push(input.slice(p, q))) return parts;
    for (let g = 1; g < match.captures.length; g++) if (push(match.captures[g])) return parts;
    p = e;
    q = p;
  }
  push(input.slice(p));
  return parts;
}
