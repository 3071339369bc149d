import { create } from 'zustand';
import type { EditorStore, NodeOverlay, RunOverlay } from '../editor-store.ts';
import { useEditorSession } from '../session/editor-session.ts';
import type { ReplaySpeed } from './replay-timeline.ts';

/**
 * Local state of the runs feature for one open editor: the live run's overlay (kept while a
 * replay covers it, so closing the replay brings it back), the replay being watched and how,
 * and the live follower so the Run button can point it at the run it just started.
 */

export interface ReplayState {
  runId: string;
  /** Position (event seq); null until the run has loaded, then it opens at the end. */
  seq: number | null;
  playing: boolean;
  speed: ReplaySpeed;
  /** This user publishes the position in awareness so others can watch along. */
  presenting: boolean;
  /** Opened because this user follows a presenter: it moves with them. */
  followed: boolean;
}

export interface RunsUiState {
  live: RunOverlay | null;
  replay: ReplayState | null;
  /** Set by useLiveRuns: makes the live overlay follow a run (the one this tab just started). */
  followLive: ((runId: string, base?: Readonly<Record<string, NodeOverlay>>) => void) | null;
  setLive(overlay: RunOverlay | null): void;
  openReplay(runId: string, options?: { seq?: number | null; followed?: boolean }): void;
  patchReplay(patch: Partial<ReplayState>): void;
  closeReplay(): void;
}

function createRunsStore() {
  return create<RunsUiState>()((set) => ({
    live: null,
    replay: null,
    followLive: null,
    setLive: (live) => set({ live }),
    openReplay: (runId, options = {}) =>
      set((s) => ({
        replay: {
          runId,
          seq: options.seq ?? null,
          playing: false,
          speed: s.replay?.speed ?? 1,
          presenting: s.replay?.runId === runId ? s.replay.presenting : false,
          followed: options.followed ?? false,
        },
      })),
    patchReplay: (patch) => set((s) => (s.replay ? { replay: { ...s.replay, ...patch } } : s)),
    closeReplay: () => set({ replay: null }),
  }));
}

export type RunsStore = ReturnType<typeof createRunsStore>;

// One per editor store, so it lives and dies with the editor mount like the store itself.
const stores = new WeakMap<EditorStore, RunsStore>();

export function runsStoreOf(store: EditorStore): RunsStore {
  let runs = stores.get(store);
  if (!runs) stores.set(store, (runs = createRunsStore()));
  return runs;
}

export function useRunsStore<T>(selector: (state: RunsUiState) => T): T {
  return runsStoreOf(useEditorSession().store)(selector);
}
