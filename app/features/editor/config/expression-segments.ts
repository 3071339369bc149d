import { compileExpression } from '../../../../engine/expressions/template.ts';
import { tokenize } from '../../../../engine/expressions/tokenizer.ts';

/**
 * Splits a param string into literal text and `{{ … }}` blocks the way the engine does (same
 * tokenizer: braces inside strings and object literals do not end a block; `\{{` is literal),
 * and checks each block's syntax, so the editor highlights what will actually be evaluated.
 */
export interface Segment {
  kind: 'text' | 'expression';
  /** Offsets in the string; an expression's range includes its braces. */
  from: number;
  to: number;
  /** Expression only: false while the closing `}}` is missing. */
  closed?: boolean;
  /** Expression only: why it will not evaluate. */
  error?: string;
}

const MAX_EXPRESSION = 100_000;

export function splitExpressions(text: string): Segment[] {
  const segments: Segment[] = [];
  let textFrom = 0;
  let i = 0;
  const pushText = (to: number) => {
    if (to > textFrom) segments.push({ kind: 'text', from: textFrom, to });
  };
  for (;;) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    if (open > 0 && text[open - 1] === '\\') {
      i = open + 2;
      continue;
    }
    pushText(open);
    const start = open + 2;
    let end: number;
    let closed = true;
    let error: string | undefined;
    try {
      end = tokenize(text, start, '}}', MAX_EXPRESSION).end;
    } catch (fault) {
      // The tokenizer stops at the first problem; the block still ends at the next `}}` if any.
      const close = text.indexOf('}}', start);
      closed = close >= 0;
      end = closed ? close + 2 : text.length;
      error = closed ? messageOf(fault) : "Missing closing '}}'";
    }
    if (error === undefined) {
      const source = text.slice(start, end - 2);
      if (source.trim() === '') error = 'Empty expression';
      else {
        const block = compileExpression(source);
        if (block.error) error = block.error.reason;
      }
    }
    segments.push({ kind: 'expression', from: open, to: end, closed, ...(error !== undefined ? { error } : {}) });
    textFrom = end;
    i = end;
  }
  pushText(text.length);
  return segments;
}

function messageOf(fault: unknown): string {
  return fault instanceof Error ? fault.message : String(fault);
}

export const hasExpression = (text: string) => text.includes('{{');

/**
 * The expression the caret is in, as the source between `{{` and the caret, with the offset of
 * that source in the text. Null when the caret is in literal text (or right on the braces).
 */
export function expressionAtCaret(text: string, caret: number): { source: string; offset: number } | null {
  for (const segment of splitExpressions(text)) {
    if (segment.kind !== 'expression') continue;
    const inner = segment.from + 2;
    const innerEnd = segment.closed ? segment.to - 2 : segment.to;
    if (caret >= inner && caret <= innerEnd) return { source: text.slice(inner, caret), offset: inner };
  }
  return null;
}
