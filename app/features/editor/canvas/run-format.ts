import type { NodeRunState } from '../editor-store.ts';

/** "840 ms", "1.2 s", "3 m 05 s": short enough for a card footer. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes} m ${String(seconds).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} m`;
}

export const itemsLabel = (n: number): string => `${n} ${n === 1 ? 'item' : 'items'}`;

export const RUN_STATE_LABEL: Record<NodeRunState, string> = {
  queued: 'Queued',
  running: 'Running',
  retrying: 'Retrying',
  waiting: 'Waiting',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/** States in which a node is working right now (spinner, animated outgoing edges). */
export const isActive = (status: NodeRunState | undefined): boolean => status === 'running' || status === 'retrying';
