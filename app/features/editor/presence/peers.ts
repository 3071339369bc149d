import type { AwarenessState, FlowPoint } from '../../../../collab/awareness.ts';

/**
 * The pure model of presence: how raw awareness states become what the editor draws (avatars
 * per user, outlines per node, "is editing" per field, cursors). Every derivation keeps a
 * stable order (by arrival) so the UI does not reshuffle as states stream in.
 */

/** A peer as the canvas and the config panel mark it. */
export type PeerMark = { clientId: number; userId: string; name: string; color: string };

/** One peer connection (one tab) as seen over time. */
export interface TrackedPeer {
  clientId: number;
  state: AwarenessState;
  /** When this client was first seen: orders avatars and marks by arrival. */
  seenAt: number;
  /** When its cursor last changed: idle cursors fade away. */
  cursorAt: number;
  /** When any of its fields last changed: picks the tab to follow among a user's tabs. */
  activeAt: number;
}

/** One person, however many tabs they have open. */
export interface PeerUser {
  userId: string;
  name: string;
  color: string;
  clientIds: readonly number[];
  seenAt: number;
}

export interface PeerCursor extends PeerMark, FlowPoint {}

export interface EditingMark {
  nodeId: string;
  param: string;
  mark: PeerMark;
}

/** A cursor not moved for this long is hidden: its owner is reading, or away from the tab. */
export const CURSOR_IDLE_MS = 60_000;

const samePoint = (a: FlowPoint | null, b: FlowPoint | null) => a === b || (!!a && !!b && a.x === b.x && a.y === b.y);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function sameState(a: AwarenessState, b: AwarenessState): boolean {
  return (
    a.user.id === b.user.id &&
    a.user.name === b.user.name &&
    a.user.color === b.user.color &&
    samePoint(a.cursor, b.cursor) &&
    (a.viewport === b.viewport || (!!a.viewport && !!b.viewport && a.viewport.x === b.viewport.x && a.viewport.y === b.viewport.y && a.viewport.zoom === b.viewport.zoom)) &&
    sameList(a.selection, b.selection) &&
    (a.editing === b.editing || (!!a.editing && !!b.editing && a.editing.nodeId === b.editing.nodeId && a.editing.param === b.editing.param)) &&
    JSON.stringify(a.following) === JSON.stringify(b.following)
  );
}

/**
 * Folds the latest parsed states into the tracked peers. An unchanged peer keeps its object
 * (so derived values can be compared by identity); peers absent from `next` are gone.
 */
export function trackPeers(prev: ReadonlyMap<number, TrackedPeer>, next: ReadonlyMap<number, AwarenessState>, now: number): Map<number, TrackedPeer> {
  const out = new Map<number, TrackedPeer>();
  for (const [clientId, state] of next) {
    const before = prev.get(clientId);
    if (before && sameState(before.state, state)) {
      out.set(clientId, before);
      continue;
    }
    out.set(clientId, {
      clientId,
      state,
      seenAt: before?.seenAt ?? now,
      cursorAt: before && samePoint(before.state.cursor, state.cursor) ? before.cursorAt : now,
      activeAt: now,
    });
  }
  return out;
}

/** True when both maps hold the very same tracked peers. */
export function samePeers(a: ReadonlyMap<number, TrackedPeer>, b: ReadonlyMap<number, TrackedPeer>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, peer] of a) if (b.get(id) !== peer) return false;
  return true;
}

const byArrival = (a: TrackedPeer, b: TrackedPeer) => a.seenAt - b.seenAt || a.clientId - b.clientId;

export function inArrivalOrder(peers: ReadonlyMap<number, TrackedPeer>): TrackedPeer[] {
  return [...peers.values()].sort(byArrival);
}

export function markOf(peer: TrackedPeer): PeerMark {
  const { id, name, color } = peer.state.user;
  return { clientId: peer.clientId, userId: id, name, color };
}

/** The people present, once each (a user in two tabs is one avatar), without this user. */
export function groupPeersByUser(peers: ReadonlyMap<number, TrackedPeer>, selfUserId?: string): PeerUser[] {
  const users = new Map<string, PeerUser & { clientIds: number[] }>();
  for (const peer of inArrivalOrder(peers)) {
    const { id, name, color } = peer.state.user;
    if (id === selfUserId) continue;
    const user = users.get(id);
    if (user) user.clientIds.push(peer.clientId);
    else users.set(id, { userId: id, name, color, clientIds: [peer.clientId], seenAt: peer.seenAt });
  }
  return [...users.values()];
}

