'use client';

import { autocompletion, closeBrackets, closeBracketsKeymap, completeFromList, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript, javascriptLanguage, localCompletionSource } from '@codemirror/lang-javascript';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Annotation, Compartment, EditorState, type ChangeSpec, type Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder as placeholderText } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import { cn } from '../../../lib/cn.ts';
import { controlFrame } from './controls.tsx';
import type { TextBinding } from './text-binding.ts';
import { diffText, type Delta } from './text-diff.ts';

/** Marks transactions that replay a peer's edit, so they are not sent back to the document. */
const fromPeer = Annotation.define<boolean>();

// Token colours are CSS variables set per theme on the editor's frame (see SYNTAX_COLOURS).
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--cm-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--cm-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cm-number)' },
  { tag: [t.lineComment, t.blockComment], color: 'var(--ff-faint)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--cm-function)' },
  { tag: [t.propertyName], color: 'var(--cm-property)' },
  { tag: [t.variableName, t.definition(t.variableName)], color: 'var(--ff-fg)' },
  { tag: [t.operator, t.punctuation, t.bracket], color: 'var(--ff-muted)' },
]);

const SYNTAX_COLOURS =
  '[--cm-keyword:#7c3aed] [--cm-string:#0f766e] [--cm-number:#b45309] [--cm-function:#1d4ed8] [--cm-property:#be185d] ' +
  'dark:[--cm-keyword:#c4b5fd] dark:[--cm-string:#5eead4] dark:[--cm-number:#fcd34d] dark:[--cm-function:#93c5fd] dark:[--cm-property:#f9a8d4]';

const theme = EditorView.theme({
  '&': { fontSize: '12.5px', backgroundColor: 'transparent', color: 'var(--ff-fg)', borderRadius: '6px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6', minHeight: '140px', maxHeight: '420px', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--ff-fg)', padding: '6px 0' },
  '.cm-cursor': { borderLeftColor: 'var(--ff-fg)' },
  '.cm-gutters': { backgroundColor: 'transparent', color: 'var(--ff-faint)', border: 'none', borderRight: '1px solid var(--ff-line)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--ff-accent) 6%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--ff-muted)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--ff-accent) 28%, transparent) !important',
  },
  '.cm-matchingBracket': { backgroundColor: 'color-mix(in srgb, var(--ff-accent) 18%, transparent)', outline: 'none' },
  '.cm-placeholder': { color: 'var(--ff-faint)' },
  '.cm-tooltip': { backgroundColor: 'var(--ff-surface)', border: '1px solid var(--ff-line)', borderRadius: '8px', boxShadow: 'var(--ff-shadow-pop)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--ff-accent-soft)', color: 'var(--ff-fg)' },
});

/** What the Code node's sandbox provides (see engine/nodes/code.ts). */
const sandboxCompletions = completeFromList([
  { label: 'items', type: 'variable', info: 'The input items: an array of { json }' },
  { label: '$json', type: 'variable', info: "The first item's JSON" },
  { label: '$run', type: 'variable', info: 'The current run' },
  { label: '$workflow', type: 'variable', info: 'The workflow' },
  { label: '$now', type: 'variable', info: 'When the run started' },
  { label: 'console.log', type: 'function', info: 'Writes to the run log' },
]);

/** Changes that apply a delta to a CodeMirror document (positions in the document before it). */
function deltaChanges(delta: Delta): ChangeSpec[] {
  const changes: ChangeSpec[] = [];
  let pos = 0;
  for (const op of delta) {
    if ('retain' in op) pos += op.retain;
    else if ('delete' in op) {
      changes.push({ from: pos, to: pos + op.delete });
      pos += op.delete;
    } else changes.push({ from: pos, insert: op.insert });
  }
  return changes;
}

/**
 * A JavaScript editor (CodeMirror 6) on shared text: local changes go to the binding change by
 * change, peers' edits come back as deltas and CodeMirror maps the selection through them.
 */
export function CodeEditor({
  binding,
  readOnly,
  placeholder,
  invalid,
  ...aria
}: {
  binding: TextBinding;
  readOnly: boolean;
  placeholder?: string;
  invalid?: boolean;
  'aria-label': string;
  'aria-describedby'?: string;
  'data-testid'?: string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  // Attributes and read-only state change in place: recreating the editor would drop focus mid-typing.
  const dynamic = useRef(new Compartment());
  const ariaLabel = aria['aria-label'];
  const describedBy = aria['aria-describedby'];
  const dynamicExtensions = (): Extension => [
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    EditorView.contentAttributes.of({
      'aria-label': ariaLabel,
      'aria-multiline': 'true',
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      ...(invalid ? { 'aria-invalid': 'true' } : {}),
    }),
    ...(placeholder ? [placeholderText(placeholder)] : []),
  ];
  const latestDynamic = useRef(dynamicExtensions);
  latestDynamic.current = dynamicExtensions;

  useEffect(() => {
    viewRef.current?.dispatch({ effects: dynamic.current.reconfigure(dynamicExtensions()) });
  }, [readOnly, placeholder, ariaLabel, describedBy, invalid]);

  useEffect(() => {
    const view = new EditorView({
      parent: parent.current!,
      state: EditorState.create({
        doc: binding.get(),
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          javascript(),
          javascriptLanguage.data.of({ autocomplete: sandboxCompletions }),
          javascriptLanguage.data.of({ autocomplete: localCompletionSource }),
          syntaxHighlighting(highlight),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
          theme,
          EditorView.lineWrapping,
          dynamic.current.of(latestDynamic.current()),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromPeer))) return;
            const edits: { index: number; deleteCount: number; insert: string }[] = [];
            update.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
              edits.push({ index: fromA, deleteCount: toA - fromA, insert: inserted.toString() });
            });
            // Last first, so earlier positions still hold in the text being edited.
            for (const edit of edits.reverse()) binding.apply(edit);
          }),
        ],
      }),
    });
    const resync = () => {
      const current = view.state.doc.toString();
      const edit = diffText(current, binding.get());
      if (edit) view.dispatch({ changes: { from: edit.index, to: edit.index + edit.deleteCount, insert: edit.insert }, annotations: fromPeer.of(true) });
    };
    const unsubscribe = binding.subscribe((delta) => {
      try {
        if (delta) view.dispatch({ changes: deltaChanges(delta), annotations: fromPeer.of(true) });
      } catch {
        // The delta did not fit what is on screen: fall through to a full resync.
      }
      if (view.state.doc.toString() !== binding.get()) resync();
    });
    viewRef.current = view;
    return () => {
      unsubscribe();
      view.destroy();
      viewRef.current = null;
    };
  }, [binding]);

  return (
    <div
      ref={parent}
      className={cn(controlFrame, SYNTAX_COLOURS, 'overflow-hidden', readOnly && 'opacity-80')}
      data-testid={aria['data-testid']}
    />
  );
}
