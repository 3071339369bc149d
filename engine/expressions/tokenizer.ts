import { forbiddenFault, syntaxFault } from './errors.ts';

/** A lexical token; `pos`/`end` are offsets into the source string the tokenizer was given. */
export type Token =
  | { type: 'num'; value: number; pos: number; end: number }
  | { type: 'str'; value: string; pos: number; end: number }
  | { type: 'template'; quasis: string[]; parts: Token[][]; pos: number; end: number }
  | { type: 'regex'; pattern: string; flags: string; pos: number; end: number }
  | { type: 'name'; value: string; pos: number; end: number }
  | { type: 'punc'; value: string; pos: number; end: number }
  | { type: 'eof'; pos: number; end: number };

/**
 * Where tokenizing stops: at the end of input, at the `}` closing a `${`, or at the `}}` closing
 * a `{{` block. Braces inside the expression (object literals) are balanced, and strings may
 * contain `}}`, so `{{ {a: '}}'} }}` is one expression.
 */
export type StopAt = 'eof' | '}' | '}}';

export interface TokenizeResult {
  tokens: Token[];
  /** Offset just after the closing delimiter (or `src.length` for `eof`). */
  end: number;
}

const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '**', '<<', '>>', '++', '--',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '{', '}', '(', ')', '[', ']', ';', ',', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^',
  '!', '~', '?', ':', '=', '.', '@', '#',
];
const PUNC_BY_FIRST = new Map<string, string[]>();
for (const p of PUNCTUATORS) {
  const list = PUNC_BY_FIRST.get(p[0]!) ?? [];
  list.push(p);
  PUNC_BY_FIRST.set(p[0]!, list);
}

/** After these words a `/` starts a regular expression rather than a division. */
const OPERATOR_WORDS = new Set(['typeof', 'void', 'in', 'instanceof', 'return', 'new', 'delete', 'case', 'of']);

const ID_START = /[\p{ID_Start}$_]/u;
const ID_CONTINUE = /[\p{ID_Continue}$\u200c\u200d]/u;

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95;
}
function isAsciiIdPart(c: number): boolean {
  return isAsciiIdStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}
function isWhitespace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && /\s/.test(String.fromCharCode(c));
}

/** Tokenizes `src` from `start` up to the delimiter `stop`; throws `ExpressionFault` on bad input. */
export function tokenize(src: string, start: number, stop: StopAt, maxLength = Infinity): TokenizeResult {
  return new Tokenizer(src, start + maxLength).run(start, stop);
}

