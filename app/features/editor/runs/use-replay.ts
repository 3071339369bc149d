'use client';

import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { definitionFromDoc, sameDefinition } from '../../../../collab/index.ts';
import { parseDefinition } from '../../../../engine/definition.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { setFollowing } from '../presence/following.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { closeReplay, replayViewLabel } from './replay-control.ts';
import { buildTimeline, nextStep, previousSeq, type ReplaySpeed } from './replay-timeline.ts';
import { eventsOf, reusedBase } from './run-data.ts';
import { shortRunId } from './run-format.ts';
import { isRunActive, overlayAt } from './run-overlay.ts';
import { runsStoreOf, useRunsStore } from './runs-store.ts';

/** How often a presenter's position goes out at most (awareness is shared with cursors). */
const PRESENT_EVERY_MS = 120;
/** A run still going is re-read this often while it is replayed. */
const ACTIVE_REFRESH_MS = 1500;

/**
 * Everything a replay does besides drawing its controls: loads the run, shows the version it ran
 * when that differs from the live document, paints the overlay at the current position, advances
 * while playing, and publishes the position while presenting.
 */
export function useReplay() {
  const session = useEditorSession();
  const trpc = useTRPC();
  const { workflowId, store, awareness, doc } = session;
  const runs = runsStoreOf(store);
  const replay = useRunsStore((s) => s.replay);
  const runId = replay?.runId ?? null;

  const query = useQuery(
    trpc.run.get.queryOptions(runId ? { workflowId, runId } : skipToken, {
      refetchInterval: (q) => (q.state.data && isRunActive(q.state.data.run.status) ? ACTIVE_REFRESH_MS : false),
    }),
  );
  const data = query.data && query.data.run.id === runId ? query.data : undefined;
  const events = useMemo(() => (data ? eventsOf(data.events) : []), [data]);
  const base = useMemo(() => (data ? reusedBase(data.nodeRuns) : {}), [data]);
  const speed: ReplaySpeed = replay?.speed ?? 1;
  const timeline = useMemo(() => buildTimeline(events, speed), [events, speed]);
  const seq = replay?.seq ?? null;
  const playing = replay?.playing ?? false;
  const presenting = replay?.presenting ?? false;
  const followed = replay?.followed ?? false;

  // Opens at the end; a run still going keeps the position at its end as events arrive.
  const lastSeen = useRef<{ runId: string; lastSeq: number } | null>(null);
  useEffect(() => {
    if (!runId || !data) return;
    const before = lastSeen.current?.runId === runId ? lastSeen.current.lastSeq : null;
    lastSeen.current = { runId, lastSeq: timeline.lastSeq };
    if (seq === null || (!playing && !followed && before !== null && seq === before && timeline.lastSeq > before)) {
      runs.getState().patchReplay({ seq: timeline.lastSeq });
    }
  }, [runId, data, timeline.lastSeq, seq, playing, followed, runs]);

  // The canvas shows the version the run ran, unless the document still is that version.
  const viewSetFor = useRef<string | null>(null);
  useEffect(() => {
    if (!runId) {
      viewSetFor.current = null;
      return;
    }
    if (!data || viewSetFor.current === runId) return;
    viewSetFor.current = runId;
    // Both sides through the schema, so defaults a stored version spells out compare equal to omitted ones.
    const parsed = parseDefinition(data.run.version.definition);
    const live = parseDefinition(definitionFromDoc(doc));
    if (!parsed.ok || (live.ok && sameDefinition(parsed.definition, live.definition))) return;
    store.getState().setView({ kind: 'definition', definition: parsed.definition, label: replayViewLabel(data.run.version.number, shortRunId(runId)) });
  }, [runId, data, doc, store]);

  useEffect(() => {
    if (!runId || !data || seq === null) return;
    store.getState().setOverlay(overlayAt(runId, 'replay', events, seq, base));
  }, [runId, data, events, base, seq, store]);

  useEffect(() => {
    if (!playing || seq === null) return;
    const next = nextStep(timeline, seq);
    if (!next) {
      runs.getState().patchReplay({ playing: false });
      return;
    }
    const timer = setTimeout(() => runs.getState().patchReplay({ seq: next.seq }), next.delayMs);
    return () => clearTimeout(timer);
  }, [playing, seq, timeline, runs]);

  // Leading and trailing: the first move goes out at once, the last one always arrives.
  const sentAt = useRef(0);
  useEffect(() => {
    if (!runId || !presenting) {
      setFollowing(awareness, null, 'replay');
      return;
    }
    if (seq === null) return;
    const send = () => {
      sentAt.current = Date.now();
      setFollowing(awareness, { kind: 'replay', executionId: runId, seq });
    };
    const wait = PRESENT_EVERY_MS - (Date.now() - sentAt.current);
    if (wait <= 0) return void send();
    const timer = setTimeout(send, wait);
    return () => clearTimeout(timer);
  }, [runId, presenting, seq, awareness]);

  /** A user's own move takes back control from the presenter being followed. */
  const takeControl = () => {
    if (!runs.getState().replay?.followed) return;
    store.getState().follow(null);
    runs.getState().patchReplay({ followed: false });
  };
  const seek = (to: number) => {
    takeControl();
    runs.getState().patchReplay({ seq: Math.max(0, Math.min(timeline.lastSeq, Math.round(to))) });
  };

  return {
    replay,
    run: data?.run ?? null,
    loading: query.isPending && runId !== null,
    error: query.error,
    events,
    timeline,
    seek,
    play() {
      takeControl();
      const state = runs.getState().replay;
      // Playing from the end starts over.
      const from = state?.seq === null || (state && state.seq !== null && state.seq >= timeline.lastSeq) ? 0 : state?.seq;
      runs.getState().patchReplay({ playing: true, seq: from ?? 0 });
    },
    pause: () => runs.getState().patchReplay({ playing: false }),
    stepForward() {
      const next = seq === null ? null : nextStep(timeline, seq);
      if (next) seek(next.seq);
      runs.getState().patchReplay({ playing: false });
    },
    stepBack() {
      if (seq !== null) seek(previousSeq(timeline, seq));
      runs.getState().patchReplay({ playing: false });
    },
    toEnd() {
      seek(timeline.lastSeq);
      runs.getState().patchReplay({ playing: false });
    },
    setSpeed: (s: ReplaySpeed) => runs.getState().patchReplay({ speed: s }),
    togglePresent: () => runs.getState().patchReplay({ presenting: !presenting }),
    close() {
      takeControl();
      closeReplay(session);
    },
  };
}
