import { setFollowing } from '../presence/following.ts';
import type { EditorSession } from '../session/editor-session.ts';
import { runsStoreOf } from './runs-store.ts';

/**
 * Opening and closing a replay touch three places (the runs store, the canvas view and overlay,
 * this user's awareness); these keep them consistent wherever the action starts.
 */

export function openReplay(session: EditorSession, runId: string, options?: { seq?: number | null; followed?: boolean }): void {
  const runs = runsStoreOf(session.store).getState();
  if (runs.replay?.runId === runId) {
    if (options?.seq != null) runs.patchReplay({ seq: options.seq, playing: false });
    if (options?.followed !== undefined) runs.patchReplay({ followed: options.followed });
    return;
  }
  if (runs.replay) closeReplay(session);
  runs.openReplay(runId, options);
}

/** Label of the definition view a replay put on the canvas; closing only undoes its own view. */
export const replayViewLabel = (versionNumber: number, shortId: string) => `Version ${versionNumber} (run #${shortId})`;
const REPLAY_VIEW = /^Version \d+ \(run #\w+\)$/;

export function closeReplay(session: EditorSession): void {
  const runs = runsStoreOf(session.store);
  const replay = runs.getState().replay;
  if (!replay) return;
  runs.getState().closeReplay();
  const ui = session.store.getState();
  if (ui.view.kind === 'definition' && REPLAY_VIEW.test(ui.view.label)) ui.setView({ kind: 'doc' });
  ui.setOverlay(runs.getState().live);
  setFollowing(session.awareness, null, 'replay');
}
