import { describe, expect, it } from 'vitest';
import type { AwarenessState } from '../../../../collab/awareness.ts';
import { presenterFor, presentersOf, samePresenters } from './presenters.ts';

const state = (id: string, following: AwarenessState['following']): AwarenessState => ({
  user: { id, name: id.toUpperCase(), color: '#3e63dd' },
  cursor: null,
  viewport: null,
  selection: [],
  editing: null,
  following,
});

describe('presenters', () => {
  const peers = new Map<number, AwarenessState>([
    [7, state('ana', { kind: 'replay', executionId: 'run1', seq: 4 })],
    [3, state('bo', { kind: 'user', userId: 'ana' })],
    [5, state('me', { kind: 'replay', executionId: 'run2', seq: 1 })],
    [2, state('cy', { kind: 'replay', executionId: 'run2', seq: 9 })],
    [9, state('di', null)],
  ]);

  it('are the peers publishing a replay position, without my own tabs', () => {
    expect(presentersOf(peers, 'me').map((p) => [p.userId, p.executionId, p.seq])).toEqual([
      ['cy', 'run2', 9],
      ['ana', 'run1', 4],
    ]);
  });

  it('tell a follower where the followed user is', () => {
    const list = presentersOf(peers, 'me');
    expect(presenterFor(list, 'ana')?.seq).toBe(4);
    expect(presenterFor(list, 'bo')).toBeNull();
    expect(presenterFor(list, null)).toBeNull();
  });

  it('compare by what is shown', () => {
    const a = presentersOf(peers, 'me');
    expect(samePresenters(a, presentersOf(new Map(peers), 'me'))).toBe(true);
    const moved = new Map(peers).set(7, state('ana', { kind: 'replay', executionId: 'run1', seq: 5 }));
    expect(samePresenters(a, presentersOf(moved, 'me'))).toBe(false);
  });
});
