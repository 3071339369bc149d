import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AwarenessState } from '../../../../collab/awareness.ts';
import { FakeTimers } from './fake-timers.ts';
import { CURSOR_IDLE_MS } from './peers.ts';
import { PresenceStore } from './presence-store.ts';

const me = { id: 'u-me', name: 'Me', color: '#46a758' };
const ada = { id: 'u-ada', name: 'Ada', color: '#e5484d' };

const open: Awareness[] = [];
function awareness(): Awareness {
  const a = new Awareness(new Y.Doc());
  open.push(a);
  return a;
}
afterEach(() => {
  for (const a of open.splice(0)) a.destroy();
});

function full(user: AwarenessState['user'], fields: Partial<AwarenessState> = {}): AwarenessState {
  return { user, cursor: null, viewport: null, selection: [], editing: null, following: null, ...fields };
}

/** Delivers a peer's current state to `to`, as the provider does with a server message. */
function deliver(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
}

describe('PresenceStore', () => {
  it('notifies at most once per frame however many changes arrive, with the latest state', () => {
    const timers = new FakeTimers();
    const local = awareness();
    local.setLocalState(full(me));
    const peer = awareness();
    const store = new PresenceStore(local, me.id, timers, 33);
    let notified = 0;
    const unsubscribe = store.subscribe(() => notified++);

    for (let x = 0; x < 10; x++) {
      peer.setLocalState(full(ada, { cursor: { x, y: 0 } }));
      deliver(peer, local);
    }
    // The first change shows at once, the other nine fold into one trailing update.
    expect(notified).toBe(1);
    timers.advance(33);
    expect(notified).toBe(2);
    expect(store.getSnapshot().cursors.map((c) => c.x)).toEqual([9]);
    unsubscribe();
  });

  it('keeps each derived field while only others change', () => {
    const timers = new FakeTimers();
    const local = awareness();
    const peer = awareness();
    const store = new PresenceStore(local, me.id, timers, 33);
    const unsubscribe = store.subscribe(() => {});
    peer.setLocalState(full(ada, { selection: ['n1'], cursor: { x: 0, y: 0 } }));
    deliver(peer, local);
    const before = store.getSnapshot();
    timers.advance(100);
    peer.setLocalState(full(ada, { selection: ['n1'], cursor: { x: 50, y: 50 } }));
    deliver(peer, local);
    const after = store.getSnapshot();
    expect(after.cursors).not.toBe(before.cursors);
    expect(after.selections).toBe(before.selections);
    expect(after.users).toBe(before.users);
    expect(after.editing).toBe(before.editing);
    unsubscribe();
  });

  it('ignores changes of this client only, and does not list this client as a peer', () => {
    const timers = new FakeTimers();
    const local = awareness();
    const store = new PresenceStore(local, me.id, timers, 33);
    let notified = 0;
    const unsubscribe = store.subscribe(() => notified++);
    local.setLocalState(full(me, { cursor: { x: 1, y: 1 } }));
    timers.advance(100);
    expect(notified).toBe(0);
    expect(store.getSnapshot().peers.size).toBe(0);
    unsubscribe();
  });

  it('drops a peer whose awareness is removed (disconnect)', () => {
    const timers = new FakeTimers();
    const local = awareness();
    const peer = awareness();
    const store = new PresenceStore(local, me.id, timers, 33);
    const unsubscribe = store.subscribe(() => {});
    peer.setLocalState(full(ada, { cursor: { x: 1, y: 1 }, selection: ['n1'] }));
    deliver(peer, local);
    expect(store.getSnapshot().users.map((u) => u.userId)).toEqual(['u-ada']);
    timers.advance(100);
    removeAwarenessStates(local, [peer.clientID], 'remote');
    const snap = store.getSnapshot();
    expect(snap.users).toEqual([]);
    expect(snap.cursors).toEqual([]);
    expect(snap.selections.size).toBe(0);
    unsubscribe();
  });

  it('hides an idle cursor when it turns stale, without any new awareness message', () => {
    const timers = new FakeTimers();
    const local = awareness();
    const peer = awareness();
    const store = new PresenceStore(local, me.id, timers, 33);
    let notified = 0;
    const unsubscribe = store.subscribe(() => notified++);
    peer.setLocalState(full(ada, { cursor: { x: 1, y: 1 } }));
    deliver(peer, local);
    expect(store.getSnapshot().cursors).toHaveLength(1);
    const seen = notified;
    timers.advance(CURSOR_IDLE_MS + 5);
    expect(notified).toBe(seen + 1);
    expect(store.getSnapshot().cursors).toEqual([]);
    unsubscribe();
  });

  it('stops listening when the last subscriber leaves', () => {
    const timers = new FakeTimers();
    const local = awareness();
    const peer = awareness();
    const store = new PresenceStore(local, me.id, timers, 33);
    const unsubscribe = store.subscribe(() => {});
    unsubscribe();
    peer.setLocalState(full(ada));
    deliver(peer, local);
    expect(store.getSnapshot().users).toEqual([]);
    expect(timers.pending).toBe(0);
    // A new subscriber catches up at once.
    store.subscribe(() => {})();
    expect(store.getSnapshot().users.map((u) => u.userId)).toEqual(['u-ada']);
  });
});
