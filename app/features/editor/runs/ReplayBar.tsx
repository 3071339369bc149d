'use client';

import { useEffect, type ReactNode } from 'react';
import { Badge } from '../../../components/Badge.tsx';
import { XIcon } from '../../../components/Icons.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { closeReplay, openReplay } from './replay-control.ts';
import { REPLAY_SPEEDS, seqFraction, stepIndexAt, type ReplaySpeed, type ReplayTick } from './replay-timeline.ts';
import { formatDuration, shortRunId, statusLabel, statusTone } from './run-format.ts';
import { PauseIcon, PlayIcon, PresentIcon, SkipEndIcon, StepBackIcon, StepForwardIcon } from './run-icons.tsx';
import { runsStoreOf } from './runs-store.ts';
import { presenterFor, type Presenter } from './presenters.ts';
import { usePresenters } from './use-presenters.ts';
import { useReplay } from './use-replay.ts';

/**
 * Over the canvas: the replay controls while a run is open, and a "… is presenting" chip when a
 * peer presents a replay. Also makes this user's replay follow the presenter they follow.
 */
export function ReplayBar() {
  const presenters = usePresenters();
  useFollowPresenter(presenters);
  const replay = useReplay();
  const followingUserId = useEditorStore((s) => s.followingUserId);
  if (!replay.replay && presenters.length === 0) return null;
  // Top centre, under the "Following …" pill when there is one; the bottom belongs to the canvas tools and the inspector.
  return (
    <div
      className={cn(
        'pointer-events-none absolute left-1/2 z-[8] flex w-[min(680px,calc(100%-24px))] -translate-x-1/2 flex-col items-center gap-2 *:pointer-events-auto',
        followingUserId ? 'top-11' : 'top-3',
      )}
    >
      {replay.replay ? <ReplayControls replay={replay} presenters={presenters} /> : null}
      <PresenterChips presenters={presenters} />
    </div>
  );
}

/** Following a user who presents: open their run and sit at their position; stop when they stop. */
function useFollowPresenter(presenters: readonly Presenter[]) {
  const session = useEditorSession();
  const followingUserId = useEditorStore((s) => s.followingUserId);
  const target = presenterFor(presenters, followingUserId);
  const executionId = target?.executionId ?? null;
  const seq = target?.seq ?? null;
  useEffect(() => {
    if (executionId !== null && seq !== null) {
      openReplay(session, executionId, { seq, followed: true });
      return;
    }
    if (runsStoreOf(session.store).getState().replay?.followed) closeReplay(session);
  }, [executionId, seq, session]);
}

function PresenterChips({ presenters }: { presenters: readonly Presenter[] }) {
  const followingUserId = useEditorStore((s) => s.followingUserId);
  const follow = useEditorStore((s) => s.follow);
  const shown = presenters.filter((p, i) => p.userId !== followingUserId && presenters.findIndex((q) => q.userId === p.userId) === i);
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((p) => (
        <div
          key={p.clientId}
          className="flex animate-pop-in items-center gap-2 rounded-full border border-line bg-surface py-0.5 pr-0.5 pl-1 text-xs shadow-pop"
          data-testid="presenter-chip"
          data-user-id={p.userId}
        >
          <span className="flex size-5 items-center justify-center rounded-full text-[10px] font-semibold text-white" style={{ background: p.color }} aria-hidden>
            {p.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="text-fg">
            <span className="font-medium">{p.name}</span> is presenting run <span className="font-mono">#{shortRunId(p.executionId)}</span>
          </span>
          <button
            type="button"
            onClick={() => follow(p.userId)}
            className="rounded-full bg-accent px-2.5 py-0.5 font-medium text-accent-fg transition-colors hover:bg-accent-hover"
            data-testid="presenter-watch"
            aria-label={`Watch ${p.name}'s replay`}
          >
            Watch
          </button>
        </div>
      ))}
    </>
  );
}

type Replay = ReturnType<typeof useReplay>;

