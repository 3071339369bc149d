import type { AwarenessState } from '../../../../collab/awareness.ts';

/** Someone replaying a run with "Present" on: others can watch along. Pure. */
export interface Presenter {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  executionId: string;
  seq: number;
}

/** Peers publishing a replay position, this user's own tabs left out, in client-id order. */
export function presentersOf(peers: ReadonlyMap<number, AwarenessState>, selfUserId: string): Presenter[] {
  const out: Presenter[] = [];
  for (const [clientId, state] of peers) {
    const f = state.following;
    if (f?.kind !== 'replay' || state.user.id === selfUserId) continue;
    out.push({ clientId, userId: state.user.id, name: state.user.name, color: state.user.color, executionId: f.executionId, seq: f.seq });
  }
  return out.sort((a, b) => a.clientId - b.clientId);
}

export function samePresenters(a: readonly Presenter[], b: readonly Presenter[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]!;
      return p.clientId === q.clientId && p.executionId === q.executionId && p.seq === q.seq && p.name === q.name && p.color === q.color;
    })
  );
}

/** What a follower should do for the user it follows: watch their replay at their position, or nothing. */
export function presenterFor(presenters: readonly Presenter[], followingUserId: string | null): Presenter | null {
  if (!followingUserId) return null;
  return presenters.find((p) => p.userId === followingUserId) ?? null;
}
