'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { cn } from '../../../lib/cn.ts';
import type { Completion, CompletionKind, CompletionResult } from './expression-completions.ts';

const KIND_BADGE: Record<CompletionKind, { letter: string; className: string }> = {
  variable: { letter: '$', className: 'bg-accent-soft text-accent-text' },
  field: { letter: 'F', className: 'bg-success-soft text-success-text' },
  node: { letter: 'N', className: 'bg-warning-soft text-warning-text' },
  function: { letter: 'ƒ', className: 'bg-accent-soft text-accent-text' },
  method: { letter: 'm', className: 'bg-subtle text-muted' },
  property: { letter: 'p', className: 'bg-subtle text-muted' },
  constant: { letter: 'c', className: 'bg-subtle text-muted' },
  namespace: { letter: '{}', className: 'bg-subtle text-muted' },
};

const WIDTH = 300;

/**
 * The completion list under the caret of an expression field. It never takes focus: the field
 * keeps the keyboard (arrows, Enter/Tab, Escape) and the mouse picks without blurring it.
 */
export function CompletionMenu({
  id,
  anchor,
  result,
  selected,
  onHover,
  onPick,
}: {
  id: string;
  anchor: HTMLElement | null;
  result: CompletionResult;
  selected: number;
  onHover(index: number): void;
  onPick(option: Completion): void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    if (!anchor) return;
    const rect = anchor.getBoundingClientRect();
    const height = listRef.current?.offsetHeight ?? 0;
    let top = rect.bottom + 4;
    if (top + height > window.innerHeight - 8) top = Math.max(8, rect.top - height - 4);
    const left = Math.min(Math.max(8, rect.left - 8), window.innerWidth - WIDTH - 8);
    setPosition((p) => (p && p.top === top && p.left === left ? p : { top, left }));
  }, [anchor, result]);

  useLayoutEffect(() => {
    listRef.current?.querySelector(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const current = result.options[selected];
  return createPortal(
    <div
      ref={listRef}
      className="fixed z-50 flex flex-col overflow-hidden rounded-lg border border-line bg-surface text-fg shadow-pop"
      style={{ top: position?.top ?? -9999, left: position?.left ?? -9999, width: WIDTH }}
      onMouseDown={(event) => event.preventDefault()}
      data-testid="expression-completions"
    >
      {result.options.length > 0 ? (
        <div id={id} role="listbox" aria-label="Completions" className="max-h-56 overflow-y-auto py-1">
          {result.options.map((option, index) => {
            const badge = KIND_BADGE[option.kind];
            return (
              <div
                key={`${option.kind}:${option.label}:${option.apply}`}
                id={`${id}-${index}`}
                role="option"
                aria-selected={index === selected}
                data-index={index}
                data-testid="expression-completion"
                data-label={option.label}
                onMouseMove={() => index !== selected && onHover(index)}
                onClick={() => onPick(option)}
                className={cn('mx-1 flex h-7 cursor-pointer items-center gap-2 rounded-md px-1.5 text-[13px]', index === selected ? 'bg-accent-soft' : 'hover:bg-hover')}
              >
                <span className={cn('flex size-4.5 shrink-0 items-center justify-center rounded text-[10px] font-semibold', badge.className)} aria-hidden>
                  {badge.letter}
                </span>
                <span className="min-w-0 shrink truncate font-mono text-[12px]">{option.label}</span>
                {option.detail && option.kind === 'field' ? <span className="ml-auto min-w-0 truncate text-[11px] text-faint">{option.detail}</span> : null}
              </div>
            );
          })}
        </div>
      ) : null}
      {current && (current.info || (current.detail && current.kind !== 'field')) ? (
        <div className="border-t border-line bg-subtle/60 px-2.5 py-1.5 text-[12px]">
          {current.detail && current.kind !== 'field' ? <p className="truncate font-mono text-[11px] text-muted">{current.detail}</p> : null}
          {current.info ? <p className="mt-0.5 leading-snug text-muted">{current.info}</p> : null}
        </div>
      ) : null}
      {result.hint ? <p className="px-2.5 py-2 text-[12px] text-faint">{result.hint}</p> : null}
    </div>,
    document.body,
  );
}
