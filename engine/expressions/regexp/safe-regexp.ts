import { LIMITS } from '../limits.ts';
import { type AssertKind, type RegexNode, RegExpSyntaxError, parseRegex } from './regexp-parser.ts';

export { RegExpSyntaxError } from './regexp-parser.ts';

/** One match: offsets, captured texts (index 0 is the whole match) and named groups. */
export interface SafeMatch {
  index: number;
  end: number;
  captures: Array<string | undefined>;
  groups: Record<string, string | undefined> | undefined;
}

/** Called with the work done (in steps) so the caller's budget can stop a long search. */
export type Tick = (steps: number) => void;

const OP_CHAR = 0;
const OP_ANY = 1;
const OP_SET = 2;
const OP_SPLIT = 3;
const OP_JMP = 4;
const OP_SAVE = 5;
const OP_ASSERT = 6;
const OP_MATCH = 7;
/** Remembers where an optional loop iteration started (slot x). */
const OP_LOOP_START = 8;
/** Fails the thread if the iteration that started in slot x consumed nothing (JS semantics). */
const OP_LOOP_CHECK = 9;
/** Clears captures x…y-1: each iteration of a quantified group starts with fresh captures. */
const OP_RESET = 10;

const ASSERT_CODES: Record<AssertKind, number> = { bol: 0, eol: 1, wordb: 2, nwordb: 3 };
const SUPPORTED_FLAGS = 'gims';

interface Program {
  op: number[];
  x: number[];
  y: number[];
  sets: Array<{ ranges: number[]; negate: boolean }>;
  /** Capture slots plus one bookkeeping slot per optional loop. */
  slots: number;
}

/**
 * A regular expression matched by a Pike VM: time is O(input length × pattern size) whatever the
 * pattern, so there is no catastrophic backtracking (ReDoS), and every step is charged to the
 * caller's budget. Instances are immutable and stateless (no `lastIndex`), safe to share.
 * Matching works on UTF-16 code units; the `u`, `y`, `d` and `v` flags are not supported.
 */
export class SafeRegExp {
  private constructor(
    readonly source: string,
    readonly flags: string,
    private readonly program: Program,
    readonly groupCount: number,
    readonly groupNames: ReadonlyMap<string, number>,
  ) {
    Object.freeze(this);
  }

  /** Compiles a pattern; throws `RegExpSyntaxError` for invalid or unsupported patterns. */
  static compile(source: string, flags = ''): SafeRegExp {
    if (source.length > LIMITS.maxRegExpSource) {
      throw new RegExpSyntaxError(`Regular expression is longer than ${LIMITS.maxRegExpSource} characters`);
    }
    for (const [i, f] of [...flags].entries()) {
      if (!SUPPORTED_FLAGS.includes(f)) throw new RegExpSyntaxError(`Regular expression flag '${f}' is not supported`);
      if (flags.indexOf(f) !== i) throw new RegExpSyntaxError(`Duplicate regular expression flag '${f}'`);
    }
    const parsed = parseRegex(source);
    const program = new Compiler(flags.includes('i'), flags.includes('s'), parsed.groupCount).compile(parsed.root);
    return new SafeRegExp(source, [...flags].sort().join(''), program, parsed.groupCount, parsed.groupNames);
  }

  get global(): boolean {
    return this.flags.includes('g');
  }
  get ignoreCase(): boolean {
    return this.flags.includes('i');
  }
  get multiline(): boolean {
    return this.flags.includes('m');
  }
  get dotAll(): boolean {
    return this.flags.includes('s');
  }

  toString(): string {
    return `/${this.source}/${this.flags}`;
  }

