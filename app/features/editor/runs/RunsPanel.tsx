'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Badge } from '../../../components/Badge.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { AlertIcon, MoreIcon, SparkleIcon } from '../../../components/Icons.tsx';
import { Select } from '../../../components/Input.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../../components/Menu.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { openReplay } from './replay-control.ts';
import { formatDuration, runDuration, shortRunId, statusLabel, statusTone, triggerLabel } from './run-format.ts';
import { HistoryIcon, PlayIcon, RetryIcon, StopIcon } from './run-icons.tsx';
import { isRunActive } from './run-overlay.ts';
import { useRunActions } from './use-run-actions.ts';
import { useNow } from './use-now.ts';
import { useRunsStore } from './runs-store.ts';

type RunSummary = RouterOutputs['run']['list']['items'][number];
type StatusFilter = '' | RunSummary['status'];

const FILTERS: { value: StatusFilter; label: string }[] = [
  { value: '', label: 'All runs' },
  { value: 'running', label: 'Running' },
  { value: 'queued', label: 'Queued' },
  { value: 'waiting', label: 'Waiting' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

const PAGE_SIZE = 25;

/** Run history of this workflow, newest first, updated live; a row opens the run's replay. */
export function RunsPanel() {
  const { workflowId } = useEditorSession();
  const trpc = useTRPC();
  const [filter, setFilter] = useState<StatusFilter>('');
  const list = useInfiniteQuery(
    trpc.run.list.infiniteQueryOptions(
      { workflowId, limit: PAGE_SIZE, ...(filter ? { status: [filter] } : {}) },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyActive = items.some((r) => isRunActive(r.status));
  const now = useNow(anyActive ? 1000 : 30_000);

  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <section className="flex min-h-full flex-col" data-testid="runs-panel" aria-label="Runs">
      <div className="sticky top-0 z-10 flex items-center gap-2 border-b border-line bg-surface px-3 py-2">
        <h2 className="text-[13px] font-semibold text-fg">Runs</h2>
        {list.isFetching && !list.isPending ? <Spinner size={12} className="text-faint" /> : null}
        <Select
          value={filter}
          onChange={(e) => setFilter(e.target.value as StatusFilter)}
          aria-label="Filter runs by status"
          data-testid="runs-filter"
          className="ml-auto [&_select]:h-7 [&_select]:text-[12px]"
        >
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </Select>
      </div>
      {list.isPending ? (
        <div className="flex justify-center py-10 text-faint">
          <Spinner size={18} label="Loading runs" />
        </div>
      ) : list.isError ? (
        <EmptyState icon={<AlertIcon size={18} />} title="Could not load runs">
          {errorMessage(list.error)}
        </EmptyState>
      ) : items.length === 0 ? (
        <EmptyState icon={<HistoryIcon size={18} />} title={filter ? 'No runs match' : 'No runs yet'} data-testid="runs-empty">
          {filter ? 'Try another status.' : 'Click Run to try the workflow; webhook and schedule runs show up here too.'}
        </EmptyState>
      ) : (
        <ul className="flex flex-col py-1" aria-label="Run history">
          {items.map((run) => (
            <RunRow key={run.id} run={run} now={now} />
          ))}
        </ul>
      )}
      <div ref={sentinel} className="h-6 shrink-0">
        {isFetchingNextPage ? (
          <div className="flex justify-center py-1 text-faint">
            <Spinner size={14} label="Loading more runs" />
          </div>
        ) : null}
      </div>
    </section>
  );
}

function RunRow({ run, now }: { run: RunSummary; now: number }) {
  const session = useEditorSession();
  const actions = useRunActions();
  const live = useRunsStore((s) => (s.live?.runId === run.id ? s.live : null));
  const openRunId = useRunsStore((s) => s.replay?.runId ?? null);
  // The live overlay hears about a status change before the list refetches.
  const status = live && live.runStatus !== 'queued' ? live.runStatus : run.status;
  const active = isRunActive(status);
  const duration = runDuration(run, now);
  const started = run.startedAt ?? run.queuedAt;
  const open = openRunId === run.id;
  const canEdit = !session.readOnly;

  return (
    <li
      className={cn('group relative flex items-center gap-2.5 px-3 py-2 transition-colors', open ? 'bg-accent-soft' : 'hover:bg-subtle')}
      data-testid={`run-row-${run.id}`}
      data-status={status}
      data-open={open || undefined}
    >
      <StatusDot status={status} />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-1.5">
          <button
            type="button"
            onClick={() => openReplay(session, run.id)}
            className="truncate text-left text-[13px] font-medium text-fg after:absolute after:inset-0 after:content-[''] focus-visible:outline-none"
            aria-label={`Open run ${shortRunId(run.id)} (${statusLabel(status)}, ${formatRelative(started, now)})`}
            data-testid="run-open"
          >
            {statusLabel(status)}
          </button>
          <span className="text-[12px] text-faint">· {triggerLabel(run.trigger)}</span>
          {live && active ? (
            <Badge tone="accent" className="h-4 px-1.5 text-[10px]">
              Live
            </Badge>
          ) : null}
        </div>
        <div className="mt-0.5 flex items-center gap-1.5 text-[12px] text-muted">
          <time dateTime={started.toISOString()} title={formatDateTime(started)}>
            {formatRelative(started, now)}
          </time>
          <span aria-hidden className="text-faint">
            ·
          </span>
          <span className="tabular-nums">{duration === null ? 'not started' : formatDuration(duration)}</span>
          <span aria-hidden className="text-faint">
            ·
          </span>
          <span className="font-mono text-[11px] text-faint">#{shortRunId(run.id)}</span>
        </div>
        {run.error && status === 'failed' ? <RunErrorLine error={run.error} /> : null}
      </div>
      <span className="shrink-0 rounded bg-subtle px-1.5 py-0.5 text-[11px] font-medium text-muted" title={`Ran version ${run.version.number}`}>
        v{run.version.number}
      </span>
      <div className="relative z-[1] shrink-0">
        <Menu
          label={`Actions for run ${shortRunId(run.id)}`}
          trigger={<MoreIcon size={15} />}
          triggerTestId={`run-actions-${run.id}`}
          triggerClassName="flex size-7 items-center justify-center rounded-md text-faint transition-colors hover:bg-hover hover:text-fg aria-expanded:bg-hover"
          align="end"
          width={220}
        >
          <MenuItem icon={<PlayIcon size={13} />} onSelect={() => openReplay(session, run.id)} data-testid="run-action-open">
            Open replay
          </MenuItem>
          <MenuSeparator />
          {active ? (
            <MenuItem icon={<StopIcon size={13} />} onSelect={() => actions.cancel(run.id)} disabled={!canEdit} tone="danger" data-testid="run-action-cancel">
              Cancel run
            </MenuItem>
          ) : null}
          <MenuItem icon={<RetryIcon size={13} />} onSelect={() => actions.retry(run.id)} disabled={!canEdit} hint={`v${run.version.number}`} data-testid="run-action-retry">
            Retry
          </MenuItem>
          <MenuItem icon={<RetryIcon size={13} />} onSelect={() => actions.rerunOnCurrent(run.id)} disabled={!canEdit} data-testid="run-action-rerun-current">
            Re-run on current version
          </MenuItem>
          {status === 'failed' ? (
            <MenuItem icon={<SparkleIcon size={13} />} onSelect={() => session.store.getState().askCopilot({ mode: 'fix', runId: run.id })} disabled={!canEdit} data-testid="run-action-fix-ai">
              Fix with AI
            </MenuItem>
          ) : null}
        </Menu>
      </div>
    </li>
  );
}

function RunErrorLine({ error }: { error: unknown }) {
  const message = typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : null;
  if (!message) return null;
  return (
    <p className="mt-0.5 truncate text-[12px] text-danger-text" title={message}>
      {message}
    </p>
  );
}

const DOT: Record<string, string> = {
  succeeded: 'bg-success-text',
  failed: 'bg-danger',
  running: 'bg-accent animate-pulse',
  queued: 'bg-faint',
  waiting: 'bg-warning-text',
  cancelled: 'bg-line-strong',
};

function StatusDot({ status }: { status: string }) {
  return <span aria-hidden className={cn('size-2 shrink-0 rounded-full', DOT[status] ?? 'bg-faint', statusTone(status) === 'accent' && 'ring-3 ring-accent/20')} />;
}
