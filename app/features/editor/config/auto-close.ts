import { tokenize } from '../../../../engine/expressions/tokenizer.ts';
import { splitExpressions } from './expression-segments.ts';
import type { TextEdit } from './text-diff.ts';

/**
 * What the editor adds after the user typed `typed` (the caret now just after it):
 * typing "{{" closes the block and puts the caret in the middle ("{{ | }}"); typing on through
 * what was closed for you does not double it (the space after "{{" and a final "}}" are typed
 * over), so typing a whole "{{ $json.a }}" gives exactly that. Null when nothing is added.
 */
export function autoCloseEdit(value: string, caret: number, typed: string): { edit: TextEdit; caret: number } | null {
  const after = value.slice(caret);
  if (typed === '{' && value.slice(caret - 2, caret) === '{{' && value[caret - 3] !== '\\' && !after.trimStart().startsWith('}}')) {
    return { edit: { index: caret, deleteCount: 0, insert: '  }}' }, caret: caret + 1 };
  }
  if (typed === ' ' && value.slice(caret - 4, caret) === '{{  ' && after.startsWith(' }}')) {
    return { edit: { index: caret - 1, deleteCount: 1, insert: '' }, caret: caret - 1 };
  }
  if (typed === '}' && value.slice(caret - 2, caret) === '}}') {
    const closer = /^\s*\}\}/.exec(after);
    const last = splitExpressions(value.slice(0, caret)).at(-1);
    // Only when the braces just typed close the block themselves (not an object literal inside it).
    if (closer && last?.kind === 'expression' && closesAt(value, last.from + 2, caret)) {
      return { edit: { index: caret, deleteCount: closer[0].length, insert: '' }, caret };
    }
  }
  return null;
}

/** Does the engine's tokenizer end the block starting at `start` exactly at `end`? */
function closesAt(value: string, start: number, end: number): boolean {
  try {
    return tokenize(value.slice(0, end), start, '}}').end === end;
  } catch {
    return false;
  }
}