  /** The leftmost match starting at or after `start`, with JavaScript's priority rules. */
  exec(input: string, start: number, tick: Tick): SafeMatch | null {
    const { op, x, y, sets } = this.program;
    const n = input.length;
    const size = op.length;
    const icase = this.ignoreCase;
    const multiline = this.multiline;
    // Each list holds every pc at most once, so `size` slots are enough.
    let current = new ThreadList(size);
    let next = new ThreadList(size);
    const visited = new Int32Array(size);
    const stackPc = new Int32Array(size * 2 + 2);
    const stackCaps: number[][] = new Array<number[]>(size * 2 + 2);
    let generation = 1;
    let work = 0;

    // Follows jumps, splits, saves and assertions from pc0 (depth first, preferred branch
    // first) and appends the reachable consuming instructions to `list` in priority order.
    const add = (list: ThreadList, pc0: number, caps0: number[], pos: number): void => {
      let top = 0;
      stackPc[top] = pc0;
      stackCaps[top++] = caps0;
      while (top > 0) {
        const pc = stackPc[--top]!;
        const caps = stackCaps[top]!;
        if (visited[pc] === generation) continue;
        visited[pc] = generation;
        work++;
        switch (op[pc]) {
          case OP_JMP:
            stackPc[top] = x[pc]!;
            stackCaps[top++] = caps;
            break;
          case OP_SPLIT:
            stackPc[top] = y[pc]!;
            stackCaps[top++] = caps;
            stackPc[top] = x[pc]!;
            stackCaps[top++] = caps;
            break;
          case OP_SAVE: {
            const copy = caps.slice();
            copy[x[pc]!] = pos;
            stackPc[top] = pc + 1;
            stackCaps[top++] = copy;
            break;
          }
          case OP_ASSERT:
            if (assertionHolds(x[pc]!, input, pos, multiline)) {
              stackPc[top] = pc + 1;
              stackCaps[top++] = caps;
            }
            break;
          case OP_LOOP_START: {
            const copy = caps.slice();
            copy[x[pc]!] = pos;
            stackPc[top] = pc + 1;
            stackCaps[top++] = copy;
            break;
          }
          case OP_LOOP_CHECK:
            if (caps[x[pc]!] === pos) {
              // An empty iteration fails without marking the pc, so a lower-priority thread
              // that did consume input can still pass here.
              visited[pc] = 0;
            } else {
              stackPc[top] = pc + 1;
              stackCaps[top++] = caps;
            }
            break;
          case OP_RESET: {
            const copy = caps.slice();
            copy.fill(-1, x[pc]!, y[pc]!);
            stackPc[top] = pc + 1;
            stackCaps[top++] = copy;
            break;
          }
          default:
            list.pcs[list.length] = pc;
            list.caps[list.length++] = caps;
        }
      }
    };

    let matched: number[] | null = null;
    add(current, 0, new Array<number>(this.program.slots).fill(-1), start);
    for (let pos = start; current.length > 0; pos++) {
      generation++;
      const c = pos < n ? input.charCodeAt(pos) : -1;
      const folded = icase && c >= 0 ? fold(c) : c;
      for (let i = 0; i < current.length; i++) {
        const pc = current.pcs[i]!;
        switch (op[pc]) {
          case OP_CHAR:
            if (c >= 0 && folded === x[pc]) add(next, pc + 1, current.caps[i]!, pos + 1);
            break;
          case OP_ANY:
            if (c >= 0 && (x[pc] === 1 || !isLineTerminator(c))) add(next, pc + 1, current.caps[i]!, pos + 1);
            break;
          case OP_SET: {
            if (c < 0) break;
            const set = sets[x[pc]!]!;
            let hit = inRanges(set.ranges, c);
            if (!hit && icase) hit = inRanges(set.ranges, folded) || inRanges(set.ranges, upper(c));
            if (hit !== set.negate) add(next, pc + 1, current.caps[i]!, pos + 1);
            break;
          }
          case OP_MATCH:
            matched = current.caps[i]!;
            i = current.length; // lower-priority threads lose
            break;
        }
      }
      work += current.length;
      if (work >= 1024) {
        tick(work);
        work = 0;
      }
      if (pos >= n) break;
      [current, next] = [next, current];
      next.length = 0;
    }
    tick(work + 1);
    if (matched === null) return null;
    return this.toMatch(input, matched);
  }

  private toMatch(input: string, caps: number[]): SafeMatch {
    const captures: Array<string | undefined> = [];
    for (let g = 0; g <= this.groupCount; g++) {
      const s = caps[2 * g]!;
      const e = caps[2 * g + 1]!;
      captures.push(s >= 0 && e >= 0 ? input.slice(s, e) : undefined);
    }
    let groups: Record<string, string | undefined> | undefined;
    if (this.groupNames.size > 0) {
      groups = {};
      for (const [name, index] of this.groupNames) groups[name] = captures[index];
    }
    return { index: caps[0]!, end: caps[1]!, captures, groups };
  }
}

class ThreadList {
  length = 0;
  readonly pcs: Int32Array;
  readonly caps: number[][];

  constructor(size: number) {
    this.pcs = new Int32Array(size);
    this.caps = new Array<number[]>(size);
  }
}

class Compiler {
  private readonly program: Program;

  constructor(
    private readonly icase: boolean,
    private readonly dotAll: boolean,
    groupCount: number,
  ) {
    this.program = { op: [], x: [], y: [], sets: [], slots: 2 * (groupCount + 1) };
  }

  private newSlot(): number {
    return this.program.slots++;
  }

  compile(root: RegexNode): Program {
    // Unanchored search: a lazy `[^]*?` prefix, then the pattern between SAVE 0 and SAVE 1.
    this.emit(OP_SPLIT, 3, 1);
    this.emit(OP_ANY, 1);
    this.emit(OP_JMP, 0);
    this.emit(OP_SAVE, 0);
    this.node(root);
    this.emit(OP_SAVE, 1);
    this.emit(OP_MATCH);
    return this.program;
  }

  private emit(op: number, x = 0, y = 0): number {
    const p = this.program;
    if (p.op.length >= LIMITS.maxRegExpProgram) throw new RegExpSyntaxError('Regular expression is too complex');
    p.op.push(op);
    p.x.push(x);
    p.y.push(y);
    return p.op.length - 1;
  }

