'use client';

import { cn } from '../../../lib/cn.ts';
import type { FieldRow } from './field-rows.ts';
import type { LineDiffRow } from './line-diff.ts';

const GROUP_LABEL: Record<FieldRow['group'], string | null> = { node: null, params: null, settings: 'setting' };

/** The changed fields of one node: short values as before → after, long text as a line diff. */
export function FieldDiff({ rows }: { rows: readonly FieldRow[] }) {
  return (
    <dl className="flex flex-col gap-2.5" data-testid="field-diff">
      {rows.map((row) => (
        <div key={row.path} className="min-w-0" data-testid={`field-diff-${row.path}`}>
          <dt className="mb-1 flex items-center gap-1.5 text-[11px] text-muted">
            <span className="font-mono font-medium text-fg">{row.label}</span>
            {GROUP_LABEL[row.group] ? <span className="text-faint">{GROUP_LABEL[row.group]}</span> : null}
            {row.kind !== 'changed' ? <span className="text-faint">· {row.kind}</span> : null}
          </dt>
          <dd className="min-w-0">{row.lines ? <LineDiff lines={row.lines} /> : <ValueChange row={row} />}</dd>
        </div>
      ))}
    </dl>
  );
}

function ValueChange({ row }: { row: FieldRow }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5 font-mono text-xs leading-5">
      {row.before !== undefined ? (
        <del className="max-w-full rounded bg-danger-soft px-1.5 break-all text-danger-text decoration-danger-text/40">
          <span className="sr-only">was </span>
          {row.before}
        </del>
      ) : null}
      {row.before !== undefined && row.after !== undefined ? (
        <span className="text-faint" aria-hidden>
          →
        </span>
      ) : null}
      {row.after !== undefined ? (
        <ins className="max-w-full rounded bg-success-soft px-1.5 break-all text-success-text no-underline">
          <span className="sr-only">now </span>
          {row.after}
        </ins>
      ) : null}
    </div>
  );
}

const LINE_STYLE = {
  same: 'text-muted',
  added: 'bg-success-soft text-success-text',
  removed: 'bg-danger-soft text-danger-text',
} as const;
const LINE_SIGN = { same: ' ', added: '+', removed: '−' } as const;

function LineDiff({ lines }: { lines: readonly LineDiffRow[] }) {
  return (
    <div className="max-h-64 overflow-auto rounded-md border border-line bg-subtle/60 py-1 font-mono text-[11px] leading-[18px]" role="group" aria-label="Line changes">
      {lines.map((line, i) =>
        line.op === 'fold' ? (
          <div key={i} className="px-2 text-faint select-none">
            ⋯ {line.count} unchanged {line.count === 1 ? 'line' : 'lines'}
          </div>
        ) : (
          <div key={i} className={cn('flex px-2 whitespace-pre-wrap break-all', LINE_STYLE[line.op])}>
            <span className="w-3 shrink-0 select-none" aria-hidden>
              {LINE_SIGN[line.op]}
            </span>
            {line.op === 'same' ? null : <span className="sr-only">{line.op}: </span>}
            <span>{line.text || ' '}</span>
          </div>
        ),
      )}
    </div>
  );
}
