'use client';

import { DraftMarkBadge } from './DraftMarkBadge.tsx';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import { AlertIcon, CheckIcon, XIcon } from '../../../components/Icons.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import { cn } from '../../../lib/cn.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import type { ChangeMark, NodeRunState, PortsOf } from '../editor-store.ts';
import type { PeerMark } from '../presence/use-peer-selections.ts';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { RetryIcon } from './canvas-icons.tsx';
import type { GhostFlowNode, WorkflowFlowNode, WorkflowNodeData } from './flow-mapping.ts';
import { tintOf } from './category-style.ts';
import { NodeTypeIcon } from './NodeTypeIcon.tsx';
import { portLabel, portsOf, type Port } from './node-ports.ts';
import { usePeerMarks } from './peer-marks.ts';
import { statusLabel } from '../runs/run-format.ts';
import { formatDuration, isActive, itemsLabel } from './run-format.ts';

export const NODE_WIDTH = 220;
const PORT_SPACING = 24;
const MIN_HEIGHT = 60;

const STATUS_RING: Partial<Record<NodeRunState, string>> = {
  queued: 'border-accent/50 border-dashed',
  running: 'border-accent ring-2 ring-accent/25',
  retrying: 'border-warning-text ring-2 ring-warning-text/20',
  waiting: 'border-warning-text/70 border-dashed',
  succeeded: 'border-success-text ring-1 ring-success-text/30',
  failed: 'border-danger ring-2 ring-danger/25',
  cancelled: 'border-line-strong border-dashed',
};

const DIFF_STYLE: Record<ChangeMark, { ring: string; chip: string; label: string }> = {
  added: { ring: 'border-success-text border-dashed', chip: 'bg-success-soft text-success-text', label: 'Added' },
  changed: { ring: 'border-warning-text border-dashed', chip: 'bg-warning-soft text-warning-text', label: 'Changed' },
  removed: { ring: 'border-danger border-dashed', chip: 'bg-danger-soft text-danger-text', label: 'Removed' },
};

export const cardHeight = (ports: PortsOf) => Math.max(MIN_HEIGHT, Math.max(ports.inputs.length, ports.outputs.length) * PORT_SPACING + 12);

/** A workflow node on the canvas: icon, name, type, ports, and the overlays painted on it. */
export const NodeCard = memo(function NodeCard({ id, data, selected, isConnectable }: NodeProps<WorkflowFlowNode>) {
  const { nodeTypes } = useEditorSession();
  const description = nodeTypes.get(data.type);
  const resolvedKey = useEditorStore((s) => (s.ports[id] ? JSON.stringify(s.ports[id]) : ''));
  const issuesKey = useEditorStore((s) => (s.issues[id]?.length ? s.issues[id].map((i) => i.message).join('\n') : ''));
  const status = useEditorStore((s) => s.overlay?.nodes[id]?.status);
  const durationMs = useEditorStore((s) => s.overlay?.nodes[id]?.durationMs);
  const itemCount = useEditorStore((s) => s.overlay?.nodes[id]?.itemCount);
  const retries = useEditorStore((s) => s.overlay?.nodes[id]?.retries ?? 0);
  const errorMessage = useEditorStore((s) => s.overlay?.nodes[id]?.error?.message);
  const mark = useEditorStore((s) => s.diff?.nodes[id]);
  const peers = usePeerMarks(id);

  const ports = useMemo(
    () => portsOf(description, resolvedKey ? (JSON.parse(resolvedKey) as PortsOf) : undefined, data.onError),
    [description, resolvedKey, data.onError],
  );
  const portsKey = `${ports.inputs.map((p) => p.name).join(',')}|${ports.outputs.map((p) => p.name).join(',')}`;
  // React Flow measures handles on mount; only a later change of ports needs a re-measure
  // (one per card on mount would cost a store update each: quadratic for big workflows).
  const updateNodeInternals = useUpdateNodeInternals();
  const measuredPorts = useRef(portsKey);
  useEffect(() => {
    if (measuredPorts.current === portsKey) return;
    measuredPorts.current = portsKey;
    updateNodeInternals(id);
  }, [id, portsKey, updateNodeInternals]);

  const issues = issuesKey ? issuesKey.split('\n') : [];
  return (
    <div
      className="group relative"
      style={{ width: NODE_WIDTH }}
      data-testid={`node-${id}`}
      data-status={status ?? 'idle'}
      data-selected={selected ? 'true' : undefined}
      data-diff={mark}
    >
      <PeerOutlines peers={peers} trigger={description?.isTrigger ?? false} />
      {mark ? <DiffChip mark={mark} /> : <DraftMarkBadge id={id} />}
      <CardBody
        id={id}
        data={data}
        description={description}
        ports={ports}
        className={cn(
          status ? STATUS_RING[status] : mark ? DIFF_STYLE[mark].ring : null,
          status === 'skipped' && 'opacity-55',
          selected && 'outline-2 outline-offset-2 outline-accent',
        )}
        trailing={<StatusGlyph id={id} status={status} errorMessage={errorMessage} />}
      />
      <PortHandles ports={ports} connectable={isConnectable} />
      {issues.length > 0 ? (
        <span
          className="absolute -top-2 -right-2 flex size-5 items-center justify-center rounded-full bg-warning-soft text-warning-text ring-2 ring-canvas"
          title={issues.join('\n')}
          role="img"
          aria-label={`${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}: ${issues.join('; ')}`}
          data-testid={`node-issues-${id}`}
        >
          <AlertIcon size={12} />
        </span>
      ) : null}
      {status ? <RunFooter id={id} status={status} durationMs={durationMs} itemCount={itemCount} retries={retries} /> : null}
    </div>
  );
});

