/**
 * Parser for the JavaScript regular-expression subset the safe engine supports: literals,
 * escapes, classes, `.`, groups (capturing, named, non-capturing), alternation, greedy and lazy
 * quantifiers, `^ $ \b \B`. Backreferences and lookaround are rejected: they cannot be matched
 * in linear time.
 */

export type RegexNode =
  | { k: 'empty' }
  | { k: 'char'; c: number }
  | { k: 'any' }
  | { k: 'set'; ranges: number[]; negate: boolean }
  | { k: 'seq'; items: RegexNode[] }
  | { k: 'alt'; options: RegexNode[] }
  | { k: 'group'; body: RegexNode; capture: number | null }
  | { k: 'repeat'; body: RegexNode; min: number; max: number; greedy: boolean }
  | { k: 'assert'; kind: AssertKind };

export type AssertKind = 'bol' | 'eol' | 'wordb' | 'nwordb';

export class RegExpSyntaxError extends Error {
  override readonly name = 'RegExpSyntaxError';
}

export interface ParsedRegex {
  root: RegexNode;
  groupCount: number;
  groupNames: Map<string, number>;
}

const MAX_REPEAT = 1000;
const MAX_NESTING = 100;

export const DIGIT_RANGES = [48, 57];
export const WORD_RANGES = [48, 57, 65, 90, 95, 95, 97, 122];
export const SPACE_RANGES = [
  9, 13, 32, 32, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f,
  0x3000, 0x3000, 0xfeff, 0xfeff,
];

export function complement(ranges: number[]): number[] {
  const sorted = normalize(ranges);
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < sorted.length; i += 2) {
    if (sorted[i]! > next) out.push(next, sorted[i]! - 1);
    next = sorted[i + 1]! + 1;
  }
  if (next <= 0xffff) out.push(next, 0xffff);
  return out;
}

