import { describe, expect, it } from 'vitest';
import { AwarenessStateSchema, colorForUser, readPeers, sanitizeAwareness } from './awareness.ts';

describe('awareness', () => {
  it('stamps the authenticated identity and keeps each valid field', () => {
    const state = sanitizeAwareness(
      {
        user: { id: 'someone-else', name: 'Mallory', color: '#000000' },
        cursor: { x: 10.5, y: -3 },
        selection: ['a', 'b'],
        editing: { nodeId: 'a', param: 'prompt' },
        following: { kind: 'replay', executionId: 'run-1', seq: 12 },
        viewport: { x: 1, y: 2, zoom: 'big' },
        extra: 'dropped',
      },
      { id: 'u1', name: 'Ada' },
    );
    expect(state).toEqual({
      user: { id: 'u1', name: 'Ada', color: colorForUser('u1') },
      cursor: { x: 10.5, y: -3 },
      viewport: null,
      selection: ['a', 'b'],
      editing: { nodeId: 'a', param: 'prompt' },
      following: { kind: 'replay', executionId: 'run-1', seq: 12 },
    });
    expect(AwarenessStateSchema.parse(state)).toEqual(state);
  });

  it('turns garbage into an empty presence', () => {
    expect(sanitizeAwareness('nonsense', { id: 'u', name: 'U' })).toMatchObject({ cursor: null, selection: [], following: null });
    expect(sanitizeAwareness({ selection: Array(5000).fill('x'), cursor: { x: Infinity, y: 0 } }, { id: 'u', name: 'U' })).toMatchObject({ cursor: null, selection: [] });
  });

  it('gives everyone the same colour for the same user, and reads peers that parse', () => {
    expect(colorForUser('u1')).toBe(colorForUser('u1'));
    const states = new Map<number, Record<string, unknown>>([
      [1, sanitizeAwareness({}, { id: 'a', name: 'A' })],
      [2, { junk: true }],
      [3, sanitizeAwareness({}, { id: 'c', name: 'C' })],
    ]);
    const peers = readPeers(states, 3);
    expect([...peers.keys()]).toEqual([1]);
  });
});