function ReplayControls({ replay, presenters }: { replay: Replay; presenters: readonly Presenter[] }) {
  const { replay: state, run, timeline, events } = replay;
  const followingUserId = useEditorStore((s) => s.followingUserId);
  const view = useEditorStore((s) => s.view);
  const shownStatus = useEditorStore((s) => (s.overlay?.source === 'replay' && s.overlay.runId === state?.runId ? s.overlay.runStatus : null));
  if (!state) return null;
  const seq = state.seq ?? timeline.lastSeq;
  const presenter = state.followed ? presenterFor(presenters, followingUserId) : null;
  const index = stepIndexAt(timeline, seq);
  const first = events[0];
  const elapsed = first && index >= 0 ? events[index]!.at - first.at : 0;
  const total = first ? events.at(-1)!.at - first.at : 0;
  const status = shownStatus ?? run?.status ?? 'queued';

  return (
    <div
      className="w-full animate-pop-in rounded-xl border border-line bg-surface shadow-pop"
      data-testid="replay-bar"
      data-run-id={state.runId}
      data-seq={seq}
      role="region"
      aria-label="Run replay"
    >
      <div className="flex items-center gap-2 border-b border-line px-3 py-1.5 text-[12px]">
        <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge>
        <span className="font-medium text-fg">
          Run <span className="font-mono">#{shortRunId(state.runId)}</span>
        </span>
        {run ? <span className="text-muted">version {run.version.number}</span> : null}
        {view.kind === 'definition' ? (
          <span className="truncate rounded bg-warning-soft px-1.5 py-px text-[11px] text-warning-text" title="The canvas shows the version this run ran; it is read-only">
            Showing the version it ran · read-only
          </span>
        ) : null}
        {presenter ? (
          <span className="truncate text-muted" data-testid="replay-following">
            Watching <span className="font-medium text-fg">{presenter.name}</span>
          </span>
        ) : null}
        <div className="ml-auto flex items-center gap-1">
          <button
            type="button"
            onClick={replay.togglePresent}
            aria-pressed={state.presenting}
            className={cn(
              'flex h-6 items-center gap-1.5 rounded-md px-2 font-medium transition-colors',
              state.presenting ? 'bg-danger-soft text-danger-text' : 'text-muted hover:bg-hover hover:text-fg',
            )}
            title="Let others watch this replay with you"
            data-testid="replay-present"
          >
            {state.presenting ? <span className="size-1.5 animate-pulse rounded-full bg-danger" aria-hidden /> : <PresentIcon size={13} />}
            {state.presenting ? 'Presenting' : 'Present'}
          </button>
          <IconButton label="Close replay" onClick={replay.close} testId="replay-close">
            <XIcon size={14} />
          </IconButton>
        </div>
      </div>

      <div className="flex items-center gap-1.5 px-2 py-2">
        <IconButton label="Step back" onClick={replay.stepBack} disabled={!run || seq <= 0} testId="replay-step-back">
          <StepBackIcon size={14} />
        </IconButton>
        <button
          type="button"
          onClick={state.playing ? replay.pause : replay.play}
          disabled={!run || timeline.lastSeq === 0}
          aria-label={state.playing ? 'Pause' : 'Play'}
          className="flex size-8 items-center justify-center rounded-full bg-accent text-accent-fg shadow-card transition-colors hover:bg-accent-hover disabled:opacity-50"
          data-testid="replay-play"
          data-playing={state.playing || undefined}
        >
          {state.playing ? <PauseIcon size={13} /> : <PlayIcon size={13} />}
        </button>
        <IconButton label="Step forward" onClick={replay.stepForward} disabled={!run || seq >= timeline.lastSeq} testId="replay-step">
          <StepForwardIcon size={14} />
        </IconButton>
        <IconButton label="Jump to end" onClick={replay.toEnd} disabled={!run || seq >= timeline.lastSeq} testId="replay-end">
          <SkipEndIcon size={14} />
        </IconButton>

        <div className="relative mx-1.5 flex h-8 min-w-0 flex-1 items-center">
          {replay.loading ? (
            <span className="flex items-center gap-2 text-[12px] text-faint">
              <Spinner size={12} /> Loading run…
            </span>
          ) : replay.error ? (
            <span className="truncate text-[12px] text-danger-text">{errorMessage(replay.error)}</span>
          ) : (
            <Scrubber seq={seq} lastSeq={timeline.lastSeq} ticks={timeline.ticks} onSeek={replay.seek} fraction={(s) => seqFraction(timeline, s)} />
          )}
        </div>

        <span className="shrink-0 text-right font-mono text-[11px] text-muted tabular-nums" title={`Event ${seq} of ${timeline.lastSeq}`}>
          {formatDuration(elapsed)} / {formatDuration(total)}
        </span>
        <select
          value={state.speed}
          onChange={(e) => replay.setSpeed(Number(e.target.value) as ReplaySpeed)}
          aria-label="Playback speed"
          className="h-7 shrink-0 rounded-md border border-line bg-surface px-1.5 text-[12px] text-fg focus:border-accent focus:outline-none"
          data-testid="replay-speed"
        >
          {REPLAY_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

const TICK_COLOUR: Record<ReplayTick['kind'], string> = {
  start: 'bg-line-strong',
  success: 'bg-success-text',
  failure: 'bg-danger',
  retry: 'bg-warning-text',
  skip: 'bg-line-strong',
  wait: 'bg-warning-text',
};

function Scrubber({
  seq,
  lastSeq,
  ticks,
  onSeek,
  fraction,
}: {
  seq: number;
  lastSeq: number;
  ticks: readonly ReplayTick[];
  onSeek: (seq: number) => void;
  fraction: (seq: number) => number;
}) {
  const progress = fraction(seq) * 100;
  return (
    <div className="relative h-full w-full">
      <div className="pointer-events-none absolute inset-x-0 top-1/2 h-1 -translate-y-1/2 rounded-full bg-subtle" aria-hidden>
        <div className="h-full rounded-full bg-accent/70" style={{ width: `${progress}%` }} />
      </div>
      <div className="pointer-events-none absolute inset-x-0 top-[calc(50%+5px)] h-1.5" aria-hidden>
        {ticks
          .filter((t) => t.kind !== 'start')
          .map((t) => (
            <span
              key={t.seq}
              className={cn('absolute top-0 h-1.5 w-0.5 -translate-x-1/2 rounded-full', TICK_COLOUR[t.kind], t.seq > seq && 'opacity-40')}
              style={{ left: `${fraction(t.seq) * 100}%` }}
            />
          ))}
      </div>
      <input
        type="range"
        min={0}
        max={lastSeq}
        step={1}
        value={seq}
        onChange={(e) => onSeek(Number(e.target.value))}
        aria-label="Replay position"
        aria-valuetext={`Event ${seq} of ${lastSeq}`}
        className={cn(
          'absolute inset-0 h-full w-full cursor-pointer appearance-none bg-transparent focus-visible:outline-none',
          '[&::-webkit-slider-thumb]:size-3.5 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:border-2 [&::-webkit-slider-thumb]:border-surface [&::-webkit-slider-thumb]:bg-accent [&::-webkit-slider-thumb]:shadow-card',
          '[&::-moz-range-thumb]:size-3 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-2 [&::-moz-range-thumb]:border-surface [&::-moz-range-thumb]:bg-accent',
          'focus-visible:[&::-webkit-slider-thumb]:ring-3 focus-visible:[&::-webkit-slider-thumb]:ring-accent/30',
        )}
        data-testid="replay-scrubber"
      />
    </div>
  );
}

function IconButton({ label, onClick, disabled, testId, children }: { label: string; onClick: () => void; disabled?: boolean; testId?: string; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
      className="flex size-7 shrink-0 items-center justify-center rounded-md text-muted transition-colors hover:bg-hover hover:text-fg disabled:pointer-events-none disabled:opacity-40"
      data-testid={testId}
    >
      {children}
    </button>
  );
}
