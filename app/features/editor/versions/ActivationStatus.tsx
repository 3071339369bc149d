'use client';

import { cn } from '../../../lib/cn.ts';
import { CompactButton } from './CompactButton.tsx';
import { PowerIcon } from './version-icons.tsx';

type Props = {
  live: boolean;
  /** The live version's number, once known. */
  activeNumber?: number | undefined;
  loaded: boolean;
  canEdit: boolean;
  deactivating: boolean;
  onDeactivate(): void;
};

/** Whether the workflow's triggers are live, and on which version. */
export function ActivationStatus({ live, activeNumber, loaded, canEdit, deactivating, onDeactivate }: Props) {
  return (
    <div className="flex items-center gap-3 border-b border-line px-4 py-3" data-testid="version-active-status" data-live={live || undefined}>
      <span className="relative flex size-2.5 shrink-0" aria-hidden>
        {live ? <span className="absolute inset-0 animate-ping rounded-full bg-success-text opacity-30" /> : null}
        <span className={cn('relative size-2.5 rounded-full', live ? 'bg-success-text' : 'bg-line-strong')} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-[13px] font-medium text-fg">
          {!loaded ? 'Checking…' : live ? (activeNumber ? `Live on version ${activeNumber}` : 'Live') : 'Not active'}
        </p>
        <p className="text-xs text-muted">
          {live ? 'Its webhooks, schedules and feeds are running.' : 'Triggers are off. Activate a version to go live.'}
        </p>
      </div>
      {live && canEdit ? (
        <CompactButton
          tone="outline"
          className="px-2.5"
          icon={<PowerIcon size={13} />}
          loading={deactivating}
          onClick={onDeactivate}
          data-testid="version-deactivate"
        >
          Deactivate
        </CompactButton>
      ) : null}
    </div>
  );
}
