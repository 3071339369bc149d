/** Words and tones for runs, shared by the panel, the replay bar and the inspector. Pure. */

export type StatusTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

const TONES: Record<string, StatusTone> = {
  queued: 'neutral',
  running: 'accent',
  retrying: 'warning',
  waiting: 'warning',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  skipped: 'neutral',
  pending: 'neutral',
};

export const statusTone = (status: string): StatusTone => TONES[status] ?? 'neutral';

const STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  retrying: 'Retrying',
  waiting: 'Waiting',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
  pending: 'Pending',
};

export const statusLabel = (status: string): string => STATUS_LABELS[status] ?? status;

const TRIGGER_LABELS: Record<string, string> = {
  manual: 'Manual',
  webhook: 'Webhook',
  schedule: 'Schedule',
  poll: 'Polling',
  retry: 'Retry',
  rerun: 'Re-run',
  event: 'Event',
};

export const triggerLabel = (trigger: string): string => TRIGGER_LABELS[trigger] ?? trigger;

/** "8 ms", "1.4 s", "2 m 05 s", "1 h 02 m". */
export function formatDuration(ms: number, unknown = '—'): string {
  if (!Number.isFinite(ms) || ms < 0) return unknown;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} m`;
}

/** A short handle for a run: the end of its id (the start of a UUIDv7 is a timestamp, alike for runs of one day). */
export const shortRunId = (runId: string): string => runId.replace(/-/g, '').slice(-6);

/** Run duration: finished − started, or so far for a run still going (null before it starts). */
export function runDuration(run: { startedAt: Date | null; finishedAt: Date | null }, now = Date.now()): number | null {
  if (!run.startedAt) return null;
  // A clock that ticks coarsely can lag a run that just started: never show a negative time.
  return Math.max(0, (run.finishedAt?.getTime() ?? now) - run.startedAt.getTime());
}
