import { describe, expect, it } from 'vitest';
import type { AwarenessState } from '../../../../collab/awareness.ts';
import {
  CURSOR_IDLE_MS,
  buildEditingMarks,
  buildSelectionMap,
  groupPeersByUser,
  isCursorStale,
  nextCursorExpiry,
  peersEditing,
  pickFollowTarget,
  sameSelectionMap,
  trackPeers,
  visibleCursors,
  type TrackedPeer,
} from './peers.ts';

const ada = { id: 'u-ada', name: 'Ada Lovelace', color: '#e5484d' };
const bob = { id: 'u-bob', name: 'Bob', color: '#0090ff' };

function state(user: AwarenessState['user'], fields: Partial<AwarenessState> = {}): AwarenessState {
  return { user, cursor: null, viewport: null, selection: [], editing: null, following: null, ...fields };
}

/** Tracks states arriving one after the other, `step` ms apart, from an empty start. */
function arrive(entries: [number, AwarenessState][], step = 10): Map<number, TrackedPeer> {
  let peers = new Map<number, TrackedPeer>();
  let now = 0;
  const states = new Map<number, AwarenessState>();
  for (const [clientId, s] of entries) {
    states.set(clientId, s);
    peers = trackPeers(peers, states, (now += step));
  }
  return peers;
}

describe('trackPeers', () => {
  it('keeps the very same object for a peer whose state did not change', () => {
    const first = trackPeers(new Map(), new Map([[1, state(ada, { selection: ['a'] })]]), 100);
    const second = trackPeers(first, new Map([[1, state(ada, { selection: ['a'] })]]), 200);
    expect(second.get(1)).toBe(first.get(1));
  });

  it('stamps when the cursor last moved, apart from other changes', () => {
    const t0 = trackPeers(new Map(), new Map([[1, state(ada, { cursor: { x: 1, y: 2 } })]]), 100);
    const t1 = trackPeers(t0, new Map([[1, state(ada, { cursor: { x: 1, y: 2 }, selection: ['n1'] })]]), 200);
    expect(t1.get(1)).toMatchObject({ seenAt: 100, cursorAt: 100, activeAt: 200 });
    const t2 = trackPeers(t1, new Map([[1, state(ada, { cursor: { x: 5, y: 2 }, selection: ['n1'] })]]), 300);
    expect(t2.get(1)).toMatchObject({ seenAt: 100, cursorAt: 300, activeAt: 300 });
  });

  it('drops peers whose awareness was removed', () => {
    const t0 = arrive([
      [1, state(ada)],
      [2, state(bob)],
    ]);
    const t1 = trackPeers(t0, new Map([[2, state(bob)]]), 1000);
    expect([...t1.keys()]).toEqual([2]);
  });
});

describe('groupPeersByUser', () => {
  it('shows a user with two tabs once, lists clients in arrival order, and leaves this user out', () => {
    const me = { id: 'u-me', name: 'Me', color: '#46a758' };
    const peers = arrive([
      [30, state(bob)],
      [10, state(ada)],
      [20, state(me)],
      [40, state(ada)],
    ]);
    const users = groupPeersByUser(peers, me.id);
    expect(users.map((u) => [u.userId, u.clientIds])).toEqual([
      ['u-bob', [30]],
      ['u-ada', [10, 40]],
    ]);
  });
});

