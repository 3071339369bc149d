'use client';

import { useState, type ReactNode } from 'react';
import { cn } from '../../../lib/cn.ts';
import { ChevronRightIcon } from './run-icons.tsx';

/** Children shown per "more" click: a 10 000-item array renders a page at a time. */
const PAGE = 100;
const LONG_STRING = 400;

/**
 * A collapsible JSON viewer. Collapsed branches render nothing below them, so big outputs cost
 * only what is opened; long arrays and objects page in by PAGE.
 */
export function JsonTree({ value, rootLabel, expandDepth = 2 }: { value: unknown; rootLabel?: string; expandDepth?: number }) {
  return (
    <div className="font-mono text-[12px] leading-[1.6]" role="tree" aria-label={rootLabel ?? 'JSON'}>
      <JsonNode name={rootLabel} value={value} depth={0} expandDepth={expandDepth} />
    </div>
  );
}

function JsonNode({ name, value, depth, expandDepth }: { name?: string | undefined; value: unknown; depth: number; expandDepth: number }) {
  const branch = value !== null && typeof value === 'object';
  const entries = branch ? (Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)) : [];
  const [open, setOpen] = useState(depth < expandDepth && entries.length <= 200);
  const [shown, setShown] = useState(PAGE);
  const label = name !== undefined ? <span className={/^\d+$/.test(name) ? 'text-faint' : 'text-fg'}>{name}</span> : null;
  const indent = { paddingLeft: depth === 0 ? 0 : 14 };

  if (!branch) {
    return (
      <div role="treeitem" aria-selected={false} style={indent} className="flex min-w-0 gap-1.5 pl-[18px]">
        {label ? <span className="shrink-0">{label}:</span> : null}
        <Primitive value={value} />
      </div>
    );
  }

  const isArray = Array.isArray(value);
  const summary = isArray ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <div role="treeitem" aria-expanded={open} aria-selected={false} style={indent}>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        className="flex max-w-full items-center gap-1 rounded text-left hover:bg-hover"
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'value'}`}
      >
        <ChevronRightIcon size={12} className={cn('shrink-0 text-faint transition-transform', open && 'rotate-90')} />
        {label ? <span className="shrink-0">{label}:</span> : null}
        <span className="truncate text-faint">
          {summary}
          {!open && entries.length > 0 ? ` ${preview(value)}` : ''}
        </span>
      </button>
      {open ? (
        <div role="group" className="ml-[5px] border-l border-line/70 pl-0.5">
          {entries.slice(0, shown).map(([key, child]) => (
            <JsonNode key={key} name={key} value={child} depth={depth + 1} expandDepth={expandDepth} />
          ))}
          {entries.length > shown ? (
            <MoreButton onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, entries.length - shown)} more of {entries.length - shown}
            </MoreButton>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Primitive({ value }: { value: unknown }) {
  const [full, setFull] = useState(false);
  if (typeof value === 'string') {
    const long = value.length > LONG_STRING && !full;
    return (
      <span className="min-w-0 break-all whitespace-pre-wrap text-success-text">
        &quot;{long ? value.slice(0, LONG_STRING) : value}
        {long ? (
          <button type="button" onClick={() => setFull(true)} className="mx-1 rounded bg-subtle px-1 text-[11px] text-muted hover:text-fg">
            … {value.length - LONG_STRING} more
          </button>
        ) : null}
        &quot;
      </span>
    );
  }
  if (typeof value === 'number') return <span className="text-accent-text">{String(value)}</span>;
  if (typeof value === 'boolean' || value === null) return <span className="text-warning-text">{String(value)}</span>;
  return <span className="text-faint">{String(value)}</span>;
}

function MoreButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="ml-[18px] rounded px-1 text-[11px] text-accent-text hover:bg-accent-soft">
      {children}
    </button>
  );
}

/** A one-line hint of a collapsed branch: its first keys or values. */
function preview(value: object): string {
  const text = Array.isArray(value)
    ? value
        .slice(0, 3)
        .map((v) => short(v))
        .join(', ')
    : Object.entries(value)
        .slice(0, 3)
        .map(([k, v]) => `${k}: ${short(v)}`)
        .join(', ');
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function short(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? JSON.stringify(v.length > 24 ? `${v.slice(0, 23)}…` : v) : String(v);
  return Array.isArray(v) ? `[${v.length}]` : '{…}';
}