  private patch(at: number, x: number, y?: number): void {
    this.program.x[at] = x;
    if (y !== undefined) this.program.y[at] = y;
  }

  private get here(): number {
    return this.program.op.length;
  }

  private node(node: RegexNode): void {
    switch (node.k) {
      case 'empty':
        return;
      case 'char':
        this.emit(OP_CHAR, this.icase ? fold(node.c) : node.c);
        return;
      case 'any':
        this.emit(OP_ANY, this.dotAll ? 1 : 0);
        return;
      case 'set':
        this.program.sets.push({ ranges: node.ranges, negate: node.negate });
        this.emit(OP_SET, this.program.sets.length - 1);
        return;
      case 'seq':
        for (const item of node.items) this.node(item);
        return;
      case 'alt': {
        const exits: number[] = [];
        node.options.forEach((option, i) => {
          if (i < node.options.length - 1) {
            const split = this.emit(OP_SPLIT);
            this.node(option);
            exits.push(this.emit(OP_JMP));
            this.patch(split, split + 1, this.here);
          } else {
            this.node(option);
          }
        });
        for (const jmp of exits) this.patch(jmp, this.here);
        return;
      }
      case 'group':
        if (node.capture === null) {
          this.node(node.body);
          return;
        }
        this.emit(OP_SAVE, 2 * node.capture);
        this.node(node.body);
        this.emit(OP_SAVE, 2 * node.capture + 1);
        return;
      case 'repeat':
        this.repeat(node);
        return;
      case 'assert':
        this.emit(OP_ASSERT, ASSERT_CODES[node.kind]);
        return;
    }
  }

  private repeat(node: Extract<RegexNode, { k: 'repeat' }>): void {
    const groups = captureRange(node.body);
    const iteration = (optional: boolean): void => {
      const slot = optional ? this.newSlot() : -1;
      if (optional) this.emit(OP_LOOP_START, slot);
      if (groups !== null) this.emit(OP_RESET, 2 * groups[0], 2 * groups[1] + 2);
      this.node(node.body);
      if (optional) this.emit(OP_LOOP_CHECK, slot);
    };
    for (let i = 0; i < node.min; i++) iteration(false);
    if (node.max === Infinity) {
      const split = this.emit(OP_SPLIT);
      iteration(true);
      this.emit(OP_JMP, split);
      this.setSplit(split, split + 1, this.here, node.greedy);
      return;
    }
    const splits: number[] = [];
    for (let i = node.min; i < node.max; i++) {
      splits.push(this.emit(OP_SPLIT));
      iteration(true);
    }
    for (const split of splits) this.setSplit(split, split + 1, this.here, node.greedy);
  }

  private setSplit(at: number, body: number, out: number, greedy: boolean): void {
    if (greedy) this.patch(at, body, out);
    else this.patch(at, out, body);
  }
}

/** Lowest and highest capture group numbers inside a node, or null. */
function captureRange(node: RegexNode): [number, number] | null {
  let low = Infinity;
  let high = -Infinity;
  const visit = (n: RegexNode): void => {
    switch (n.k) {
      case 'group':
        if (n.capture !== null) {
          low = Math.min(low, n.capture);
          high = Math.max(high, n.capture);
        }
        visit(n.body);
        return;
      case 'seq':
        n.items.forEach(visit);
        return;
      case 'alt':
        n.options.forEach(visit);
        return;
      case 'repeat':
        visit(n.body);
        return;
      default:
        return;
    }
  };
  visit(node);
  return low === Infinity ? null : [low, high];
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function assertionHolds(kind: number, input: string, pos: number, multiline: boolean): boolean {
  switch (kind) {
    case 0:
      return pos === 0 || (multiline && isLineTerminator(input.charCodeAt(pos - 1)));
    case 1:
      return pos === input.length || (multiline && isLineTerminator(input.charCodeAt(pos)));
    default: {
      const before = pos > 0 && isWordChar(input.charCodeAt(pos - 1));
      const after = pos < input.length && isWordChar(input.charCodeAt(pos));
      return (before !== after) === (kind === 2);
    }
  }
}

function inRanges(ranges: number[], c: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (c < ranges[i]!) return false;
    if (c <= ranges[i + 1]!) return true;
  }
  return false;
}

const foldCache = new Int32Array(0x10000).fill(-1);
const upperCache = new Int32Array(0x10000).fill(-1);

/** Simple case folding of one code unit (to lower case when that stays one code unit). */
function fold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  let f = foldCache[c]!;
  if (f < 0) {
    const s = String.fromCharCode(c).toLowerCase();
    f = s.length === 1 ? s.charCodeAt(0) : c;
    foldCache[c] = f;
  }
  return f;
}

function upper(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  let u = upperCache[c]!;
  if (u < 0) {
    const s = String.fromCharCode(c).toUpperCase();
    u = s.length === 1 ? s.charCodeAt(0) : c;
    upperCache[c] = u;
  }
  return u;
}
