'use client';

import { useMemo, useState } from 'react';
import { cellText, jsonOf, tableColumns } from './item-table.ts';

const PAGE = 100;

/** Items as rows, their top-level keys as columns; nested values as compact JSON. */
export function ItemsTable({ items }: { items: readonly unknown[] }) {
  const { columns, hidden } = useMemo(() => tableColumns(items), [items]);
  const [shown, setShown] = useState(PAGE);
  if (columns.length === 0) return <p className="px-1 py-2 text-[12px] text-faint">The items have no fields.</p>;
  return (
    <div className="min-w-0">
      <div className="overflow-x-auto rounded-md border border-line">
        <table className="w-full border-collapse text-left font-mono text-[12px]" data-testid="inspector-table">
          <thead className="sticky top-0 bg-subtle">
            <tr>
              <th scope="col" className="w-8 border-b border-line px-2 py-1 text-right font-medium text-faint">
                #
              </th>
              {columns.map((c) => (
                <th key={c} scope="col" className="border-b border-l border-line px-2 py-1 font-sans font-medium whitespace-nowrap text-muted">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.slice(0, shown).map((item, i) => {
              const json = jsonOf(item) ?? {};
              return (
                <tr key={i} className="even:bg-subtle/50">
                  <td className="border-t border-line px-2 py-1 text-right text-faint tabular-nums">{i}</td>
                  {columns.map((c) => {
                    const text = cellText(json[c]);
                    return (
                      <td key={c} className="max-w-72 truncate border-t border-l border-line px-2 py-1 text-fg" title={text.length > 40 ? cellText(json[c], 2000) : undefined}>
                        {json[c] === undefined ? <span className="text-faint">—</span> : text}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="mt-1 flex items-center gap-3 text-[11px] text-faint">
        {items.length > shown ? (
          <button type="button" onClick={() => setShown(shown + PAGE)} className="rounded px-1 text-accent-text hover:bg-accent-soft">
            Show {Math.min(PAGE, items.length - shown)} more of {items.length - shown}
          </button>
        ) : null}
        {hidden > 0 ? <span>{hidden} more columns not shown</span> : null}
      </div>
    </div>
  );
}
