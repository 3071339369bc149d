import type * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { diffDefinitions, type DefinitionDiff } from '../../../../collab/version-diff.ts';
import { definitionFromDoc } from '../../../../collab/workflow-doc.ts';
import type { WorkflowDefinition } from '../../../../engine/definition.ts';
import type { EditorStore } from '../editor-store.ts';
import { overlayFromDiff } from './diff-overlay.ts';

export type ComparedVersion = { id: string; number: number; definition: WorkflowDefinition };

export type LiveDiffState = {
  version: ComparedVersion | null;
  /** From the compared version to the document as it is now. */
  diff: DefinitionDiff | null;
};

export type LiveDiff = {
  state: StoreApi<LiveDiffState>;
  /** Compares `version` with the document and keeps the canvas overlay current as the document changes. */
  show(version: ComparedVersion): void;
  hide(): void;
};

export const diffLabel = (versionNumber: number) => `Changes since version ${versionNumber}`;

/**
 * A version compared with the live document, kept current outside React: it lives as long as
 * the editor, so the canvas keeps painting it while the versions panel is closed or another
 * tab of the side panel is open. Recomputes at most every `delayMs` while people edit, and
 * stops when anyone clears the canvas diff (the canvas' own "hide changes").
 */
export function createLiveDiff(doc: Y.Doc, store: EditorStore, delayMs = 150): LiveDiff {
  const state = createStore<LiveDiffState>(() => ({ version: null, diff: null }));
  let timer: ReturnType<typeof setTimeout> | null = null;

  const recompute = () => {
    timer = null;
    const { version } = state.getState();
    if (!version) return;
    const diff = diffDefinitions(version.definition, definitionFromDoc(doc));
    state.setState({ diff });
    store.getState().setDiff(overlayFromDiff(diff, diffLabel(version.number)));
  };
  const onUpdate = () => {
    if (timer === null) timer = setTimeout(recompute, delayMs);
  };
  const stop = () => {
    doc.off('update', onUpdate);
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  store.subscribe((s, prev) => {
    if (prev.diff && !s.diff && state.getState().version) {
      stop();
      state.setState({ version: null, diff: null });
    }
  });

  return {
    state,
    show(version) {
      stop();
      state.setState({ version, diff: null });
      doc.on('update', onUpdate);
      recompute();
    },
    hide() {
      stop();
      state.setState({ version: null, diff: null });
      store.getState().setDiff(null);
    },
  };
}

const perEditor = new WeakMap<EditorStore, LiveDiff>();

/** The one live diff of an open editor (its UI store identifies the editor mount). */
export function liveDiffOf(doc: Y.Doc, store: EditorStore): LiveDiff {
  let live = perEditor.get(store);
  if (!live) perEditor.set(store, (live = createLiveDiff(doc, store)));
  return live;
}