/** Node id → the peers who selected it, one mark per user, in arrival order. */
export function buildSelectionMap(peers: ReadonlyMap<number, TrackedPeer>): Map<string, PeerMark[]> {
  const map = new Map<string, PeerMark[]>();
  for (const peer of inArrivalOrder(peers)) {
    for (const nodeId of new Set(peer.state.selection)) {
      const marks = map.get(nodeId);
      if (!marks) map.set(nodeId, [markOf(peer)]);
      else if (!marks.some((m) => m.userId === peer.state.user.id)) marks.push(markOf(peer));
    }
  }
  return map;
}

/** The fields peers are editing, one mark per user and field. */
export function buildEditingMarks(peers: ReadonlyMap<number, TrackedPeer>): EditingMark[] {
  const out: EditingMark[] = [];
  for (const peer of inArrivalOrder(peers)) {
    const editing = peer.state.editing;
    if (!editing) continue;
    const mark = markOf(peer);
    if (out.some((e) => e.nodeId === editing.nodeId && e.param === editing.param && e.mark.userId === mark.userId)) continue;
    out.push({ nodeId: editing.nodeId, param: editing.param, mark });
  }
  return out;
}

export function peersEditing(marks: readonly EditingMark[], nodeId: string, param: string): PeerMark[] {
  return marks.filter((e) => e.nodeId === nodeId && e.param === param).map((e) => e.mark);
}

export function isCursorStale(peer: TrackedPeer, now: number, idleMs = CURSOR_IDLE_MS): boolean {
  return now - peer.cursorAt >= idleMs;
}

/** Cursors to draw: every tab's own (a user in two tabs shows two), minus idle ones. */
export function visibleCursors(peers: ReadonlyMap<number, TrackedPeer>, now: number, idleMs = CURSOR_IDLE_MS): PeerCursor[] {
  const out: PeerCursor[] = [];
  for (const peer of inArrivalOrder(peers)) {
    const cursor = peer.state.cursor;
    if (!cursor || isCursorStale(peer, now, idleMs)) continue;
    out.push({ ...markOf(peer), x: cursor.x, y: cursor.y });
  }
  return out;
}

/** When the next visible cursor turns idle (to redraw then), or null if none will. */
export function nextCursorExpiry(peers: ReadonlyMap<number, TrackedPeer>, now: number, idleMs = CURSOR_IDLE_MS): number | null {
  let next: number | null = null;
  for (const peer of peers.values()) {
    if (!peer.state.cursor || isCursorStale(peer, now, idleMs)) continue;
    const at = peer.cursorAt + idleMs;
    if (next === null || at < next) next = at;
  }
  return next;
}

/** The tab to mirror when following a user: the most recently active one that shares a viewport. */
export function pickFollowTarget(peers: ReadonlyMap<number, TrackedPeer>, userId: string): TrackedPeer | null {
  let best: TrackedPeer | null = null;
  for (const peer of peers.values()) {
    if (peer.state.user.id !== userId) continue;
    const better =
      !best ||
      (!!peer.state.viewport && !best.state.viewport) ||
      (!!peer.state.viewport === !!best.state.viewport && peer.activeAt > best.activeAt);
    if (better) best = peer;
  }
  return best;
}

// Structural equality of the derived values, so a cursor moving does not re-render outlines.

const sameMark = (a: PeerMark, b: PeerMark) => a.clientId === b.clientId && a.userId === b.userId && a.name === b.name && a.color === b.color;
const sameMarks = (a: readonly PeerMark[], b: readonly PeerMark[]) => a.length === b.length && a.every((m, i) => sameMark(m, b[i]!));

export function sameUsers(a: readonly PeerUser[], b: readonly PeerUser[]): boolean {
  return (
    a.length === b.length &&
    a.every((u, i) => {
      const v = b[i]!;
      return u.userId === v.userId && u.name === v.name && u.color === v.color && u.seenAt === v.seenAt && u.clientIds.join() === v.clientIds.join();
    })
  );
}

export function sameSelectionMap(a: ReadonlyMap<string, readonly PeerMark[]>, b: ReadonlyMap<string, readonly PeerMark[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [nodeId, marks] of a) {
    const other = b.get(nodeId);
    if (!other || !sameMarks(marks, other)) return false;
  }
  return true;
}

export function sameEditingMarks(a: readonly EditingMark[], b: readonly EditingMark[]): boolean {
  return a.length === b.length && a.every((e, i) => e.nodeId === b[i]!.nodeId && e.param === b[i]!.param && sameMark(e.mark, b[i]!.mark));
}

export function sameCursors(a: readonly PeerCursor[], b: readonly PeerCursor[]): boolean {
  return a.length === b.length && a.every((c, i) => sameMark(c, b[i]!) && c.x === b[i]!.x && c.y === b[i]!.y);
}
