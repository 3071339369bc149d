'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { NodeField, nodesOf } from '../../../../collab/index.ts';
import { Badge } from '../../../components/Badge.tsx';
import { Button } from '../../../components/Button.tsx';
import { AlertIcon, XIcon } from '../../../components/Icons.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import type { NodeOverlay } from '../editor-store.ts';
import { useDocValue, useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { ItemsTable } from './ItemsTable.tsx';
import { JsonTree } from './JsonTree.tsx';
import { attemptsOf, errorOf, metaOf, portsOf } from './run-data.ts';
import { formatDuration, statusLabel, statusTone } from './run-format.ts';
import { BracesIcon, RetryIcon, TableIcon } from './run-icons.tsx';
import { jsonOf } from './item-table.ts';
import { isRunActive } from './run-overlay.ts';
import { useRunActions } from './use-run-actions.ts';

type DataView = 'json' | 'table';

const DEFAULT_HEIGHT = 300;
const MIN_HEIGHT = 160;

/**
 * A drawer at the bottom of the canvas with what one node received and produced in the run on
 * screen (live or replayed). Opens when a node is selected while a run overlay is painted.
 */
export function NodeInspector() {
  useInspectOnSelect();
  const nodeId = useEditorStore((s) => s.inspectNodeId);
  const overlay = useEditorStore((s) => s.overlay);
  if (nodeId === null || overlay === null) return null;
  return <InspectorDrawer key={`${overlay.runId}:${nodeId}`} nodeId={nodeId} runId={overlay.runId} node={overlay.nodes[nodeId] ?? null} />;
}

/** A click on a single node while a run is painted opens (or moves) the inspector to it. */
function useInspectOnSelect() {
  const { store } = useEditorSession();
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.selectedNodeIds === prev.selectedNodeIds || !state.overlay || state.selectedNodeIds.length !== 1) return;
        const id = state.selectedNodeIds[0]!;
        if (state.inspectNodeId !== id) state.inspect(id);
      }),
    [store],
  );
}

