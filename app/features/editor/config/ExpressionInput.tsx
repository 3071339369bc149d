'use client';

import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '../../../lib/cn.ts';
import { autoCloseEdit } from './auto-close.ts';
import { CompletionMenu } from './CompletionMenu.tsx';
import { controlFrame } from './controls.tsx';
import { completeExpression, completionFrom, type Completion, type CompletionData, type CompletionResult } from './expression-completions.ts';
import { expressionAtCaret, splitExpressions, type Segment } from './expression-segments.ts';
import type { TextBinding } from './text-binding.ts';
import { diffText, editToDelta, mapSelection, type TextEdit } from './text-diff.ts';

type Props = {
  binding: TextBinding;
  multiline?: boolean;
  /** Highlight `{{ }}` blocks and complete inside them. */
  expression?: boolean;
  mono?: boolean;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  completionData?: () => CompletionData;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'data-testid'?: string;
};

type Menu = { result: CompletionResult; offset: number; selected: number };

// Both layers must lay text out identically: same font, size, line height, padding, wrapping.
const TEXT_LAYOUT = 'px-2.5 text-[13px]';

/**
 * A text input (or auto-growing textarea) bound to shared text: each keystroke becomes one
 * minimal edit, edits from peers land without moving this user's caret. Expression fields paint
 * their `{{ … }}` blocks (red when they will not parse) on a layer behind the transparent
 * control, and offer completions inside a block as you type or on Ctrl+Space.
 */
export function ExpressionInput({ binding, multiline = false, expression = true, mono, completionData, ...aria }: Props) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const backdropRef = useRef<HTMLDivElement>(null);
  const caretRef = useRef<HTMLSpanElement>(null);
  const last = useRef('');
  const composing = useRef(false);
  const pendingResync = useRef(false);
  const [text, setText] = useState(() => binding.get());
  const [menu, setMenu] = useState<Menu | null>(null);
  const menuId = `completions${useId().replace(/:/g, '')}`;

  const syncScroll = useCallback(() => {
    const el = ref.current;
    const backdrop = backdropRef.current;
    if (el && backdrop) backdrop.style.transform = `translate(${-el.scrollLeft}px, ${-el.scrollTop}px)`;
  }, []);

  /** Puts the binding's text on screen, mapping the caret through `delta` when known. */
  const resync = useCallback(
    (delta: Parameters<Parameters<TextBinding['subscribe']>[0]>[0]) => {
      const el = ref.current;
      if (!el) return;
      const next = binding.get();
      if (next === el.value) {
        last.current = next;
        setText(next);
        return;
      }
      if (composing.current) {
        pendingResync.current = true;
        return;
      }
      const focused = document.activeElement === el;
      const selection = { start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0, direction: el.selectionDirection ?? 'none' };
      const known = delta ?? editToDelta(diffText(el.value, next) ?? { index: 0, deleteCount: 0, insert: '' });
      el.value = next;
      last.current = next;
      setText(next);
      if (focused) {
        const mapped = mapSelection(known, selection);
        el.setSelectionRange(mapped.start, mapped.end, mapped.direction);
      }
    },
    [binding],
  );

  useLayoutEffect(() => {
    const el = ref.current!;
    const initial = binding.get();
    el.value = initial;
    last.current = initial;
    setText(initial);
    return binding.subscribe((delta) => resync(last.current === ref.current?.value ? delta : null));
  }, [binding, resync]);

  useLayoutEffect(syncScroll, [text, syncScroll]);

  const refreshMenu = useCallback(
    (open: boolean) => {
      const el = ref.current;
      if (!expression || !completionData || !el || document.activeElement !== el || el.selectionStart !== el.selectionEnd) return setMenu(null);
      const caret = el.selectionStart ?? 0;
      const at = expressionAtCaret(el.value, caret);
      if (!at) return setMenu(null);
      setMenu((current) => {
        if (!current && !open) return null;
        const result = completeExpression(at.source, completionData());
        if (!result || (result.options.length === 0 && !result.hint)) return null;
        const keep = current && current.offset === at.offset && current.result.from === result.from ? Math.min(current.selected, result.options.length - 1) : 0;
        return { result, offset: at.offset, selected: Math.max(0, keep) };
      });
    },
    [expression, completionData],
  );

  /** Applies an edit made by the editor itself (a completion, an auto-closed brace) to screen and document. */
  const commit = (edit: TextEdit, caretAfter: number) => {
    const el = ref.current!;
    el.setRangeText(edit.insert, edit.index, edit.index + edit.deleteCount, 'end');
    el.setSelectionRange(caretAfter, caretAfter);
    last.current = el.value;
    setText(el.value);
    binding.apply(edit);
  };

  const autoClose = (typed: string) => {
    const el = ref.current!;
    const extra = autoCloseEdit(el.value, el.selectionStart ?? 0, typed);
    if (extra) commit(extra.edit, extra.caret);
  };

  const onInput = () => {
    const el = ref.current!;
    const edit = diffText(last.current, el.value, el.selectionEnd ?? undefined);
    if (!edit) return;
    last.current = el.value;
    setText(el.value);
    binding.apply(edit);
    if (composing.current) return;
    if (expression && edit.deleteCount === 0) autoClose(edit.insert);
    refreshMenu(true);
  };

  const accept = (option: Completion) => {
    const el = ref.current;
    if (!el || !menu) return;
    const caret = el.selectionStart ?? 0;
    const from = menu.offset + completionFrom(menu.result, option);
    commit({ index: from, deleteCount: caret - from, insert: option.apply }, from + (option.caret ?? option.apply.length));
    setMenu(null);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === ' ') {
      event.preventDefault();
      refreshMenu(true);
      return;
    }
    if (!menu) return;
    const count = menu.result.options.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (count === 0) return;
        event.preventDefault();
        setMenu({ ...menu, selected: (menu.selected + (event.key === 'ArrowDown' ? 1 : count - 1)) % count });
        return;
      case 'Enter':
      case 'Tab': {
        const option = menu.result.options[menu.selected];
        if (!option) return;
        event.preventDefault();
        accept(option);
        return;
      }
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        setMenu(null);
    }
  };

  // Close the list when the page scrolls under it or the window resizes.
  useEffect(() => {
    if (!menu) return;
    const close = (event: Event) => {
      if (event.target instanceof Node && document.getElementById(menuId)?.contains(event.target)) return;
      setMenu(null);
    };
    window.addEventListener('scroll', close, true);
    window.addEventListener('resize', close);
    return () => {
      window.removeEventListener('scroll', close, true);
      window.removeEventListener('resize', close);
    };
  }, [menu, menuId]);

  const segments = useMemo(() => (expression && text.includes('{{') ? splitExpressions(text) : null), [expression, text]);
  const invalid = segments?.find((s) => s.kind === 'expression' && s.error);
  const caretAt = menu ? (ref.current?.selectionStart ?? null) : null;
  const Control = multiline ? 'textarea' : 'input';

  return (
    <div className={cn(controlFrame, 'relative min-w-0', multiline ? null : 'h-8')} data-has-expression={segments ? 'true' : undefined}>
      {expression ? (
        <div aria-hidden className="pointer-events-none absolute inset-0 overflow-hidden rounded-md">
          <div
            ref={backdropRef}
            className={cn(
              TEXT_LAYOUT,
              mono && 'font-mono',
              'text-transparent',
              multiline ? 'py-1.5 leading-5 break-words whitespace-pre-wrap [scrollbar-gutter:stable]' : 'leading-[30px] whitespace-pre',
            )}
          >
            {renderLayer(text, segments, caretAt, caretRef)}
            {multiline ? '\u200b' : null}
          </div>
        </div>
      ) : null}
      <Control
        ref={ref}
        {...aria}
        spellCheck={multiline && !mono}
        autoComplete="off"
        title={invalid?.error}
        onChange={onInput}
        onSelect={() => menu && refreshMenu(false)}
        onKeyDown={onKeyDown}
        onBlur={() => setMenu(null)}
        onScroll={syncScroll}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => {
          composing.current = false;
          onInput();
          if (pendingResync.current) {
            pendingResync.current = false;
            resync(null);
          }
        }}
        {...(menu && !multiline ? { role: 'combobox', 'aria-expanded': true, 'aria-controls': menuId, 'aria-autocomplete': 'list' as const } : {})}
        {...(menu?.result.options[menu.selected] ? { 'aria-activedescendant': `${menuId}-${menu.selected}` } : {})}
        className={cn(
          TEXT_LAYOUT,
          mono && 'font-mono',
          'relative block w-full bg-transparent text-fg outline-none placeholder:text-faint disabled:cursor-not-allowed',
          multiline ? 'max-h-80 min-h-16 resize-none py-1.5 leading-5 [field-sizing:content] [scrollbar-gutter:stable]' : 'h-full leading-5',
        )}
      />
      {menu ? (
        <CompletionMenu
          id={menuId}
          anchor={caretRef.current ?? ref.current}
          result={menu.result}
          selected={menu.selected}
          onHover={(selected) => setMenu({ ...menu, selected })}
          onPick={accept}
        />
      ) : null}
      {invalid ? (
        <span className="sr-only" role="status">
          {`Expression error: ${invalid.error}`}
        </span>
      ) : null}
    </div>
  );
}

