import { describe, expect, it } from 'vitest';
import { diffLines, foldUnchanged } from './line-diff.ts';

describe('diffLines', () => {
  it('marks the changed line between unchanged ones', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'B' },
      { op: 'same', text: 'c' },
    ]);
  });

  it('finds inserted and deleted lines in the middle', () => {
    const rows = diffLines('one\ntwo\nthree\nfour', 'one\nthree\nthree and a half\nfour');
    expect(rows).toEqual([
      { op: 'same', text: 'one' },
      { op: 'removed', text: 'two' },
      { op: 'same', text: 'three' },
      { op: 'added', text: 'three and a half' },
      { op: 'same', text: 'four' },
    ]);
  });

  it('rebuilds both sides from its rows', () => {
    const before = 'You are a helpful assistant.\nAnswer briefly.\nUse {{ $json.lang }}.\nSign as Bot.';
    const after = 'You are a precise assistant.\nAnswer briefly.\n\nUse {{ $json.lang }}.\nSign as FlowBot.\nP.S.';
    const rows = diffLines(before, after);
    expect(rows.filter((r) => r.op !== 'added').map((r) => r.text).join('\n')).toBe(before);
    expect(rows.filter((r) => r.op !== 'removed').map((r) => r.text).join('\n')).toBe(after);
  });

  it('falls back to whole replacement for texts too large to align', () => {
    const before = Array.from({ length: 600 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 600 }, (_, i) => `new ${i}`).join('\n');
    const rows = diffLines(before, after);
    expect(rows.filter((r) => r.op === 'removed')).toHaveLength(600);
    expect(rows.filter((r) => r.op === 'added')).toHaveLength(600);
  });
});

describe('foldUnchanged', () => {
  it('keeps context around a change and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[10] = 'changed';
    const rows = foldUnchanged(diffLines(before.join('\n'), after.join('\n')), 2);
    expect(rows).toEqual([
      { op: 'fold', count: 8 },
      { op: 'same', text: 'line 8' },
      { op: 'same', text: 'line 9' },
      { op: 'removed', text: 'line 10' },
      { op: 'added', text: 'changed' },
      { op: 'same', text: 'line 11' },
      { op: 'same', text: 'line 12' },
      { op: 'fold', count: 7 },
    ]);
  });

  it('does not fold a run that is barely longer than its context', () => {
    const rows = foldUnchanged(diffLines('x\na\nb\nc\nd\nx', 'y\na\nb\nc\nd\ny'), 2);
    expect(rows.some((r) => r.op === 'fold')).toBe(false);
  });
});