function InspectorDrawer({ nodeId, runId, node }: { nodeId: string; runId: string; node: NodeOverlay | null }) {
  const session = useEditorSession();
  const trpc = useTRPC();
  const actions = useRunActions();
  const { store, workflowId, readOnly } = session;
  const label = useNodeLabel(nodeId);
  const [height, setHeight] = useState(DEFAULT_HEIGHT);
  const [view, setView] = useState<DataView>('json');
  const [pickedAttempt, setPickedAttempt] = useState<number | null>(null);
  const drawer = useRef<HTMLElement>(null);

  const query = useQuery(trpc.run.get.queryOptions({ workflowId, runId }));
  const attempts = useMemo(() => (query.data ? attemptsOf(query.data.nodeRuns, nodeId) : []), [query.data, nodeId]);

  // The painted state can be ahead of the stored copy (a live run moves on): read the run again,
  // once per state the overlay shows that the copy does not.
  const stored = attempts.at(-1);
  const behind = node !== null && query.data !== undefined && !sameNodeState(node, stored);
  const nodeState = node ? `${node.status}:${node.attempt ?? 0}` : '';
  const asked = useRef(new Set<string>());
  const { refetch, isFetching } = query;
  useEffect(() => {
    if (!behind || isFetching || asked.current.has(nodeState)) return;
    asked.current.add(nodeState);
    void refetch();
  }, [behind, isFetching, nodeState, refetch]);

  const current = attempts.find((a) => a.attempt === pickedAttempt) ?? attempts.at(-1) ?? null;
  const runStatus = query.data?.run.status;
  // A node that took no part in the run (added since, or on an untaken trigger) has nothing to re-run from.
  const inRun = Boolean(current ?? node);
  const canRerun = !readOnly && runStatus !== undefined && !isRunActive(runStatus) && label.exists && inRun;

  const close = () => store.getState().inspect(null);
  const startResize = (event: ReactPointerEvent) => {
    event.preventDefault();
    const startY = event.clientY;
    const startHeight = height;
    const max = (drawer.current?.parentElement?.clientHeight ?? 800) * 0.8;
    const move = (e: PointerEvent) => setHeight(Math.round(Math.min(max, Math.max(MIN_HEIGHT, startHeight + startY - e.clientY))));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const status = current?.status ?? node?.status ?? null;
  const durationMs = current?.startedAt && current.finishedAt ? current.finishedAt.getTime() - current.startedAt.getTime() : node?.durationMs;
  const error = errorOf(current?.error) ?? node?.error ?? null;
  const meta = current ? metaOf(current) : {};

  return (
    <section
      ref={drawer}
      className="absolute inset-x-0 bottom-0 z-[9] flex flex-col border-t border-line bg-surface shadow-pop"
      style={{ height }}
      data-testid="node-inspector"
      data-node-id={nodeId}
      aria-label={`Run data of ${label.name}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <div
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize inspector"
        onPointerDown={startResize}
        className="absolute inset-x-0 -top-1 h-2 cursor-row-resize hover:bg-accent/20"
      />
      <header className="flex h-10 shrink-0 items-center gap-2 border-b border-line px-3">
        <h2 className="min-w-0 truncate text-[13px] font-semibold text-fg">{label.name}</h2>
        {label.typeName ? <span className="hidden truncate text-[12px] text-faint sm:inline">{label.typeName}</span> : null}
        {status ? <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge> : <span className="text-[12px] text-faint">not in this run</span>}
        {durationMs !== undefined ? <span className="text-[12px] text-muted tabular-nums">{formatDuration(durationMs)}</span> : null}
        {node && node.retries > 0 ? (
          <span className="text-[12px] text-warning-text">
            {node.retries} {node.retries === 1 ? 'retry' : 'retries'}
          </span>
        ) : null}
        {meta.reusedFrom ? <span className="text-[12px] text-faint">reused from the earlier run</span> : null}
        <UsageLabel usage={meta.usage} />
        {attempts.length > 1 ? (
          <div className="flex items-center gap-0.5 rounded-md bg-subtle p-0.5" role="radiogroup" aria-label="Attempt">
            {attempts.map((a) => (
              <button
                key={a.attempt}
                type="button"
                role="radio"
                aria-checked={a.attempt === current?.attempt}
                onClick={() => setPickedAttempt(a.attempt)}
                className={cn(
                  'rounded px-1.5 text-[11px] font-medium tabular-nums',
                  a.attempt === current?.attempt ? 'bg-surface text-fg shadow-card' : 'text-muted hover:text-fg',
                  a.status === 'failed' && 'text-danger-text',
                )}
                data-testid={`inspector-attempt-${a.attempt}`}
                title={`Attempt ${a.attempt}: ${statusLabel(a.status)}`}
              >
                #{a.attempt}
              </button>
            ))}
          </div>
        ) : null}
        <div className="ml-auto flex items-center gap-1">
          <div className="flex items-center gap-0.5 rounded-md bg-subtle p-0.5" role="tablist" aria-label="Data view">
            <ViewTab active={view === 'json'} onClick={() => setView('json')} testId="inspector-tab-json" icon={<BracesIcon size={13} />}>
              JSON
            </ViewTab>
            <ViewTab active={view === 'table'} onClick={() => setView('table')} testId="inspector-tab-table" icon={<TableIcon size={13} />}>
              Table
            </ViewTab>
          </div>
          {!readOnly ? (
            <Button
              size="sm"
              variant="ghost"
              className="h-7 px-2 text-[12px]"
              icon={<RetryIcon size={13} />}
              onClick={() => actions.rerunFrom(runId, nodeId)}
              disabled={!canRerun}
              loading={actions.rerunningFrom}
              title={canRerun ? 'Run this node and everything after it again, reusing earlier results' : 'Available once the run has finished'}
              data-testid="inspector-rerun-from"
            >
              Re-run from here
            </Button>
          ) : null}
          <button
            type="button"
            onClick={close}
            aria-label="Close inspector"
            className="flex size-7 items-center justify-center rounded-md text-muted hover:bg-hover hover:text-fg"
            data-testid="inspector-close"
          >
            <XIcon size={14} />
          </button>
        </div>
      </header>

      {error ? (
        <div className="flex shrink-0 items-start gap-2 border-b border-line bg-danger-soft px-3 py-2 text-[12px] text-danger-text" role="alert" data-testid="inspector-error">
          <AlertIcon size={14} className="mt-0.5 shrink-0" />
          <div className="min-w-0">
            <span className="mr-2 font-mono font-semibold">{error.code}</span>
            <span className="break-words">{error.message}</span>
          </div>
        </div>
      ) : null}

      <div className="min-h-0 flex-1">
        {query.isPending ? (
          <div className="flex h-full items-center justify-center text-faint">
            <Spinner size={16} label="Loading run data" />
          </div>
        ) : query.isError ? (
          <p className="p-4 text-[13px] text-danger-text">{errorMessage(query.error)}</p>
        ) : !current ? (
          <p className="p-4 text-[13px] text-muted">
            {node ? 'This node has not stored data yet.' : 'This node did not run in this run.'}
          </p>
        ) : (
          <div className="grid h-full min-h-0 grid-cols-2 divide-x divide-line">
            <DataPane title="Input" ports={portsOf(current.input)} view={view} truncated={meta.inputTruncated} testId="inspector-input" />
            <DataPane
              title="Output"
              ports={portsOf(current.output)}
              view={view}
              truncated={meta.outputTruncated}
              testId="inspector-output"
              extra={meta.skipReason ? `Skipped: ${meta.skipReason}` : undefined}
            />
          </div>
        )}
      </div>
    </section>
  );
}

/** Whether a stored node run matches what the overlay paints (overlay "retrying" is stored as "pending"). */
function sameNodeState(node: NodeOverlay, stored: { status: string; attempt: number } | undefined): boolean {
  if (!stored) return false;
  const status = node.status === 'retrying' ? 'pending' : node.status;
  return stored.status === status && (node.attempt === undefined || stored.attempt === node.attempt);
}

function ViewTab({ active, onClick, testId, icon, children }: { active: boolean; onClick: () => void; testId: string; icon: ReactNode; children: ReactNode }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      onClick={onClick}
      className={cn('flex h-6 items-center gap-1 rounded px-2 text-[12px] font-medium', active ? 'bg-surface text-fg shadow-card' : 'text-muted hover:text-fg')}
      data-testid={testId}
    >
      {icon}
      {children}
    </button>
  );
}

type Truncation = { itemCount: number; keptItemCount: number; byteSize: number } | undefined;

function DataPane({
  title,
  ports,
  view,
  truncated,
  testId,
  extra,
}: {
  title: string;
  ports: Record<string, unknown[]>;
  view: DataView;
  truncated: Truncation;
  testId: string;
  extra?: string | undefined;
}) {
  const names = Object.keys(ports);
  const [picked, setPicked] = useState<string | null>(null);
  const port = picked && names.includes(picked) ? picked : (names.find((n) => (ports[n]?.length ?? 0) > 0) ?? names[0] ?? null);
  const items = useMemo(() => (port ? (ports[port] ?? []) : []), [ports, port]);
  const jsonItems = useMemo(() => items.map((item) => jsonOf(item) ?? item), [items]);

  return (
    <div className="flex min-h-0 min-w-0 flex-col" data-testid={testId}>
      <div className="flex h-8 shrink-0 items-center gap-2 border-b border-line px-3 text-[12px]">
        <span className="font-medium text-fg">{title}</span>
        {names.length > 1 ? (
          <div className="flex items-center gap-0.5" role="tablist" aria-label={`${title} port`}>
            {names.map((n) => (
              <button
                key={n}
                type="button"
                role="tab"
                aria-selected={n === port}
                onClick={() => setPicked(n)}
                className={cn('rounded px-1.5 py-px', n === port ? 'bg-accent-soft text-accent-text' : 'text-muted hover:bg-hover hover:text-fg')}
              >
                {n} <span className="tabular-nums opacity-70">{ports[n]?.length ?? 0}</span>
              </button>
            ))}
          </div>
        ) : null}
        <span className="ml-auto text-faint tabular-nums">
          {items.length} {items.length === 1 ? 'item' : 'items'}
        </span>
      </div>
      {truncated ? (
        <p className="shrink-0 border-b border-line bg-warning-soft px-3 py-1 text-[11px] text-warning-text">
          Stored data was cut to its size limit: showing {truncated.keptItemCount} of {truncated.itemCount} items.
        </p>
      ) : null}
      <div className="min-h-0 flex-1 overflow-auto p-3">
        {extra ? <p className="mb-2 text-[12px] text-muted">{extra}</p> : null}
        {names.length === 0 || items.length === 0 ? (
          <p className="text-[12px] text-faint">No items</p>
        ) : view === 'table' ? (
          <ItemsTable items={items} />
        ) : (
          <JsonTree value={jsonItems} rootLabel={`${title} items`} expandDepth={jsonItems.length > 20 ? 1 : 3} />
        )}
      </div>
    </div>
  );
}

/** The node's name and type as the canvas shows them (the replayed version's, when it shows one). */
function useNodeLabel(nodeId: string): { name: string; typeName: string | null; exists: boolean } {
  const { nodeTypes } = useEditorSession();
  const view = useEditorStore((s) => s.view);
  const read = useCallback(
    (doc: Y.Doc) => {
      const map = nodesOf(doc).get(nodeId);
      if (!map) return null;
      const name = map.get(NodeField.Name);
      const type = map.get(NodeField.Type);
      return `${typeof type === 'string' ? type : ''}\u0000${typeof name === 'string' ? name : ''}`;
    },
    [nodeId],
  );
  const fromDoc = useDocValue(read);
  let type: string | null = null;
  let name: string | null = null;
  if (view.kind === 'definition') {
    const n = view.definition.nodes.find((x) => x.id === nodeId);
    if (n) [type, name] = [n.type, n.name];
  } else if (fromDoc !== null) {
    [type, name] = fromDoc.split('\u0000') as [string, string];
  }
  return {
    name: name || nodeId,
    typeName: type ? (nodeTypes.get(type)?.displayName ?? type) : null,
    exists: type !== null,
  };
}

/** Tokens and estimated cost of an AI node run, e.g. "1,240 tokens · ~$0.0004 · gpt-4o-mini". */
function UsageLabel({ usage }: { usage: Record<string, unknown> | undefined }) {
  if (!usage) return null;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const tokens = num(usage.promptTokens) + num(usage.completionTokens);
  const cost = typeof usage.costUsd === 'number' ? `~$${usage.costUsd < 0.01 ? usage.costUsd.toFixed(4) : usage.costUsd.toFixed(2)}` : 'cost unknown';
  const model = typeof usage.model === 'string' ? usage.model : '';
  const calls = num(usage.calls);
  return (
    <span
      className="truncate text-[12px] text-muted tabular-nums"
      data-testid="inspector-usage"
      title={`${num(usage.promptTokens)} prompt + ${num(usage.completionTokens)} completion tokens in ${calls} call${calls === 1 ? '' : 's'}`}
    >
      {tokens.toLocaleString('en')} tokens · {cost}
      {model ? ` · ${model}` : ''}
    </span>
  );
}