const SEGMENT_STYLE = {
  ok: 'rounded-[3px] bg-accent/15 shadow-[0_0_0_1px] shadow-accent/30',
  error: 'rounded-[3px] bg-danger/15 shadow-[0_0_0_1px] shadow-danger/45',
};

/** The painted layer: block backgrounds at the text's exact positions, plus a caret marker for anchoring the list. */
function renderLayer(text: string, segments: Segment[] | null, caretAt: number | null, caretRef: React.RefObject<HTMLSpanElement | null>): ReactNode[] {
  const pieces: ReactNode[] = [];
  const marker = <span key="caret" ref={caretRef} />;
  const parts = segments ?? [{ kind: 'text' as const, from: 0, to: text.length }];
  parts.forEach((segment, index) => {
    const style = segment.kind === 'expression' ? (segment.error ? SEGMENT_STYLE.error : SEGMENT_STYLE.ok) : undefined;
    const inside = caretAt !== null && caretAt >= segment.from && caretAt < segment.to;
    if (caretAt === segment.from) pieces.push(marker);
    if (inside && caretAt !== segment.from) {
      pieces.push(
        <span key={`${index}a`} className={style}>
          {text.slice(segment.from, caretAt)}
        </span>,
        marker,
        <span key={`${index}b`} className={style}>
          {text.slice(caretAt, segment.to)}
        </span>,
      );
    } else {
      pieces.push(
        <span key={index} className={style}>
          {text.slice(segment.from, segment.to)}
        </span>,
      );
    }
  });
  if (caretAt !== null && caretAt >= text.length && !pieces.includes(marker)) pieces.push(marker);
  return pieces;
}