class Tokenizer {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly limit: number,
  ) {}

  run(start: number, stop: StopAt): TokenizeResult {
    this.pos = start;
    const tokens: Token[] = [];
    let depth = 0;
    const src = this.src;
    for (;;) {
      this.skipWhitespace();
      if (this.pos > this.limit) throw syntaxFault('Expression is too long', start);
      const pos = this.pos;
      if (pos >= src.length) {
        if (stop === '}}') throw syntaxFault("Missing closing '}}'", start);
        if (stop === '}') throw syntaxFault("Unterminated '${' in template literal", start);
        tokens.push({ type: 'eof', pos, end: pos });
        return { tokens, end: pos };
      }
      const c = src.charCodeAt(pos);
      if (c === 125 /* } */ && depth === 0 && stop !== 'eof') {
        if (stop === '}') {
          tokens.push({ type: 'eof', pos, end: pos });
          return { tokens, end: pos + 1 };
        }
        if (src.charCodeAt(pos + 1) === 125) {
          tokens.push({ type: 'eof', pos, end: pos });
          return { tokens, end: pos + 2 };
        }
        throw syntaxFault("Unexpected '}'", pos);
      }
      if (c === 123) depth++;
      else if (c === 125) depth--;

      if (isAsciiIdStart(c) || (c > 127 && ID_START.test(String.fromCodePoint(src.codePointAt(pos)!)))) {
        tokens.push(this.readName());
      } else if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(pos + 1)))) {
        tokens.push(this.readNumber());
      } else if (c === 34 || c === 39) {
        tokens.push(this.readString(c));
      } else if (c === 96) {
        tokens.push(this.readTemplate());
      } else if (c === 47 && (src.charCodeAt(pos + 1) === 47 || src.charCodeAt(pos + 1) === 42)) {
        throw syntaxFault('Comments are not supported in expressions', pos);
      } else if (c === 47 && regexAllowed(tokens[tokens.length - 1])) {
        tokens.push(this.readRegex());
      } else if (c === 92) {
        throw forbiddenFault('Escape sequences are not allowed outside string literals', pos);
      } else {
        tokens.push(this.readPunctuator());
      }
    }
  }

  private skipWhitespace(): void {
    const src = this.src;
    while (this.pos < src.length && isWhitespace(src.charCodeAt(this.pos))) this.pos++;
  }

  private readName(): Token {
    const src = this.src;
    const pos = this.pos;
    let i = pos;
    while (i < src.length) {
      const c = src.charCodeAt(i);
      if (isAsciiIdPart(c)) {
        i++;
        continue;
      }
      if (c > 127) {
        const cp = src.codePointAt(i)!;
        if (ID_CONTINUE.test(String.fromCodePoint(cp))) {
          i += cp > 0xffff ? 2 : 1;
          continue;
        }
      }
      if (c === 92) throw forbiddenFault('Unicode escapes in identifiers are not allowed', i);
      break;
    }
    this.pos = i;
    return { type: 'name', value: src.slice(pos, i), pos, end: i };
  }

  private readNumber(): Token {
    const src = this.src;
    const pos = this.pos;
    let i = pos;
    let value: number;
    const next = src.charCodeAt(i + 1) | 0x20;
    if (src.charCodeAt(i) === 48 && (next === 120 || next === 111 || next === 98)) {
      const radix = next === 120 ? 16 : next === 111 ? 8 : 2;
      i += 2;
      const digitsStart = i;
      while (i < src.length && /[0-9a-fA-F_]/.test(src[i]!)) i++;
      const digits = src.slice(digitsStart, i).replaceAll('_', '');
      value = digits === '' ? NaN : parseIntStrict(digits, radix);
      if (Number.isNaN(value)) throw syntaxFault(`Invalid number '${src.slice(pos, i)}'`, pos);
    } else {
      if (src.charCodeAt(i) === 48 && isDigit(src.charCodeAt(i + 1))) {
        throw syntaxFault('Numbers with a leading zero are not allowed', pos);
      }
      i = this.digits(i);
      if (src.charCodeAt(i) === 46) i = this.digits(i + 1);
      if ((src.charCodeAt(i) | 0x20) === 101) {
        let j = i + 1;
        if (src[j] === '+' || src[j] === '-') j++;
        if (!isDigit(src.charCodeAt(j))) throw syntaxFault('Invalid number exponent', pos);
        i = this.digits(j);
      }
      value = Number(src.slice(pos, i).replaceAll('_', ''));
    }
    const after = src.charCodeAt(i);
    if (after === 110) throw syntaxFault('BigInt literals are not supported', pos);
    if (isAsciiIdPart(after)) throw syntaxFault(`Invalid number '${src.slice(pos, i + 1)}'`, pos);
    this.pos = i;
    return { type: 'num', value, pos, end: i };
  }

  private digits(i: number): number {
    const src = this.src;
    while (i < src.length && (isDigit(src.charCodeAt(i)) || (src[i] === '_' && isDigit(src.charCodeAt(i + 1))))) i++;
    return i;
  }

  private readString(quote: number): Token {
    const src = this.src;
    const pos = this.pos;
    let i = pos + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= src.length) throw syntaxFault('Unterminated string literal', pos);
      const c = src.charCodeAt(i);
      if (c === quote) break;
      if (isLineTerminator(c)) throw syntaxFault('Unterminated string literal', pos);
      if (c === 92) {
        out += src.slice(chunk, i);
        const [text, next] = this.readEscape(i);
        out += text;
        i = next;
        chunk = i;
        continue;
      }
      i++;
    }
    out += src.slice(chunk, i);
    this.pos = i + 1;
    return { type: 'str', value: out, pos, end: i + 1 };
  }

  /** Reads the escape at `i` (a backslash); returns the cooked text and the next offset. */
  private readEscape(i: number): [string, number] {
    const src = this.src;
    const e = src[i + 1];
    switch (e) {
      case undefined:
        throw syntaxFault('Unterminated string literal', i);
      case 'n':
        return ['\n', i + 2];
      case 'r':
        return ['\r', i + 2];
      case 't':
        return ['\t', i + 2];
      case 'b':
        return ['\b', i + 2];
      case 'f':
        return ['\f', i + 2];
      case 'v':
        return ['\v', i + 2];
      case '0':
        if (isDigit(src.charCodeAt(i + 2))) throw syntaxFault('Octal escape sequences are not allowed', i);
        return ['\0', i + 2];
      case 'x': {
        const hex = src.slice(i + 2, i + 4);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw syntaxFault('Invalid \\x escape', i);
        return [String.fromCharCode(parseInt(hex, 16)), i + 4];
      }
      case 'u': {
        if (src[i + 2] === '{') {
          const close = src.indexOf('}', i + 3);
          const hex = close < 0 ? '' : src.slice(i + 3, close);
          const cp = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
          if (!(cp <= 0x10ffff)) throw syntaxFault('Invalid \\u{…} escape', i);
          return [String.fromCodePoint(cp), close + 1];
        }
        const hex = src.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw syntaxFault('Invalid \\u escape', i);
        return [String.fromCharCode(parseInt(hex, 16)), i + 6];
      }
      case '\r':
        return ['', src[i + 2] === '\n' ? i + 3 : i + 2];
      case '\n':
      case '\u2028':
      case '\u2029':
        return ['', i + 2];
      default:
        if (isDigit(e.charCodeAt(0))) throw syntaxFault('Octal escape sequences are not allowed', i);
        return [e, i + 2];
    }
  }

  private readTemplate(): Token {
    const src = this.src;
    const pos = this.pos;
    const quasis: string[] = [];
    const parts: Token[][] = [];
    let i = pos + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= src.length) throw syntaxFault('Unterminated template literal', pos);
      if (i > this.limit) throw syntaxFault('Expression is too long', pos);
      const c = src.charCodeAt(i);
      if (c === 96) {
        out += src.slice(chunk, i);
        quasis.push(out);
        this.pos = i + 1;
        return { type: 'template', quasis, parts, pos, end: i + 1 };
      }
      if (c === 92) {
        out += src.slice(chunk, i);
        const [text, next] = this.readEscape(i);
        out += text;
        i = next;
        chunk = i;
        continue;
      }
      if (c === 36 && src.charCodeAt(i + 1) === 123) {
        out += src.slice(chunk, i);
        quasis.push(out);
        out = '';
        const inner = new Tokenizer(src, this.limit).run(i + 2, '}');
        parts.push(inner.tokens);
        i = inner.end;
        chunk = i;
        continue;
      }
      i++;
    }
  }

  private readRegex(): Token {
    const src = this.src;
    const pos = this.pos;
    let i = pos + 1;
    let inClass = false;
    for (;;) {
      if (i >= src.length || isLineTerminator(src.charCodeAt(i))) {
        throw syntaxFault('Unterminated regular expression', pos);
      }
      const c = src[i];
      if (c === '\\') i += 2;
      else {
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
        i++;
      }
    }
    const pattern = src.slice(pos + 1, i);
    let j = i + 1;
    while (j < src.length && isAsciiIdPart(src.charCodeAt(j))) j++;
    this.pos = j;
    return { type: 'regex', pattern, flags: src.slice(i + 1, j), pos, end: j };
  }

  private readPunctuator(): Token {
    const src = this.src;
    const pos = this.pos;
    const candidates = PUNC_BY_FIRST.get(src[pos]!);
    if (candidates !== undefined) {
      for (const p of candidates) {
        if (!src.startsWith(p, pos)) continue;
        // `a?.5:1` is a conditional, not optional chaining.
        if (p === '?.' && isDigit(src.charCodeAt(pos + 2))) continue;
        this.pos = pos + p.length;
        return { type: 'punc', value: p, pos, end: this.pos };
      }
    }
    const shown = String.fromCodePoint(src.codePointAt(pos)!);
    throw syntaxFault(`Unexpected character '${shown}'`, pos);
  }
}

function regexAllowed(prev: Token | undefined): boolean {
  if (prev === undefined) return true;
  if (prev.type === 'punc') return prev.value !== ')' && prev.value !== ']' && prev.value !== '}';
  if (prev.type === 'name') return OPERATOR_WORDS.has(prev.value);
  return false;
}

function parseIntStrict(digits: string, radix: number): number {
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[01]+$/;
  if (!valid.test(digits)) return NaN;
  let value = 0;
  for (const d of digits) value = value * radix + parseInt(d, radix);
  return value;
}
