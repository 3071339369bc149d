import { describe, expect, it } from 'vitest';
import { stackAvatars } from './avatar-stack.ts';
import type { PeerUser } from './peers.ts';

const users = (n: number): PeerUser[] =>
  Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, name: `User ${i}`, color: '#0090ff', clientIds: [i], seenAt: i }));
const ids = (list: PeerUser[]) => list.map((u) => u.userId);

describe('stackAvatars', () => {
  it('shows everyone when one more than the limit would only make a "+1"', () => {
    expect(ids(stackAvatars(users(5), 4, null).shown)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(stackAvatars(users(5), 4, null).more).toEqual([]);
  });

  it('puts the rest behind "+N"', () => {
    const { shown, more } = stackAvatars(users(7), 4, null);
    expect(ids(shown)).toEqual(['u0', 'u1', 'u2', 'u3']);
    expect(ids(more)).toEqual(['u4', 'u5', 'u6']);
  });

  it('always shows the person being followed', () => {
    const { shown, more } = stackAvatars(users(7), 4, 'u5');
    expect(ids(shown)).toEqual(['u0', 'u1', 'u2', 'u5']);
    expect(ids(more)).toEqual(['u3', 'u4', 'u6']);
  });
});
