import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../engine/executor/events.ts';
import { addEvents, applyEvent, contiguousSeq, emptyOverlay, isRunActive, overlayAt, reusableNodes, startTrack } from './run-overlay.ts';

const T0 = 1_700_000_000_000;
let seq = 0;
const ev = (type: RunEvent['type'], extra: Partial<RunEvent> = {}): RunEvent => ({ runId: 'r1', seq: ++seq, type, at: T0 + seq * 10, ...extra });

function sampleRun(): RunEvent[] {
  seq = 0;
  return [
    ev('run.started'),
    ev('node.started', { nodeId: 'trigger', attempt: 1 }),
    ev('node.succeeded', { nodeId: 'trigger', attempt: 1, data: { itemCount: 1, outputs: { main: 1 }, durationMs: 2, preview: { a: 1 } } }),
    ev('node.started', { nodeId: 'http', attempt: 1 }),
    ev('node.retrying', { nodeId: 'http', attempt: 2, data: { delayMs: 100, error: { code: 'HTTP_500', message: 'boom' } } }),
    ev('node.started', { nodeId: 'http', attempt: 2 }),
    ev('node.succeeded', { nodeId: 'http', attempt: 2, data: { itemCount: 3, outputs: { main: 3 }, durationMs: 140 } }),
    ev('node.skipped', { nodeId: 'else', data: { reason: 'no-input' } }),
    ev('node.started', { nodeId: 'code', attempt: 1 }),
    ev('node.failed', { nodeId: 'code', attempt: 1, data: { error: { code: 'CODE_ERROR', message: 'x is not defined' }, durationMs: 5 } }),
    ev('run.finished', { data: { status: 'failed', error: { code: 'CODE_ERROR', message: 'x is not defined' } } }),
  ];
}

describe('run overlay reducer', () => {
  it('paints every node of a run from its events', () => {
    const track = addEvents(startTrack('r1'), sampleRun());
    const { overlay } = track;
    expect(overlay.runStatus).toBe('failed');
    expect(track.lastSeq).toBe(11);
    expect(overlay.nodes.trigger).toEqual({ status: 'succeeded', startedAt: T0 + 20, attempt: 1, retries: 0, durationMs: 2, itemCount: 1, outputs: { main: 1 }, preview: { a: 1 } });
    expect(overlay.nodes.http).toMatchObject({ status: 'succeeded', attempt: 2, retries: 1, itemCount: 3, durationMs: 140, startedAt: T0 + 40 });
    expect(overlay.nodes.http?.error).toBeUndefined();
    expect(overlay.nodes.else).toMatchObject({ status: 'skipped', retries: 0 });
    expect(overlay.nodes.code).toMatchObject({ status: 'failed', error: { code: 'CODE_ERROR', message: 'x is not defined' } });
  });

  it('shows the retry with its error while it waits', () => {
    const events = sampleRun().slice(0, 5);
    const { overlay } = addEvents(startTrack('r1'), events);
    expect(overlay.nodes.http).toMatchObject({ status: 'retrying', attempt: 2, retries: 1, error: { code: 'HTTP_500' } });
    expect(overlay.runStatus).toBe('running');
  });

  it('ignores duplicates: the same event twice returns the same track', () => {
    const events = sampleRun();
    const once = addEvents(startTrack('r1'), events);
    const twice = addEvents(once, events[6]!);
    expect(twice).toBe(once);
    const all = addEvents(once, events);
    expect(all).toBe(once);
    expect(all.overlay.nodes.http?.retries).toBe(1);
  });

  it('folds a late event in at its place, giving the same result as in order', () => {
    const events = sampleRun();
    const inOrder = addEvents(startTrack('r1'), events).overlay;
    const shuffled = [events[3]!, events[0]!, events[6]!, events[1]!, events[4]!, events[2]!, events[5]!, ...events.slice(7)];
    let track = startTrack('r1');
    for (const e of shuffled) track = addEvents(track, e);
    expect(track.overlay).toEqual(inOrder);
    expect(track.events.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
  });

  it('tolerates gaps: a node result without its start, node events without run.started', () => {
    const events = sampleRun();
    const { overlay } = addEvents(startTrack('r1'), [events[6]!, events[9]!]);
    expect(overlay.runStatus).toBe('running');
    expect(overlay.nodes.http).toMatchObject({ status: 'succeeded', itemCount: 3, attempt: 2 });
    expect(overlay.nodes.http?.startedAt).toBe(events[6]!.at);
    expect(overlay.nodes.code?.status).toBe('failed');
  });

  it('ignores events of other runs', () => {
    const track = startTrack('r1');
    expect(addEvents(track, { runId: 'r2', seq: 1, type: 'run.started', at: T0 })).toBe(track);
  });

  it('replays up to a seq', () => {
    const events = sampleRun();
    const mid = overlayAt('r1', 'replay', events, 4);
    expect(mid.source).toBe('replay');
    expect(mid.runStatus).toBe('running');
    expect(Object.keys(mid.nodes).sort()).toEqual(['http', 'trigger']);
    expect(mid.nodes.http?.status).toBe('running');
    expect(overlayAt('r1', 'replay', events, 0)).toEqual(emptyOverlay('r1', 'replay'));
    expect(overlayAt('r1', 'replay', events).runStatus).toBe('failed');
  });

  it('a new start after a result clears the previous result but keeps the retry count', () => {
    seq = 0;
    let o = emptyOverlay('r1', 'live');
    o = applyEvent(o, ev('node.failed', { nodeId: 'n', data: { error: { code: 'E', message: 'm' }, durationMs: 3 } }));
    o = applyEvent(o, ev('node.retrying', { nodeId: 'n' }));
    o = applyEvent(o, ev('node.started', { nodeId: 'n' }));
    expect(o.nodes.n).toMatchObject({ status: 'running', retries: 1, attempt: 2 });
    expect(o.nodes.n?.error).toBeUndefined();
    expect(o.nodes.n?.durationMs).toBeUndefined();
  });

  it('knows which run states can still change', () => {
    expect(isRunActive('queued')).toBe(true);
    expect(isRunActive('waiting')).toBe(true);
    expect(isRunActive('cancelled')).toBe(false);
  });
});

describe('contiguous seq', () => {
  it('is the last seq before the first missing one', () => {
    const events = sampleRun();
    expect(contiguousSeq(startTrack('r1'))).toBe(0);
    expect(contiguousSeq(addEvents(startTrack('r1'), events.slice(0, 4)))).toBe(4);
    expect(contiguousSeq(addEvents(startTrack('r1'), [events[0]!, events[1]!, events[5]!]))).toBe(2);
    expect(contiguousSeq(addEvents(startTrack('r1'), [events[5]!]))).toBe(0);
  });
});

describe('re-run base', () => {
  it('paints reused results under the new events, also after a refold', () => {
    const events = sampleRun();
    const previous = addEvents(startTrack('r0'), events.map((e) => ({ ...e, runId: 'r0' }))).overlay;
    const base = reusableNodes(previous, 'http');
    expect(Object.keys(base).sort()).toEqual(['else', 'trigger']);
    let track = startTrack('r1', 'live', 'queued', base);
    expect(track.overlay.nodes.trigger?.status).toBe('succeeded');
    track = addEvents(track, [events[5]!, events[3]!]);
    expect(track.overlay.nodes.trigger?.status).toBe('succeeded');
    expect(track.overlay.nodes.http?.status).toBe('running');
    expect(overlayAt('r1', 'replay', [], Infinity, base).nodes.else?.status).toBe('skipped');
    expect(reusableNodes(null, 'x')).toEqual({});
  });
});
