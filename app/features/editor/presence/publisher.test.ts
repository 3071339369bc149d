import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { FakeTimers } from './fake-timers.ts';
import { PresencePublisher } from './publisher.ts';

const open: Awareness[] = [];
function awareness(): Awareness {
  const a = new Awareness(new Y.Doc());
  open.push(a);
  a.setLocalState({ user: { id: 'u-me', name: 'Me', color: '#46a758' } });
  return a;
}
afterEach(() => {
  for (const a of open.splice(0)) a.destroy();
});

/** Counts the awareness updates the provider would send. */
function countUpdates(a: Awareness): { count: number } {
  const counter = { count: 0 };
  a.on('update', ({ updated }: { updated: number[] }) => {
    if (updated.includes(a.clientID)) counter.count++;
  });
  return counter;
}

describe('PresencePublisher', () => {
  it('streams cursor and viewport together at most once per frame, last value last', () => {
    const timers = new FakeTimers();
    const a = awareness();
    const sent = countUpdates(a);
    const publisher = new PresencePublisher(a, 33, timers);
    publisher.stream({ cursor: { x: 1, y: 1 } });
    publisher.stream({ cursor: { x: 2, y: 2 } });
    publisher.stream({ viewport: { x: 0, y: 0, zoom: 2 } });
    publisher.stream({ cursor: { x: 3, y: 3 } });
    expect(sent.count).toBe(1);
    timers.advance(33);
    expect(sent.count).toBe(2);
    expect(a.getLocalState()).toMatchObject({ cursor: { x: 3, y: 3 }, viewport: { x: 0, y: 0, zoom: 2 }, user: { id: 'u-me' } });
  });

  it('sends at once, taking queued fields along, and drops the queued write', () => {
    const timers = new FakeTimers();
    const a = awareness();
    const publisher = new PresencePublisher(a, 33, timers);
    publisher.stream({ cursor: { x: 1, y: 1 } });
    publisher.stream({ cursor: { x: 2, y: 2 } });
    const sent = countUpdates(a);
    publisher.send({ selection: ['n1'] });
    expect(sent.count).toBe(1);
    expect(a.getLocalState()).toMatchObject({ cursor: { x: 2, y: 2 }, selection: ['n1'] });
    timers.advance(100);
    expect(sent.count).toBe(1);
  });

  it('skips writes that change nothing (every write would be broadcast)', () => {
    const timers = new FakeTimers();
    const a = awareness();
    const publisher = new PresencePublisher(a, 33, timers);
    publisher.send({ selection: ['n1'], editing: null });
    const sent = countUpdates(a);
    publisher.send({ selection: ['n1'] });
    publisher.send({ editing: null });
    expect(sent.count).toBe(0);
  });

  it('does nothing once the local state is gone', () => {
    const a = awareness();
    a.setLocalState(null);
    new PresencePublisher(a, 33, new FakeTimers()).send({ cursor: { x: 1, y: 1 } });
    expect(a.getLocalState()).toBeNull();
  });
});
