'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ArrowLeftIcon, ArrowRightIcon, ChevronDownIcon, MoreIcon, PencilIcon, PlusIcon, SearchIcon, TrashIcon, XIcon } from '../../components/Icons.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../components/Menu.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { useToast } from '../../components/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { cellKind, formatCell } from './cell-values.ts';
import { parseFilterQuery } from './filter-query.ts';
import { RowEditorDialog, type EditedRow } from './RowEditorDialog.tsx';

export const PAGE_SIZE = 50;
type TableSummary = RouterOutputs['dataTable']['list'][number];
type Sort = { field: string; direction: 'asc' | 'desc' } | null;

type Props = {
  workspaceId: string;
  table: TableSummary;
  canEdit: boolean;
  onRename: () => void;
  onDelete: () => void;
};

/** One table: filter box, sortable paged grid of its rows, and adding, editing and deleting rows. */
export function TableRowsPanel({ workspaceId, table, canEdit, onRename, onDelete }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const filterRef = useRef<HTMLInputElement>(null);
  const [filterText, setFilterText] = useState('');
  const query = parseFilterQuery(useDebouncedValue(filterText, 250));
  const [sort, setSort] = useState<Sort>(null);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<EditedRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<EditedRow | null>(null);


  const rows = useQuery(
    trpc.dataTable.rows.queryOptions(
      {
        workspaceId,
        tableId: table.id,
        offset,
        limit: PAGE_SIZE,
        ...(query.filters.length ? { filters: query.filters } : {}),
        ...(query.search ? { search: query.search } : {}),
        ...(sort ? { orderBy: sort } : {}),
      },
      { placeholderData: keepPreviousData },
    ),
  );

  const refresh = () => queryClient.invalidateQueries(trpc.dataTable.pathFilter());
  const insert = useMutation(trpc.dataTable.insertRow.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.dataTable.updateRow.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.dataTable.deleteRow.mutationOptions({ onSuccess: refresh }));

  const columns = rows.data?.columns ?? table.columns;
  const total = rows.data?.total ?? 0;
  const page = rows.data?.rows ?? [];
  const filtering = query.filters.length > 0 || query.search !== '';

  // A new filter or sort starts again at the first page.
  const changeFilter = (text: string) => {
    setFilterText(text);
    setOffset(0);
  };
  const toggleSort = (field: string) => {
    setSort((s) => (s?.field !== field ? { field, direction: 'asc' } : s.direction === 'asc' ? { field, direction: 'desc' } : null));
    setOffset(0);
  };

  return (
    <section aria-labelledby="table-title" className="flex min-w-0 flex-col rounded-xl border border-line bg-surface shadow-card" data-testid="table-panel" data-table-id={table.id}>
      <header className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 id="table-title" className="truncate text-sm font-semibold text-fg" data-testid="table-title">
            {table.name}
          </h2>
          <p className="text-xs text-faint" data-testid="table-row-count">
            {table.rowCount.toLocaleString()} {table.rowCount === 1 ? 'row' : 'rows'} · {columns.length} {columns.length === 1 ? 'column' : 'columns'}
          </p>
        </div>
        {canEdit ? (
          <>
            <Button variant="primary" size="sm" icon={<PlusIcon size={14} />} onClick={() => setEditing('new')} data-testid="add-row">
              Add row
            </Button>
            <Menu
              label={`Actions for table ${table.name}`}
              align="end"
              width={200}
              triggerTestId="table-actions"
              triggerClassName="flex size-8 items-center justify-center rounded-md text-faint transition-colors hover:bg-hover hover:text-fg aria-expanded:bg-hover aria-expanded:text-fg"
              trigger={<MoreIcon size={16} />}
            >
              <MenuItem icon={<PencilIcon size={14} />} onSelect={onRename} data-testid="action-rename-table">
                Rename
              </MenuItem>
              <MenuSeparator />
              <MenuItem tone="danger" icon={<TrashIcon size={14} />} onSelect={onDelete} data-testid="action-delete-table">
                Delete table…
              </MenuItem>
            </Menu>
          </>
        ) : (
          <Badge>Read only</Badge>
        )}
      </header>

      <div className={cn('border-b border-line px-4 py-2.5', table.rowCount === 0 && !filterText && 'hidden')}>
        <div className="relative">
          <SearchIcon size={15} className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-faint" />
          <input
            ref={filterRef}
            type="search"
            value={filterText}
            onChange={(e) => changeFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && filterText) {
                e.preventDefault();
                changeFilter('');
              }
            }}
            placeholder="Filter: text, or stage = replied, score > 10, email ~ acme, phone exists"
            aria-label="Filter rows"
            aria-describedby="table-filter-summary"
            maxLength={200}
            data-testid="table-filter"
            className="h-8 w-full rounded-md border border-line-strong bg-surface pr-9 pl-9 text-[13px] text-fg placeholder:text-faint focus:border-accent focus:ring-3 focus:ring-accent/20 focus:outline-none [&::-webkit-search-cancel-button]:hidden"
          />
          <span className="absolute top-1/2 right-2 flex -translate-y-1/2 items-center">
            {rows.isFetching && !rows.isPending ? (
              <Spinner size={14} className="mr-1 text-faint" />
            ) : filterText ? (
              <button
                type="button"
                onClick={() => {
                  changeFilter('');
                  filterRef.current?.focus();
                }}
                className="rounded p-1 text-faint hover:text-fg"
                aria-label="Clear filter"
              >
                <XIcon size={14} />
              </button>
            ) : null}
          </span>
        </div>
        <p id="table-filter-summary" className="mt-1.5 text-xs text-faint empty:hidden" data-testid="table-filter-summary" aria-live="polite">
          {query.summary}
        </p>
      </div>

      {rows.isError ? (
        <div className="p-4">
          <Alert tone="error">{errorMessage(rows.error)}</Alert>
        </div>
      ) : rows.isPending ? (
        <div className="flex justify-center py-16">
          <Spinner label="Loading rows" />
        </div>
      ) : page.length === 0 ? (
        <div className="px-6 py-14 text-center" data-testid="rows-empty">
          <p className="text-[13px] font-medium text-fg">{filtering ? 'No rows match' : 'No rows yet'}</p>
          <p className="mt-1 text-[13px] text-muted">
            {filtering
              ? 'Try another filter, or clear it to see every row.'
              : canEdit
                ? 'Add one here, or let a workflow write to this table with a Data Table node.'
                : 'Workflows fill this table through Data Table nodes.'}
          </p>
        </div>
      ) : (
        <div className="max-h-[calc(100dvh-20rem)] min-h-40 overflow-auto" data-testid="rows-grid">
          <table className="w-full border-separate border-spacing-0 text-[13px]">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c}
                    scope="col"
                    aria-sort={sort?.field === c ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                    className="sticky top-0 z-10 border-b border-line bg-subtle px-0 text-left font-medium whitespace-nowrap text-muted"
                  >
                    <button
                      type="button"
                      onClick={() => toggleSort(c)}
                      data-testid="column-header"
                      data-column={c}
                      title={`Sort by ${c}`}
                      className="group flex w-full items-center gap-1 px-3 py-2 text-left hover:text-fg"
                    >
                      <span className="max-w-48 truncate font-mono text-[12px]">{c}</span>
                      <ChevronDownIcon
                        size={12}
                        className={cn(
                          'shrink-0 transition-transform',
                          sort?.field === c ? 'text-accent-text' : 'text-transparent group-hover:text-faint',
                          sort?.field === c && sort.direction === 'asc' && 'rotate-180',
                        )}
                      />
                    </button>
                  </th>
                ))}
                <th scope="col" className="sticky top-0 z-10 border-b border-line bg-subtle px-3 py-2 text-left font-medium whitespace-nowrap text-muted">
                  Updated
                </th>
                {canEdit ? (
                  <th scope="col" className="sticky top-0 right-0 z-10 w-16 border-b border-l border-line bg-subtle px-2 py-2">
                    <span className="sr-only">Row actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {page.map((row) => (
                <tr
                  key={row.id}
                  className="group cursor-pointer hover:bg-subtle"
                  onClick={() => setEditing(row)}
                  data-testid="row"
                  data-row-id={row.id}
                >
                  {columns.map((c) => {
                    const value = row.data[c];
                    const kind = cellKind(value);
                    const text = formatCell(value);
                    return (
                      <td
                        key={c}
                        data-testid="cell"
                        data-column={c}
                        title={text.length > 40 ? text : undefined}
                        className={cn(
                          'max-w-72 truncate border-b border-line px-3 py-2',
                          kind === 'number' && 'text-right font-mono text-[12px] tabular-nums',
                          kind === 'json' && 'font-mono text-[12px] text-muted',
                          (kind === 'null' || kind === 'boolean') && 'font-mono text-[12px] text-accent-text',
                          kind === 'empty' && 'text-faint',
                        )}
                      >
                        {kind === 'empty' ? '—' : text}
                      </td>
                    );
                  })}
                  <td className="border-b border-line px-3 py-2 whitespace-nowrap text-faint" title={formatDateTime(new Date(row.updatedAt))}>
                    {formatRelative(new Date(row.updatedAt))}
                  </td>
                  {canEdit ? (
                    <td className="sticky right-0 border-b border-l border-line bg-surface px-1 py-1 group-hover:bg-subtle">
                      <div className="flex justify-end gap-0.5">
                        <button
                          type="button"
                          onClick={(e) => {
                            e.stopPropagation();
                            setEditing(row);
                          }}
                          aria-label="Edit row"
                          data-testid="row-edit"
                          className="flex size-7 items-center justify-center rounded-md text-faint hover:bg-hover hover:text-fg"
                        >
                          <PencilIcon size={14} />
                        </button>
                        <button
                          type="button"
                          onClick={(e) => {
                            e.stopPropagation();
                            setDeleting(row);
                          }}
                          aria-label="Delete row"
                          data-testid="row-delete"
                          className="flex size-7 items-center justify-center rounded-md text-faint hover:bg-danger-soft hover:text-danger-text"
                        >
                          <TrashIcon size={14} />
                        </button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {total > 0 ? (
        <footer className="flex items-center justify-between gap-3 border-t border-line px-4 py-2 text-xs text-muted">
          <span data-testid="rows-range" className="tabular-nums">
            {(offset + 1).toLocaleString()}–{Math.min(offset + PAGE_SIZE, total).toLocaleString()} of {total.toLocaleString()}
            {filtering ? ' matching' : ''}
          </span>
          <div className="flex gap-1">
            <Button variant="ghost" size="icon-sm" aria-label="Previous page" disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PAGE_SIZE))} data-testid="page-prev">
              <ArrowLeftIcon size={14} />
            </Button>
            <Button variant="ghost" size="icon-sm" aria-label="Next page" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset((o) => o + PAGE_SIZE)} data-testid="page-next">
              <ArrowRightIcon size={14} />
            </Button>
          </div>
        </footer>
      ) : null}

      {editing ? (
        <RowEditorDialog
          key={editing === 'new' ? 'new' : editing.id}
          open
          onClose={() => setEditing(null)}
          row={editing === 'new' ? undefined : editing}
          columns={columns}
          readOnly={!canEdit}
          onSave={async (data) => {
            if (editing === 'new') {
              await insert.mutateAsync({ workspaceId, tableId: table.id, data });
              toast({ tone: 'success', title: 'Row added' });
            } else {
              await update.mutateAsync({ workspaceId, tableId: table.id, rowId: editing.id, data });
              toast({ tone: 'success', title: 'Row saved' });
            }
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this row?"
        description="It is removed from the table at once. Workflows that look it up will no longer find it."
        confirmLabel="Delete row"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ workspaceId, tableId: table.id, rowId: deleting.id });
          // The last row of a later page: go back a page rather than show an empty one.
          if (page.length === 1 && offset > 0) setOffset(Math.max(0, offset - PAGE_SIZE));
          toast({ tone: 'success', title: 'Row deleted' });
        }}
      />
    </section>
  );
}
