'use client';

import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Button } from '../../../components/Button.tsx';
import { SearchIcon, XIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import { canvasBridgeOf, NODE_TYPE_MIME } from '../canvas/canvas-bridge.ts';
import { PanelLeftIcon } from '../canvas/canvas-icons.tsx';
import { tintOf } from '../canvas/category-style.ts';
import { NodeTypeIcon } from '../canvas/NodeTypeIcon.tsx';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { groupNodeTypes } from './palette-groups.ts';

/**
 * The node types, searchable and grouped by category. Drag one onto the canvas to drop it
 * there, or click (or press Enter) to add it in the middle of the view. Viewers can browse it.
 */
export function NodePalette() {
  const session = useEditorSession();
  const viewingDoc = useEditorStore((s) => s.view.kind === 'doc');
  const setPaletteOpen = useEditorStore((s) => s.setPaletteOpen);
  const canEdit = !session.readOnly && viewingDoc;
  const [query, setQuery] = useState('');
  const list = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => groupNodeTypes(session.nodeTypes.values(), query), [session.nodeTypes, query]);

  const add = (type: string) => {
    if (canEdit) canvasBridgeOf(session.doc)?.addNodeOfType(type);
  };

  const items = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('[data-palette-item]') ?? [])];
  const moveFocus = (event: KeyboardEvent, from: HTMLElement | null) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = items();
    if (all.length === 0) return;
    event.preventDefault();
    const index = from ? all.indexOf(from as HTMLButtonElement) : -1;
    const next = event.key === 'ArrowDown' ? Math.min(all.length - 1, index + 1) : index - 1;
    if (next < 0) document.querySelector<HTMLInputElement>('[data-testid="palette-search"]')?.focus();
    else all[next]?.focus();
  };

  return (
    <aside className="flex w-[240px] shrink-0 flex-col border-r border-line bg-surface" aria-label="Node palette" data-testid="palette">
      <div className="flex h-10 shrink-0 items-center justify-between gap-2 border-b border-line pr-1.5 pl-3">
        <h2 className="text-[13px] font-semibold text-fg">Nodes</h2>
        <Button variant="ghost" size="icon-sm" aria-label="Hide node palette" title="Hide node palette" onClick={() => setPaletteOpen(false)} data-testid="palette-close">
          <PanelLeftIcon size={15} />
        </Button>
      </div>
      <div className="shrink-0 p-2">
        <label className="relative block">
          <span className="sr-only">Search nodes</span>
          <SearchIcon size={14} className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-faint" />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                const first = groups[0]?.items[0];
                if (first) add(first.type);
              } else if (e.key === 'Escape') {
                if (query) setQuery('');
                else e.currentTarget.blur();
              } else moveFocus(e, null);
            }}
            placeholder="Search nodes…"
            autoComplete="off"
            spellCheck={false}
            data-testid="palette-search"
            className="h-8 w-full rounded-md border border-line-strong bg-surface pr-7 pl-8 text-[13px] text-fg placeholder:text-faint focus:border-accent focus:ring-3 focus:ring-accent/20 focus:outline-none [&::-webkit-search-cancel-button]:hidden"
          />
          {query ? (
            <button
              type="button"
              onClick={() => setQuery('')}
              className="absolute top-1/2 right-1.5 flex size-5 -translate-y-1/2 items-center justify-center rounded text-faint hover:bg-hover hover:text-fg"
              aria-label="Clear search"
            >
              <XIcon size={12} />
            </button>
          ) : null}
        </label>
      </div>
      <div ref={list} className="min-h-0 flex-1 overflow-y-auto px-2 pb-3" onKeyDown={(e) => moveFocus(e, document.activeElement as HTMLElement)}>
        {groups.length === 0 ? (
          <p className="px-2 py-6 text-center text-[13px] text-muted" data-testid="palette-empty">
            No node matches “{query}”.
          </p>
        ) : (
          groups.map((group) => (
            <section key={group.category} aria-label={group.label} className="mt-2 first:mt-0">
              <h3 className="px-2 pt-1 pb-1 text-[11px] font-semibold tracking-wide text-faint uppercase">{group.label}</h3>
              <ul className="flex flex-col gap-px">
                {group.items.map((item) => (
                  <li key={item.type}>
                    <PaletteItem description={item} canEdit={canEdit} onAdd={add} />
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
      <p className="shrink-0 border-t border-line px-3 py-2 text-[11px] leading-snug text-faint">
        {canEdit ? 'Drag onto the canvas, or click to add.' : session.readOnly ? 'View only: you cannot add nodes.' : 'Showing a past version: nodes cannot be added.'}
      </p>
    </aside>
  );
}

function PaletteItem({ description, canEdit, onAdd }: { description: NodeTypeDescription; canEdit: boolean; onAdd: (type: string) => void }) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(NODE_TYPE_MIME, description.type);
    event.dataTransfer.setData('text/plain', description.displayName);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <button
      type="button"
      draggable={canEdit}
      onDragStart={canEdit ? onDragStart : undefined}
      onClick={() => onAdd(description.type)}
      disabled={!canEdit}
      data-palette-item
      data-testid={`palette-item-${description.type}`}
      title={description.description || description.displayName}
      aria-label={`Add ${description.displayName}`}
      className={cn(
        'group flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left transition-colors',
        canEdit ? 'cursor-grab hover:bg-hover active:cursor-grabbing' : 'cursor-default opacity-70',
        'focus-visible:outline-2 focus-visible:-outline-offset-2',
      )}
    >
      <span
        className={cn('flex size-7 shrink-0 items-center justify-center rounded-md leading-none', tintOf(description.category))}
        aria-hidden
      >
        <NodeTypeIcon description={description} fallbackName={description.displayName} size={15} />
      </span>
      <span className="flex min-w-0 flex-col">
        <span className="truncate text-[13px] font-medium text-fg">{description.displayName}</span>
        {description.description ? <span className="truncate text-[11px] leading-4 text-muted">{description.description}</span> : null}
      </span>
    </button>
  );
}
