'use client';

import type { ReactNode } from 'react';
import { Badge } from '../../../components/Badge.tsx';
import { RestoreIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { CompactButton } from './CompactButton.tsx';
import type { VersionItem } from './use-versions.ts';
import { versionOrigin } from './version-origin.ts';
import { BoltIcon, DiffIcon, PowerIcon } from './version-icons.tsx';

type Props = {
  version: VersionItem;
  now: number;
  active: boolean;
  compared: boolean;
  /** Loading this version's definition for a diff. */
  comparing: boolean;
  canEdit: boolean;
  /** An activation or deactivation is running (for this row: show its spinner). */
  switching: 'this' | 'other' | null;
  onToggleDiff(): void;
  onRestore(): void;
  onToggleActive(): void;
};

/** One saved version: number, message, author, age, marks; and what can be done with it. */
export function VersionRow({ version, now, active, compared, comparing, canEdit, switching, onToggleDiff, onRestore, onToggleActive }: Props) {
  const origin = versionOrigin(version.message);
  const n = version.number;
  const author = version.author?.name || (version.author ? 'Unknown user' : 'FlowForge');
  return (
    <li
      className={cn(
        'relative border-b border-line px-4 py-2.5 last:border-b-0',
        compared ? 'bg-accent-soft/60' : 'hover:bg-subtle/70',
      )}
      data-testid={`version-row-${n}`}
      data-active={active || undefined}
      aria-current={compared ? 'true' : undefined}
    >
      {active ? <span className="absolute inset-y-0 left-0 w-0.5 bg-success-text" aria-hidden /> : null}
      <div className="flex items-start gap-2.5">
        <span
          className={cn(
            'mt-px inline-flex h-5 min-w-8 shrink-0 items-center justify-center rounded-md px-1.5 font-mono text-[11px] font-semibold tabular-nums',
            active ? 'bg-success-soft text-success-text' : 'bg-subtle text-muted ring-1 ring-line ring-inset',
          )}
        >
          v{n}
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1.5">
            <p className={cn('min-w-0 truncate text-[13px]', version.message && origin.kind === 'saved' ? 'font-medium text-fg' : 'text-muted')} title={version.message || undefined}>
              {origin.kind === 'before-restore' ? (
                <>Before restoring v{origin.restoredNumber}</>
              ) : origin.kind === 'draft-run' ? (
                'Draft run'
              ) : (
                version.message || <span className="italic">No message</span>
              )}
            </p>
            {active ? (
              <Badge tone="success" className="h-[18px] px-1.5 text-[10px]">
                Active
              </Badge>
            ) : null}
            {origin.kind === 'before-restore' ? (
              <Badge className="h-[18px] px-1.5 text-[10px]">
                <RestoreIcon size={10} className="mr-1" />
                Auto-saved
              </Badge>
            ) : origin.kind === 'draft-run' ? (
              <Badge className="h-[18px] px-1.5 text-[10px]">Auto-saved</Badge>
            ) : null}
          </div>
          <p className="mt-0.5 flex min-w-0 items-center gap-1 text-xs text-faint">
            <span className="truncate">{author}</span>
            <span aria-hidden>·</span>
            <time dateTime={version.createdAt.toISOString()} title={formatDateTime(version.createdAt)} className="shrink-0">
              {formatRelative(version.createdAt, now)}
            </time>
            {!version.valid ? (
              <>
                <span aria-hidden>·</span>
                <span className="shrink-0 text-warning-text" data-testid={`version-invalid-${n}`}>
                  {version.errorCount} {version.errorCount === 1 ? 'problem' : 'problems'}
                </span>
              </>
            ) : null}
          </p>
        </div>
      </div>
      <div className="mt-1 -mb-0.5 ml-[34px] flex flex-wrap items-center gap-0.5">
        <RowAction
          icon={<DiffIcon size={13} />}
          onClick={onToggleDiff}
          loading={comparing}
          pressed={compared}
          testId={`version-diff-${n}`}
          label={compared ? `Hide changes since version ${n}` : `Show changes since version ${n}`}
        >
          {compared ? 'Hide changes' : 'Show changes'}
        </RowAction>
        <RowAction icon={<RestoreIcon size={13} />} onClick={onRestore} disabled={!canEdit} testId={`version-restore-${n}`} label={`Restore version ${n}`}>
          Restore
        </RowAction>
        <RowAction
          icon={active ? <PowerIcon size={13} /> : <BoltIcon size={13} />}
          onClick={onToggleActive}
          disabled={!canEdit || switching === 'other' || (!active && !version.valid)}
          loading={switching === 'this'}
          testId={`version-activate-${n}`}
          label={active ? `Deactivate version ${n}` : `Activate version ${n}`}
          title={!active && !version.valid ? 'Fix its problems first: an invalid version cannot go live' : undefined}
        >
          {active ? 'Deactivate' : 'Activate'}
        </RowAction>
      </div>
    </li>
  );
}

function RowAction({
  icon,
  children,
  onClick,
  disabled,
  loading,
  pressed,
  testId,
  label,
  title,
}: {
  icon: ReactNode;
  children: ReactNode;
  onClick(): void;
  disabled?: boolean;
  loading?: boolean;
  pressed?: boolean;
  testId: string;
  label: string;
  title?: string;
}) {
  return (
    <CompactButton
      tone={pressed ? 'pressed' : 'ghost'}
      height="h-6"
      className="px-1.5"
      icon={icon}
      onClick={onClick}
      disabled={disabled}
      loading={loading}
      aria-label={label}
      aria-pressed={pressed}
      title={title ?? label}
      data-testid={testId}
    >
      {children}
    </CompactButton>
  );
}
