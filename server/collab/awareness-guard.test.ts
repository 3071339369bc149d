import { describe, expect, it } from 'vitest';
import { colorForUser } from '../../collab/awareness.ts';
import { guardAwareness } from './awareness-guard.ts';

const user = { id: 'u1', name: 'Ada', email: '' };

describe('guardAwareness', () => {
  it('keeps only the ids the frame carried and this connection may own, stamped with the user', () => {
    const mine = new Set<number>([1]);
    const theirs = new Set<number>([2]);
    const states = new Map<number, Record<string, unknown>>([
      [99, {}], // the decoder's own phantom
      [1, { user: { id: 'x', name: 'X', color: '#000000' }, cursor: { x: 3, y: 4 } }],
      [2, { cursor: { x: 666, y: 666 } }], // a peer's id
      [3, { cursor: { x: 5, y: 5 } }], // a second id of this connection
      [4, {}],
      [5, {}],
      [6, {}], // over the limit
    ]);
    guardAwareness({ states, sent: new Set([1, 2, 3, 4, 5, 6]), user, own: mine, connections: [{ clients: mine }, { clients: theirs }], maxClients: 4 });
    expect([...states.keys()]).toEqual([1, 3, 4, 5]);
    expect(states.get(1)).toEqual({
      user: { id: 'u1', name: 'Ada', color: colorForUser('u1') },
      cursor: { x: 3, y: 4 },
      viewport: null,
      selection: [],
      editing: null,
      following: null,
    });
  });
});
