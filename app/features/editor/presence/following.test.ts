import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { setFollowing } from './following.ts';

const open: Awareness[] = [];
function awareness(): Awareness {
  const a = new Awareness(new Y.Doc());
  open.push(a);
  a.setLocalState({ user: { id: 'u-me', name: 'Me', color: '#46a758' }, following: null });
  return a;
}
afterEach(() => {
  for (const a of open.splice(0)) a.destroy();
});

const replay = { kind: 'replay', executionId: 'run-1', seq: 4 } as const;
const user = { kind: 'user', userId: 'u-ada' } as const;
const following = (a: Awareness) => a.getLocalState()?.following;

describe('setFollowing', () => {
  it('publishes and clears a user follow', () => {
    const a = awareness();
    expect(setFollowing(a, user)).toBe(true);
    expect(following(a)).toEqual(user);
    expect(setFollowing(a, null, 'user')).toBe(true);
    expect(following(a)).toBeNull();
  });

  it('never replaces a replay with a user follow, nor clears a replay when clearing a user follow', () => {
    const a = awareness();
    setFollowing(a, replay);
    expect(setFollowing(a, user)).toBe(false);
    expect(setFollowing(a, null, 'user')).toBe(false);
    expect(following(a)).toEqual(replay);
  });

  it('lets a replay replace a user follow, and a plain clear clear anything', () => {
    const a = awareness();
    setFollowing(a, user);
    expect(setFollowing(a, replay)).toBe(true);
    expect(following(a)).toEqual(replay);
    expect(setFollowing(a, { ...replay, seq: 5 })).toBe(true);
    expect(setFollowing(a, null)).toBe(true);
    expect(following(a)).toBeNull();
  });

  it('sends nothing when the value is unchanged', () => {
    const a = awareness();
    setFollowing(a, user);
    let updates = 0;
    a.on('update', () => updates++);
    expect(setFollowing(a, { kind: 'user', userId: 'u-ada' })).toBe(false);
    expect(setFollowing(a, null, 'replay')).toBe(false);
    expect(updates).toBe(0);
  });
});
