/**
 * A line diff for long text params (prompts, code, templates), shown under a changed field.
 * Longest common subsequence on lines; past MAX_CELLS of work it gives up and shows the whole
 * text as replaced, which is still correct, only less precise.
 */
export type LineOp = 'same' | 'added' | 'removed';
export type DiffLine = { op: LineOp; text: string };
/** A run of unchanged lines folded away between two changes. */
export type FoldedLines = { op: 'fold'; count: number };
export type LineDiffRow = DiffLine | FoldedLines;

const MAX_CELLS = 250_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // Trim the common head and tail first: most edits touch a few lines of a long text.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const same = (lines: string[]): DiffLine[] => lines.map((text) => ({ op: 'same', text }));
  return [...same(a.slice(0, head)), ...diffMiddle(midA, midB), ...same(a.slice(a.length - tail))];
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const removed = a.map((text): DiffLine => ({ op: 'removed', text }));
  const added = b.map((text): DiffLine => ({ op: 'added', text }));
  if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_CELLS) return [...removed, ...added];
  // lcs[i][j] = length of the LCS of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: 'removed', text: a[i++]! });
    } else {
      out.push({ op: 'added', text: b[j++]! });
    }
  }
  while (i < a.length) out.push({ op: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ op: 'added', text: b[j++]! });
  return out;
}

/** Folds unchanged runs longer than `context` lines on each side of a change into one row. */
export function foldUnchanged(lines: readonly DiffLine[], context = 2): LineDiffRow[] {
  const out: LineDiffRow[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.op !== 'same') {
      out.push(lines[i++]!);
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.op === 'same') end++;
    const keepHead = i === 0 ? 0 : context;
    const keepTail = end === lines.length ? 0 : context;
    const run = end - i;
    if (run > keepHead + keepTail + 1) {
      out.push(...lines.slice(i, i + keepHead));
      out.push({ op: 'fold', count: run - keepHead - keepTail });
      out.push(...lines.slice(end - keepTail, end));
    } else {
      out.push(...lines.slice(i, end));
    }
    i = end;
  }
  return out;
}