describe('buildSelectionMap', () => {
  it('maps each node to the peers who selected it, one mark per user, in arrival order', () => {
    const peers = arrive([
      [1, state(ada, { selection: ['n1', 'n2'] })],
      [2, state(bob, { selection: ['n2'] })],
      [3, state(ada, { selection: ['n2', 'n3'] })],
    ]);
    const map = buildSelectionMap(peers);
    expect([...map.keys()].sort()).toEqual(['n1', 'n2', 'n3']);
    expect(map.get('n2')!.map((m) => m.userId)).toEqual(['u-ada', 'u-bob']);
    expect(map.get('n3')).toEqual([{ clientId: 3, userId: 'u-ada', name: 'Ada Lovelace', color: '#e5484d' }]);
  });

  it('compares structurally, so an unrelated cursor move keeps outlines as they are', () => {
    const before = arrive([[1, state(ada, { selection: ['n1'], cursor: { x: 0, y: 0 } })]]);
    const after = trackPeers(before, new Map([[1, state(ada, { selection: ['n1'], cursor: { x: 9, y: 9 } })]]), 999);
    expect(sameSelectionMap(buildSelectionMap(before), buildSelectionMap(after))).toBe(true);
    const changed = trackPeers(after, new Map([[1, state(ada, { selection: ['n2'] })]]), 1000);
    expect(sameSelectionMap(buildSelectionMap(after), buildSelectionMap(changed))).toBe(false);
  });
});

describe('editing marks', () => {
  it('lists who edits which field, once per user and field', () => {
    const peers = arrive([
      [1, state(ada, { editing: { nodeId: 'n1', param: 'url' } })],
      [2, state(bob, { editing: { nodeId: 'n1', param: 'url' } })],
      [3, state(ada, { editing: { nodeId: 'n1', param: 'url' } })],
      [4, state(bob, { editing: { nodeId: 'n1', param: 'method' } })],
    ]);
    const marks = buildEditingMarks(peers);
    expect(peersEditing(marks, 'n1', 'url').map((m) => m.name)).toEqual(['Ada Lovelace', 'Bob']);
    expect(peersEditing(marks, 'n1', 'method').map((m) => m.clientId)).toEqual([4]);
    expect(peersEditing(marks, 'n2', 'url')).toEqual([]);
  });
});

describe('cursors', () => {
  it('draws one cursor per tab, hides a null one, and hides one idle for too long', () => {
    const peers = arrive([
      [1, state(ada, { cursor: { x: 10, y: 20 } })],
      [2, state(ada, { cursor: { x: 30, y: 40 } })],
      [3, state(bob)],
    ]);
    expect(visibleCursors(peers, 100).map((c) => [c.clientId, c.x, c.y])).toEqual([
      [1, 10, 20],
      [2, 30, 40],
    ]);
    const peer1 = peers.get(1)!;
    expect(isCursorStale(peer1, peer1.cursorAt + CURSOR_IDLE_MS - 1)).toBe(false);
    expect(isCursorStale(peer1, peer1.cursorAt + CURSOR_IDLE_MS)).toBe(true);
    expect(visibleCursors(peers, peers.get(2)!.cursorAt + CURSOR_IDLE_MS - 1).map((c) => c.clientId)).toEqual([2]);
  });

  it('knows when the next visible cursor turns idle', () => {
    const peers = arrive([
      [1, state(ada, { cursor: { x: 0, y: 0 } })],
      [2, state(bob, { cursor: { x: 0, y: 0 } })],
    ]);
    expect(nextCursorExpiry(peers, 20)).toBe(10 + CURSOR_IDLE_MS);
    expect(nextCursorExpiry(peers, 10 + CURSOR_IDLE_MS)).toBe(20 + CURSOR_IDLE_MS);
    expect(nextCursorExpiry(peers, 20 + CURSOR_IDLE_MS)).toBeNull();
  });
});

describe('pickFollowTarget', () => {
  it('follows the most recently active tab of the user that shares a viewport', () => {
    const vp = { x: 0, y: 0, zoom: 1 };
    let peers = arrive([
      [1, state(ada, { viewport: vp })],
      [2, state(ada, { viewport: vp })],
      [3, state(ada)],
    ]);
    expect(pickFollowTarget(peers, 'u-ada')?.clientId).toBe(2);
    const states = new Map([...peers].map(([id, p]) => [id, p.state]));
    states.set(1, state(ada, { viewport: { x: 5, y: 0, zoom: 1 } }));
    peers = trackPeers(peers, states, 500);
    expect(pickFollowTarget(peers, 'u-ada')?.clientId).toBe(1);
    expect(pickFollowTarget(peers, 'u-bob')).toBeNull();
  });
});
