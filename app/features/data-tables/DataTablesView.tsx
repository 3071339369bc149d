'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { useToast } from '../../components/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useWorkspace } from '../shell/WorkspaceContext.tsx';
import { TableIcon } from './TableIcon.tsx';
import { TableNameDialog } from './TableNameDialog.tsx';
import { TableRowsPanel } from './TableRowsPanel.tsx';

/**
 * The workspace's data tables: the list on the left, the open table (`?t=<id>`, else the
 * first) on the right. Editors create, rename and delete tables and edit rows; viewers browse.
 */
export function DataTablesView() {
  const { workspace, canEdit } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [naming, setNaming] = useState<'create' | 'rename' | null>(null);
  const [deleting, setDeleting] = useState(false);

  const tables = useQuery(trpc.dataTable.list.queryOptions({ workspaceId: workspace.id }));
  const list = tables.data ?? [];
  const wanted = params.get('t');
  const open = list.find((t) => t.id === wanted) ?? list[0] ?? null;
  const remove = useMutation(trpc.dataTable.delete.mutationOptions());

  const select = (tableId: string | null) => router.replace(tableId ? `${pathname}?t=${encodeURIComponent(tableId)}` : pathname, { scroll: false });

  const newButton = (
    <Button variant="primary" icon={<PlusIcon size={14} />} onClick={() => setNaming('create')} data-testid="new-table">
      New table
    </Button>
  );

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6 px-4 py-8 sm:px-8" data-testid="data-tables-page">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-fg">Data tables</h1>
          <p className="mt-1 text-[13px] text-muted">
            Tables in {workspace.name} that workflows read and write with Data Table nodes: contacts, leads, anything to remember between runs.
          </p>
        </div>
        {canEdit && list.length > 0 ? newButton : null}
      </div>

      {tables.isPending ? (
        <div className="flex justify-center py-20">
          <Spinner label="Loading tables" />
        </div>
      ) : tables.isError ? (
        <Alert tone="error">{errorMessage(tables.error)}</Alert>
      ) : list.length === 0 ? (
        <div className="rounded-xl border border-line bg-surface shadow-card">
          <EmptyState icon={<TableIcon size={20} />} title="No data tables yet" actions={canEdit ? newButton : undefined} data-testid="empty-tables">
            A workflow creates a table the first time a Data Table node inserts or upserts into it.{canEdit ? ' You can also create one here and fill it by hand.' : ''}
          </EmptyState>
        </div>
      ) : (
        <div className="grid items-start gap-6 md:grid-cols-[220px_minmax(0,1fr)]">
          <nav aria-label="Data tables" className="flex flex-col gap-0.5 max-md:flex-row max-md:overflow-x-auto" data-testid="table-list">
            {list.map((t) => {
              const active = t.id === open?.id;
              return (
                <button
                  key={t.id}
                  type="button"
                  onClick={() => select(t.id)}
                  aria-current={active ? 'page' : undefined}
                  data-testid="table-item"
                  data-table-name={t.name}
                  className={cn(
                    'flex min-w-0 shrink-0 items-center gap-2.5 rounded-md px-2.5 py-1.5 text-left text-[13px] transition-colors',
                    active ? 'bg-hover font-medium text-fg' : 'text-muted hover:bg-hover hover:text-fg',
                  )}
                >
                  <TableIcon size={14} className={active ? 'shrink-0 text-accent-text' : 'shrink-0 text-faint'} />
                  <span className="min-w-0 flex-1 truncate">{t.name}</span>
                  <span className="text-xs text-faint tabular-nums">{t.rowCount.toLocaleString()}</span>
                </button>
              );
            })}
          </nav>
          {open ? (
            <TableRowsPanel
              key={open.id}
              workspaceId={workspace.id}
              table={open}
              canEdit={canEdit}
              onRename={() => setNaming('rename')}
              onDelete={() => setDeleting(true)}
            />
          ) : null}
        </div>
      )}

      {naming ? (
        <TableNameDialog
          key={naming === 'rename' ? `rename-${open?.id}` : 'create'}
          open
          onClose={() => setNaming(null)}
          workspaceId={workspace.id}
          table={naming === 'rename' && open ? { id: open.id, name: open.name } : undefined}
          onDone={(t) => {
            toast({ tone: 'success', title: naming === 'rename' ? `Renamed to “${t.name}”` : `Created “${t.name}”` });
            select(t.id);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting && open !== null}
        onClose={() => setDeleting(false)}
        title={`Delete “${open?.name ?? ''}”?`}
        description={`Its ${open?.rowCount.toLocaleString() ?? 0} rows are deleted for good. Data Table nodes that use it will fail until a workflow writes to it again.`}
        confirmLabel="Delete table"
        onConfirm={async () => {
          if (!open) return;
          await remove.mutateAsync({ workspaceId: workspace.id, tableId: open.id });
          await queryClient.invalidateQueries(trpc.dataTable.pathFilter());
          toast({ tone: 'success', title: `Deleted “${open.name}”` });
          select(null);
        }}
      />
    </div>
  );
}
