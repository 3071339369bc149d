import type { RunEvent } from '../../../../engine/executor/events.ts';
import type { NodeOverlay } from '../editor-store.ts';
import { addEvents, contiguousSeq, isRunActive, startTrack, type RunTrack } from './run-overlay.ts';

/**
 * Follows the newest run of one workflow over the realtime socket, whoever started it (a click
 * on Run, a webhook, a schedule). Transport-agnostic: the hook gives it functions that talk to
 * socket.io, tests give it plain ones.
 *
 * Run ids are UUIDv7, so a larger id is a newer run. Events of the workflow room switch to a newer
 * run as soon as one shows up; a run joined late (or after a reconnect) is caught up with
 * `join:run afterSeq`, which answers the stored backlog; the reducer drops what arrives twice.
 */
export interface LiveFollowerDeps {
  joinWorkflow(): Promise<boolean>;
  /** Events of the run after `afterSeq` (null when the join was refused). */
  joinRun(runId: string, afterSeq: number): Promise<RunEvent[] | null>;
  leaveRun(runId: string): void;
  /** The workflow's newest run, if any. */
  newestRun(): Promise<{ id: string; status: string } | null>;
  onTrack(track: RunTrack): void;
  /** A run started, waited or finished (`runId`), or anything may have (after a reconnect): stored copies are stale. */
  onRunsChanged(runId?: string): void;
}

const LIST_CHANGING: ReadonlySet<RunEvent['type']> = new Set(['run.started', 'run.resumed', 'run.waiting', 'run.finished']);

export class LiveRunFollower {
  private track: RunTrack | null = null;
  private connects = 0;
  private closed = false;
  // Catch-ups run one at a time: a join and a leave of the same run must not interleave.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: LiveFollowerDeps) {}

  get current(): RunTrack | null {
    return this.track;
  }

  /** Call on every (re)connect: rejoins the workflow room and catches up on what was missed. */
  async connected(): Promise<void> {
    const first = this.connects++ === 0;
    if (!(await this.deps.joinWorkflow()) || this.closed) return;
    if (this.track) await this.catchUp(this.track.runId);
    const newest = await this.deps.newestRun().catch(() => null);
    if (this.closed) return;
    // On open, only a run still in progress is worth painting; after a reconnect, whatever is newest.
    if (newest && this.isNewer(newest.id) && (!first || isRunActive(newest.status))) {
      this.switchTo(newest.id, newest.status);
      await this.catchUp(newest.id);
    }
    if (!first) this.deps.onRunsChanged();
  }

  receive(event: RunEvent): void {
    if (this.closed) return;
    if (LIST_CHANGING.has(event.type)) this.deps.onRunsChanged(event.runId);
    if (this.isNewer(event.runId)) {
      this.switchTo(event.runId);
      this.add([event]);
      // Joined after the run began: fetch what came before.
      if (event.seq > 1) void this.catchUp(event.runId);
      return;
    }
    if (event.runId === this.track?.runId) this.add([event]);
  }

  /**
   * Follows a run this tab just started (it may not have sent an event yet). `base` paints nodes
   * a re-run reuses without running them (they send no events).
   */
  follow(runId: string, base?: Readonly<Record<string, NodeOverlay>>): void {
    if (this.closed) return;
    if (!this.isNewer(runId)) {
      // Its first events may have come before the answer that named it: repaint them over the base.
      if (base && this.track?.runId === runId) {
        this.track = addEvents(startTrack(runId, 'live', 'queued', base), this.track.events);
        this.deps.onTrack(this.track);
      }
      return;
    }
    this.switchTo(runId, undefined, base);
    void this.catchUp(runId);
  }

  close(): void {
    this.closed = true;
  }

  private isNewer(runId: string): boolean {
    return !this.track || runId > this.track.runId;
  }

  private switchTo(runId: string, status?: string, base?: Readonly<Record<string, NodeOverlay>>): void {
    this.track = startTrack(runId, 'live', status ?? 'queued', base);
    this.deps.onTrack(this.track);
  }

  private add(events: readonly RunEvent[]): void {
    if (!this.track) return;
    const next = addEvents(this.track, events);
    if (next === this.track) return;
    this.track = next;
    this.deps.onTrack(next);
  }

  private catchUp(runId: string): Promise<void> {
    const step = async () => {
      if (this.closed || this.track?.runId !== runId) return;
      const events = await this.deps.joinRun(runId, contiguousSeq(this.track)).catch(() => null);
      this.deps.leaveRun(runId);
      if (events && this.track?.runId === runId) this.add(events);
    };
    this.queue = this.queue.then(step, step);
    return this.queue;
  }
}