/** Sorts and merges range pairs. */
export function normalize(ranges: number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function parseRegex(source: string): ParsedRegex {
  return new RegexParser(source).parse();
}

class RegexParser {
  private pos = 0;
  private depth = 0;
  private groupCount = 0;
  private readonly groupNames = new Map<string, number>();

  constructor(private readonly src: string) {}

  parse(): ParsedRegex {
    const root = this.disjunction();
    if (this.pos < this.src.length) {
      throw this.error(this.src[this.pos] === ')' ? "Unmatched ')'" : `Unexpected '${this.src[this.pos]}'`);
    }
    return { root, groupCount: this.groupCount, groupNames: this.groupNames };
  }

  private error(message: string): RegExpSyntaxError {
    return new RegExpSyntaxError(`Invalid regular expression /${this.src}/: ${message}`);
  }

  private disjunction(): RegexNode {
    if (++this.depth > MAX_NESTING) throw this.error('nested too deeply');
    const options = [this.alternative()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      options.push(this.alternative());
    }
    this.depth--;
    return options.length === 1 ? options[0]! : { k: 'alt', options };
  }

  private alternative(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      items.push(this.term());
    }
    if (items.length === 0) return { k: 'empty' };
    return items.length === 1 ? items[0]! : { k: 'seq', items };
  }

  private term(): RegexNode {
    const src = this.src;
    const c = src[this.pos]!;
    let atom: RegexNode;
    if (c === '^' || c === '$') {
      this.pos++;
      atom = { k: 'assert', kind: c === '^' ? 'bol' : 'eol' };
    } else if (c === '\\' && (src[this.pos + 1] === 'b' || src[this.pos + 1] === 'B')) {
      atom = { k: 'assert', kind: src[this.pos + 1] === 'b' ? 'wordb' : 'nwordb' };
      this.pos += 2;
    } else if (c === '(') {
      atom = this.group();
    } else if (c === '.') {
      this.pos++;
      atom = { k: 'any' };
    } else if (c === '[') {
      atom = this.characterClass();
    } else if (c === '\\') {
      atom = this.atomEscape();
    } else if (c === '*' || c === '+' || c === '?' || (c === '{' && this.quantifierAhead())) {
      throw this.error('nothing to repeat');
    } else {
      this.pos++;
      atom = { k: 'char', c: c.charCodeAt(0) };
    }
    return this.quantified(atom);
  }

  private quantifierAhead(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos, this.pos + 24));
  }

  private quantified(atom: RegexNode): RegexNode {
    const src = this.src;
    const c = src[this.pos];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{' && this.quantifierAhead()) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.pos, this.pos + 24))!;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) throw this.error('numbers out of order in {} quantifier');
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
        throw this.error(`repetition count above ${MAX_REPEAT}`);
      }
      this.pos += m[0].length - 1;
    } else {
      return atom;
    }
    if (atom.k === 'assert') throw this.error('nothing to repeat');
    this.pos++;
    let greedy = true;
    if (src[this.pos] === '?') {
      greedy = false;
      this.pos++;
    }
    return { k: 'repeat', body: atom, min, max, greedy };
  }

  private group(): RegexNode {
    const src = this.src;
    this.pos++;
    let capture: number | null = null;
    if (src[this.pos] === '?') {
      const kind = src[this.pos + 1];
      if (kind === ':') {
        this.pos += 2;
      } else if (kind === '<' && src[this.pos + 2] !== '=' && src[this.pos + 2] !== '!') {
        const m = /^<([A-Za-z_$][\w$]*)>/.exec(src.slice(this.pos + 1, this.pos + 200));
        if (m === null) throw this.error('invalid capture group name');
        if (this.groupNames.has(m[1]!)) throw this.error(`duplicate capture group name '${m[1]}'`);
        capture = ++this.groupCount;
        this.groupNames.set(m[1]!, capture);
        this.pos += 1 + m[0].length;
      } else if (kind === '=' || kind === '!' || kind === '<') {
        throw this.error('lookahead and lookbehind are not supported');
      } else {
        throw this.error('invalid group');
      }
    } else {
      capture = ++this.groupCount;
    }
    const body = this.disjunction();
    if (src[this.pos] !== ')') throw this.error('unterminated group');
    this.pos++;
    return { k: 'group', body, capture };
  }

  private atomEscape(): RegexNode {
    const e = this.src[this.pos + 1];
    if (e === undefined) throw this.error('\\ at end of pattern');
    if (e >= '1' && e <= '9') throw this.error('backreferences are not supported');
    if (e === 'k' && (this.groupNames.size > 0 || this.src[this.pos + 2] === '<')) {
      throw this.error('backreferences are not supported');
    }
    const set = this.classEscape(e);
    if (set !== null) {
      this.pos += 2;
      return { k: 'set', ranges: set, negate: false };
    }
    const chars = this.characterEscape();
    return chars.length === 1 ? { k: 'char', c: chars[0]! } : { k: 'seq', items: chars.map((c) => ({ k: 'char', c })) };
  }

  private classEscape(e: string): number[] | null {
    switch (e) {
      case 'd':
        return DIGIT_RANGES;
      case 'D':
        return complement(DIGIT_RANGES);
      case 'w':
        return WORD_RANGES;
      case 'W':
        return complement(WORD_RANGES);
      case 's':
        return SPACE_RANGES;
      case 'S':
        return complement(SPACE_RANGES);
      case 'p':
      case 'P':
        throw this.error('Unicode property escapes are not supported');
      default:
        return null;
    }
  }

  /** Reads a character escape at `pos` (a backslash); returns UTF-16 code units. */
  private characterEscape(inClass = false): number[] {
    const src = this.src;
    const e = src[this.pos + 1]!;
    this.pos += 2;
    switch (e) {
      case 'n':
        return [10];
      case 'r':
        return [13];
      case 't':
        return [9];
      case 'v':
        return [11];
      case 'f':
        return [12];
      case 'b':
        if (inClass) return [8];
        break;
      case '0':
        if (!/[0-9]/.test(src[this.pos] ?? '')) return [0];
        throw this.error('octal escapes are not supported');
      case 'c': {
        const letter = src[this.pos];
        if (letter !== undefined && /[A-Za-z]/.test(letter)) {
          this.pos++;
          return [letter.charCodeAt(0) % 32];
        }
        this.pos--;
        return [92];
      }
      case 'x': {
        const hex = src.slice(this.pos, this.pos + 2);
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
          this.pos += 2;
          return [parseInt(hex, 16)];
        }
        return [120];
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(this.pos, this.pos + 8));
        if (braced !== null && parseInt(braced[1]!, 16) <= 0x10ffff) {
          this.pos += braced[0].length;
          const s = String.fromCodePoint(parseInt(braced[1]!, 16));
          return Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
        }
        const hex = src.slice(this.pos, this.pos + 4);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.pos += 4;
          return [parseInt(hex, 16)];
        }
        return [117];
      }
      default:
        break;
    }
    if (inClass && e >= '1' && e <= '9') throw this.error('octal escapes are not supported');
    return [e.charCodeAt(0)];
  }

  private characterClass(): RegexNode {
    const src = this.src;
    this.pos++;
    let negate = false;
    if (src[this.pos] === '^') {
      negate = true;
      this.pos++;
    }
    const ranges: number[] = [];
    for (;;) {
      if (this.pos >= src.length) throw this.error('unterminated character class');
      if (src[this.pos] === ']') break;
      const low = this.classAtom();
      if (src[this.pos] === '-' && src[this.pos + 1] !== ']' && this.pos + 1 < src.length) {
        this.pos++;
        const high = this.classAtom();
        if (typeof low === 'number' && typeof high === 'number') {
          if (low > high) throw this.error('range out of order in character class');
          ranges.push(low, high);
          continue;
        }
        // `[\d-x]`: a set next to '-' makes the '-' literal.
        pushAtom(ranges, low);
        ranges.push(45, 45);
        pushAtom(ranges, high);
        continue;
      }
      pushAtom(ranges, low);
    }
    this.pos++;
    return { k: 'set', ranges: normalize(ranges), negate };
  }

  /** A single code unit, or the ranges of a class escape such as `\d`. */
  private classAtom(): number | number[] {
    const src = this.src;
    if (src[this.pos] === '\\') {
      const e = src[this.pos + 1];
      if (e === undefined) throw this.error('\\ at end of pattern');
      const set = this.classEscape(e);
      if (set !== null) {
        this.pos += 2;
        return set;
      }
      if (e === '-') {
        this.pos += 2;
        return 45;
      }
      const chars = this.characterEscape(true);
      if (chars.length !== 1) throw this.error('astral characters in classes are not supported');
      return chars[0]!;
    }
    return src.charCodeAt(this.pos++);
  }
}

function pushAtom(ranges: number[], atom: number | number[]): void {
  if (typeof atom === 'number') ranges.push(atom, atom);
  else ranges.push(...atom);
}
