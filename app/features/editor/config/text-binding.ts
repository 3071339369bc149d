import { useLayoutEffect, useMemo, useRef } from 'react';
import * as Y from 'yjs';
import { editParamText, nodeMapOf, paramsMapOf, setParam } from '../../../../collab/index.ts';
import { applyDelta, applyEdit, diffText, editToDelta, type Delta, type TextEdit } from './text-diff.ts';

/**
 * What a text control edits: read the text, apply the user's edit, hear of changes made
 * elsewhere (a peer typing, an undo, a restore) as deltas so the control can keep its caret.
 */
export interface TextBinding {
  get(): string;
  apply(edit: TextEdit): void;
  /** `delta` is against the text as last seen; null means "re-read, it was replaced". */
  subscribe(listener: (delta: Delta | null) => void): () => void;
}

/** Non-text values (a number imported into a text param) are shown as JSON. */
export function displayText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}

function currentParam(doc: Y.Doc, nodeId: string, key: string): unknown {
  const node = nodeMapOf(doc, nodeId);
  return node ? paramsMapOf(node)?.get(key) : undefined;
}

/**
 * A top-level string param, held in the document as a Y.Text: local edits become character
 * edits (so two people typing in one prompt both keep their words), and remote edits arrive as
 * the Y.Text's own delta. Follows the param when its Y.Text is replaced (a restore, a paste of
 * a whole value) or when it is not text at all yet.
 */
export function yParamBinding(doc: Y.Doc, nodeId: string, key: string, origin: object): TextBinding {
  const read = () => {
    const value = currentParam(doc, nodeId, key);
    return value instanceof Y.Text ? value.toString() : displayText(value);
  };
  let known = read();
  return {
    get: read,
    apply(edit) {
      if (!nodeMapOf(doc, nodeId)) return; // deleted by a peer while focused
      const next = applyEdit(read(), edit);
      known = next; // before writing: the write's own transaction event compares against it
      // A param that is not text yet (absent, or a number shown as text) becomes text whole.
      if (currentParam(doc, nodeId, key) instanceof Y.Text) editParamText(doc, nodeId, key, edit, origin);
      else setParam(doc, nodeId, key, next, origin);
    },
    subscribe(listener) {
      known = read();
      let text: Y.Text | null = null;
      const onText = (event: Y.YTextEvent, transaction: Y.Transaction) => {
        if (transaction.origin === origin) return; // our own keystrokes are already on screen
        const delta = event.delta as Delta;
        const next = read();
        listener(applyDelta(known, delta) === next ? delta : null);
        known = next;
      };
      const attach = () => {
        const value = currentParam(doc, nodeId, key);
        const nextText = value instanceof Y.Text ? value : null;
        if (nextText === text) return false;
        text?.unobserve(onText);
        text = nextText;
        text?.observe(onText);
        return true;
      };
      attach();
      // Catch replacements and non-text values, and anything this tab changed through another path.
      const afterTransaction = () => {
        const replaced = attach();
        const next = read();
        if (replaced || next !== known) {
          known = next;
          listener(null);
        }
      };
      doc.on('afterTransaction', afterTransaction);
      return () => {
        doc.off('afterTransaction', afterTransaction);
        text?.unobserve(onText);
      };
    },
  };
}

/**
 * A string held inside a larger value (a header's value, a condition's left side): edits
 * replace the text as a whole through `onChange`; new values from props are announced as the
 * diff from the previous one.
 */
export function useValueBinding(value: string, onChange: (next: string) => void): TextBinding {
  const state = useRef({ known: value, onChange, listeners: new Set<(delta: Delta | null) => void>() });
  state.current.onChange = onChange;
  const binding = useMemo<TextBinding>(
    () => ({
      get: () => state.current.known,
      apply(edit) {
        state.current.known = applyEdit(state.current.known, edit);
        state.current.onChange(state.current.known);
      },
      subscribe(listener) {
        state.current.listeners.add(listener);
        return () => state.current.listeners.delete(listener);
      },
    }),
    [],
  );
  useLayoutEffect(() => {
    const s = state.current;
    if (value === s.known) return;
    const edit = diffText(s.known, value);
    s.known = value;
    const delta = edit ? editToDelta(edit) : null;
    for (const listener of s.listeners) listener(delta);
  }, [value]);
  return binding;
}