/** The same card drawn translucent for a node that is not (or no longer) in the document. */
export const GhostNodeCard = memo(function GhostNodeCard({ id, data }: NodeProps<GhostFlowNode>) {
  const { nodeTypes } = useEditorSession();
  const description = nodeTypes.get(data.type);
  const ports = useMemo(() => portsOf(description, undefined, data.onError), [description, data.onError]);
  const removed = data.tone === 'removed';
  return (
    <div
      className="pointer-events-none relative opacity-60"
      style={{ width: NODE_WIDTH }}
      data-testid={removed ? `removed-node-${data.sourceId}` : `ghost-node-${data.sourceId}`}
      aria-hidden
    >
      <DiffChip mark={removed ? 'removed' : 'added'} label={removed ? 'Removed' : 'Proposed'} />
      <CardBody id={id} data={data} description={description} ports={ports} className={DIFF_STYLE[removed ? 'removed' : 'added'].ring} />
      <PortHandles ports={ports} connectable={false} hidden />
    </div>
  );
});

function CardBody({
  id,
  data,
  description,
  ports,
  className,
  trailing,
}: {
  id: string;
  data: WorkflowNodeData;
  description: NodeTypeDescription | undefined;
  ports: PortsOf;
  className?: string | false | null;
  trailing?: ReactNode;
}) {
  const trigger = description?.isTrigger ?? false;
  return (
    <div
      className={cn(
        'ff-card flex items-center gap-2.5 border border-line-strong bg-surface py-2 pr-2.5 pl-2.5 shadow-card transition-[border-color,box-shadow] group-hover:border-faint/70',
        trigger ? 'rounded-l-[28px] rounded-r-xl pl-3' : 'rounded-xl',
        data.disabled && 'opacity-60',
        className,
      )}
      style={{ minHeight: cardHeight(ports) }}
    >
      <span
        className={cn(
          'flex size-9 shrink-0 items-center justify-center leading-none select-none',
          trigger ? 'rounded-full' : 'rounded-lg',
          description ? tintOf(description.category) : 'bg-danger-soft text-danger-text',
        )}
        aria-hidden
      >
        <NodeTypeIcon description={description} fallbackName={data.name} />
      </span>
      <span className="flex min-w-0 flex-1 flex-col">
        <span className={cn('truncate text-[13px] leading-5 font-semibold text-fg', data.disabled && 'line-through')} data-testid={`node-name-${id}`} title={data.name}>
          {data.name}
        </span>
        <span className={cn('truncate text-[11px] leading-4', description ? 'text-muted' : 'text-danger-text')} title={description?.description}>
          {description ? description.displayName : `Unknown type ${data.type}`}
          {data.disabled ? ' · Disabled' : ''}
        </span>
      </span>
      {trailing}
    </div>
  );
}

function StatusGlyph({ id, status, errorMessage }: { id: string; status: NodeRunState | undefined; errorMessage: string | undefined }) {
  if (!status) return null;
  if (isActive(status)) return <Spinner size={16} className={status === 'retrying' ? 'text-warning-text' : 'text-accent'} label={statusLabel(status)} />;
  if (status === 'succeeded') {
    return (
      <span className="flex size-5 items-center justify-center rounded-full bg-success-soft text-success-text" role="img" aria-label="Succeeded">
        <CheckIcon size={12} strokeWidth={3} />
      </span>
    );
  }
  if (status === 'failed') {
    return (
      <span
        className="flex size-5 items-center justify-center rounded-full bg-danger text-white"
        role="img"
        aria-label={`Failed: ${errorMessage ?? 'unknown error'}`}
        title={errorMessage ?? 'Failed'}
        data-testid={`node-error-${id}`}
      >
        <XIcon size={12} strokeWidth={3} />
      </span>
    );
  }
  return null;
}

