import type { Awareness } from 'y-protocols/awareness';
import { readPeers } from '../../../../collab/awareness.ts';
import {
  buildEditingMarks,
  buildSelectionMap,
  groupPeersByUser,
  nextCursorExpiry,
  sameCursors,
  sameEditingMarks,
  samePeers,
  sameSelectionMap,
  sameUsers,
  trackPeers,
  visibleCursors,
  type EditingMark,
  type PeerCursor,
  type PeerMark,
  type PeerUser,
  type TrackedPeer,
} from './peers.ts';
import { realTimers, throttle, type Throttled, type Timers } from './throttle.ts';

/**
 * What the editor knows about everyone else, derived from awareness. Each field keeps its
 * identity until its content changes, so a component reading only `selections` is not
 * re-rendered when a peer's cursor moves.
 */
export interface PresenceSnapshot {
  peers: ReadonlyMap<number, TrackedPeer>;
  /** People present, once each, this user excluded, in order of arrival. */
  users: readonly PeerUser[];
  /** Node id → the peers who selected it. */
  selections: ReadonlyMap<string, readonly PeerMark[]>;
  editing: readonly EditingMark[];
  /** Cursors to draw (one per tab, idle ones left out). */
  cursors: readonly PeerCursor[];
}

export const EMPTY_PRESENCE: PresenceSnapshot = { peers: new Map(), users: [], selections: new Map(), editing: [], cursors: [] };

/** About 30 redraws a second at most, however fast awareness changes stream in. */
export const PRESENCE_FRAME_MS = 33;

type AwarenessSource = Pick<Awareness, 'on' | 'off' | 'getStates' | 'clientID'>;

type ChangeEvent = { added: number[]; updated: number[]; removed: number[] };

/**
 * One subscription to an awareness instance shared by every presence consumer of an editor:
 * it listens to 'change' only while someone is subscribed, folds bursts of changes into at
 * most one snapshot per frame, and redraws when an idle cursor is due to disappear.
 */
export class PresenceStore {
  private snapshot: PresenceSnapshot = EMPTY_PRESENCE;
  private readonly listeners = new Set<() => void>();
  private readonly scheduleRefresh: Throttled<[]>;
  private expiryTimer: unknown = null;

  constructor(
    private readonly awareness: AwarenessSource,
    private readonly selfUserId: string | undefined,
    private readonly timers: Timers = realTimers,
    frameMs = PRESENCE_FRAME_MS,
  ) {
    this.scheduleRefresh = throttle(() => this.refresh(), frameMs, timers);
    this.refresh();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.awareness.on('change', this.onChange);
      this.refresh();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.awareness.off('change', this.onChange);
      this.scheduleRefresh.cancel();
      this.clearExpiry();
    };
  };

  getSnapshot = (): PresenceSnapshot => this.snapshot;

  /** Recomputes the snapshot from awareness now, notifying subscribers if anything changed. */
  refresh(): void {
    const now = this.timers.now();
    const peers = trackPeers(this.snapshot.peers, readPeers(this.awareness.getStates() as Map<number, Record<string, unknown>>, this.awareness.clientID), now);
    const prev = this.snapshot;
    const next: PresenceSnapshot = {
      peers: samePeers(prev.peers, peers) ? prev.peers : peers,
      users: keep(prev.users, groupPeersByUser(peers, this.selfUserId), sameUsers),
      selections: keep(prev.selections, buildSelectionMap(peers), sameSelectionMap),
      editing: keep(prev.editing, buildEditingMarks(peers), sameEditingMarks),
      cursors: keep(prev.cursors, visibleCursors(peers, now), sameCursors),
    };
    this.scheduleExpiry(nextCursorExpiry(peers, now), now);
    const changed = (Object.keys(next) as (keyof PresenceSnapshot)[]).some((key) => next[key] !== prev[key]);
    if (!changed) return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }

  private readonly onChange = ({ added, updated, removed }: ChangeEvent) => {
    // Our own cursor streams through here too; it never changes what we draw of others.
    const self = this.awareness.clientID;
    if ([...added, ...updated, ...removed].every((id) => id === self)) return;
    this.scheduleRefresh();
  };

  private scheduleExpiry(at: number | null, now: number): void {
    this.clearExpiry();
    if (at === null || this.listeners.size === 0) return;
    this.expiryTimer = this.timers.setTimeout(() => {
      this.expiryTimer = null;
      this.refresh();
    }, Math.max(0, at - now) + 1);
  }

  private clearExpiry(): void {
    if (this.expiryTimer !== null) this.timers.clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }
}

function keep<T>(prev: T, next: T, same: (a: T, b: T) => boolean): T {
  return same(prev, next) ? prev : next;
}

const stores = new WeakMap<object, PresenceStore>();

/** The presence store of an editor's awareness (one per awareness, created on first use). */
export function presenceStoreFor(awareness: Awareness, selfUserId: string): PresenceStore {
  let store = stores.get(awareness);
  if (!store) stores.set(awareness, (store = new PresenceStore(awareness, selfUserId)));
  return store;
}
