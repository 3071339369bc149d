/**
 * The arithmetic of binding a plain <input>/<textarea> to a shared text: turn what the browser
 * changed into one minimal edit, and move the local caret through edits made elsewhere.
 * Offsets are UTF-16 code units, as in the DOM and in Y.Text.
 */

/** One contiguous replacement, the shape `editParamText` takes. */
export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

/** A Y.Text-style delta: retain / insert / delete ops applied left to right. */
export type DeltaOp = { retain: number } | { insert: string } | { delete: number };
export type Delta = readonly DeltaOp[];

export interface Selection {
  start: number;
  end: number;
  direction?: 'forward' | 'backward' | 'none';
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The single edit that turns `prev` into `next`, or null when they are equal. Text after
 * `caret` (the caret in `next` after the user's change) is known to be untouched, which decides
 * where a typed character went when the text around it repeats ("aa" → "aaa" at 1 is an insert
 * at 1, not at 2), so concurrent edits by others merge at the right place. Never splits a
 * surrogate pair.
 */
export function diffText(prev: string, next: string, caret?: number): TextEdit | null {
  if (prev === next) return null;
  const minLength = Math.min(prev.length, next.length);
  const samePrefix = (max: number) => {
    let n = 0;
    while (n < max && prev.charCodeAt(n) === next.charCodeAt(n)) n++;
    return n;
  };
  const sameSuffix = (max: number) => {
    let n = 0;
    while (n < max && prev.charCodeAt(prev.length - 1 - n) === next.charCodeAt(next.length - 1 - n)) n++;
    return n;
  };
  let prefix: number;
  let suffix: number;
  if (caret === undefined) {
    prefix = samePrefix(minLength);
    suffix = sameSuffix(minLength - prefix);
  } else {
    suffix = sameSuffix(Math.max(0, Math.min(minLength, next.length - caret)));
    prefix = samePrefix(minLength - suffix);
  }
  // Keep surrogate pairs whole: back off a prefix ending inside one, shrink a suffix starting inside one.
  if (prefix > 0 && isHighSurrogate(prev.charCodeAt(prefix - 1)) && prefix < prev.length && isLowSurrogate(prev.charCodeAt(prefix))) prefix--;
  if (suffix > 0 && isLowSurrogate(prev.charCodeAt(prev.length - suffix)) && prev.length - suffix - 1 >= prefix && isHighSurrogate(prev.charCodeAt(prev.length - suffix - 1))) suffix--;
  return {
    index: prefix,
    deleteCount: prev.length - prefix - suffix,
    insert: next.slice(prefix, next.length - suffix),
  };
}

/** Applies an edit to a string. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.deleteCount);
}

/** The edit as a delta, for mapping positions through it. */
export function editToDelta(edit: TextEdit): Delta {
  const ops: DeltaOp[] = [];
  if (edit.index > 0) ops.push({ retain: edit.index });
  if (edit.deleteCount > 0) ops.push({ delete: edit.deleteCount });
  if (edit.insert) ops.push({ insert: edit.insert });
  return ops;
}

/** Applies a delta to a string (text-only: Y.Text embeds do not occur in params). */
export function applyDelta(text: string, delta: Delta): string {
  let out = '';
  let pos = 0;
  for (const op of delta) {
    if ('retain' in op) {
      out += text.slice(pos, pos + op.retain);
      pos += op.retain;
    } else if ('delete' in op) pos += op.delete;
    else out += op.insert;
  }
  return out + text.slice(pos);
}

/**
 * Where a position ends up after a delta. An insertion exactly at the position pushes it only
 * with `assoc` 1 (the end of a selection), so a caret stays before text a peer types at it.
 */
export function mapPosition(delta: Delta, pos: number, assoc: -1 | 1 = -1): number {
  let cursor = 0;
  let result = pos;
  for (const op of delta) {
    if (cursor > result) break;
    if ('retain' in op) cursor += op.retain;
    else if ('insert' in op) {
      if (cursor < result || (cursor === result && assoc === 1)) result += op.insert.length;
      cursor += op.insert.length;
    } else if (cursor < result) result -= Math.min(op.delete, result - cursor);
  }
  return result;
}

/** A selection after a delta: a collapsed caret stays a caret; a range keeps what it covered. */
export function mapSelection(delta: Delta, selection: Selection): Selection {
  if (selection.start === selection.end) {
    const at = mapPosition(delta, selection.start, -1);
    return { ...selection, start: at, end: at };
  }
  const start = mapPosition(delta, selection.start, 1);
  const end = Math.max(start, mapPosition(delta, selection.end, -1));
  return { ...selection, start, end };
}