function RunFooter({
  id,
  status,
  durationMs,
  itemCount,
  retries,
}: {
  id: string;
  status: NodeRunState;
  durationMs: number | undefined;
  itemCount: number | undefined;
  retries: number;
}) {
  const parts: ReactNode[] = [];
  if (status === 'queued' || status === 'waiting' || status === 'skipped' || status === 'cancelled') parts.push(statusLabel(status));
  if (durationMs !== undefined && !isActive(status)) parts.push(formatDuration(durationMs));
  if (itemCount !== undefined) parts.push(itemsLabel(itemCount));
  if (parts.length === 0 && retries === 0) return null;
  return (
    <div
      className="pointer-events-none absolute top-full left-1 mt-1 flex items-center gap-1.5 text-[11px] whitespace-nowrap text-muted tabular-nums"
      data-testid={`node-run-${id}`}
    >
      {parts.map((part, i) => (
        <span key={i} className="flex items-center gap-1.5">
          {i > 0 ? <span className="text-faint">·</span> : null}
          {part}
        </span>
      ))}
      {retries > 0 ? (
        <span className="flex items-center gap-0.5 text-warning-text" title={`${retries} ${retries === 1 ? 'retry' : 'retries'}`}>
          {parts.length > 0 ? <span className="mr-1 text-faint">·</span> : null}
          <RetryIcon size={11} aria-label="Retries" />
          {retries}
        </span>
      ) : null}
    </div>
  );
}

function PortHandles({ ports, connectable, hidden }: { ports: PortsOf; connectable: boolean; hidden?: boolean }) {
  return (
    <>
      {ports.inputs.map((port, i) => (
        <PortHandle key={`in-${port.name}`} port={port} kind="target" index={i} count={ports.inputs.length} connectable={connectable} hidden={hidden} />
      ))}
      {ports.outputs.map((port, i) => (
        <PortHandle key={`out-${port.name}`} port={port} kind="source" index={i} count={ports.outputs.length} connectable={connectable} hidden={hidden} />
      ))}
    </>
  );
}

function PortHandle({
  port,
  kind,
  index,
  count,
  connectable,
  hidden,
}: {
  port: Port;
  kind: 'source' | 'target';
  index: number;
  count: number;
  connectable: boolean;
  hidden?: boolean;
}) {
  const top = count === 1 ? '50%' : `calc(50% + ${(index - (count - 1) / 2) * PORT_SPACING}px)`;
  const label = count > 1 || port.name === 'error' ? portLabel(port) : '';
  const isError = port.name === 'error';
  const style: CSSProperties = { top };
  return (
    <Handle
      type={kind}
      id={port.name}
      position={kind === 'target' ? Position.Left : Position.Right}
      isConnectable={connectable}
      style={style}
      className={cn('ff-handle', isError && 'ff-handle-error', hidden && 'opacity-0')}
      aria-label={`${kind === 'target' ? 'Input' : 'Output'} ${portLabel(port) || port.name}`}
      data-port={port.name}
    >
      {label && !hidden ? (
        <span
          className={cn(
            'pointer-events-none absolute top-1/2 -translate-y-1/2 rounded bg-canvas/90 px-1 text-[10px] leading-4 font-medium whitespace-nowrap',
            kind === 'target' ? 'right-3' : 'left-3',
            isError ? 'text-danger-text' : 'text-muted',
          )}
        >
          {label}
        </span>
      ) : null}
    </Handle>
  );
}

function PeerOutlines({ peers, trigger }: { peers: readonly PeerMark[]; trigger: boolean }) {
  if (peers.length === 0) return null;
  const shown = peers.slice(0, 3);
  return (
    <>
      {shown.map((peer, i) => (
        <span
          key={peer.clientId}
          className={cn('pointer-events-none absolute border-2', trigger ? 'rounded-l-[34px] rounded-r-[16px]' : 'rounded-[16px]')}
          style={{ inset: -5 - i * 3, borderColor: peer.color }}
          aria-hidden
        />
      ))}
      <span className="pointer-events-none absolute -top-6 right-0 flex gap-1" data-testid="peer-selection-labels">
        {shown.map((peer) => (
          <span
            key={peer.clientId}
            className="max-w-24 truncate rounded px-1.5 text-[10px] leading-4 font-medium text-white"
            style={{ backgroundColor: peer.color }}
            title={`${peer.name} selected this`}
          >
            {peer.name}
          </span>
        ))}
      </span>
    </>
  );
}

function DiffChip({ mark, label }: { mark: ChangeMark; label?: string }) {
  const style = DIFF_STYLE[mark];
  return (
    <span
      className={cn('pointer-events-none absolute -top-5 left-1 rounded px-1.5 text-[10px] leading-4 font-semibold', style.chip)}
      data-testid="node-diff-mark"
    >
      {label ?? style.label}
    </span>
  );
}
