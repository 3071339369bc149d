import type { Browser, Page } from 'playwright-core';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };

/** Which kind of work a main-thread trace event is. */
const KIND: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  'v8.callFunction': 'script',
  'v8.run': 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
  UpdateLayoutTree: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  HitTest: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  Commit: 'commit',
};

/**
 * Traces `action` and splits the renderer main thread's busy time into script, garbage
 * collection, style, layout, paint and commit (self time of each trace event, so nested events
 * are not counted twice), plus the busy time of the compositor and raster threads.
 */
export async function traceBreakdown(browser: Browser, page: Page, action: () => Promise<void>): Promise<Record<string, number>> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
  await action();
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };

  const threadName = new Map<string, string>();
  for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const complete = traceEvents.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of complete) {
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }

  const totals: Record<string, number> = {};
  const byName = new Map<string, number>();
  const add = (kind: string, us: number) => (totals[kind] = (totals[kind] ?? 0) + us / 1000);
  for (const [key, events] of byThread) {
    const name = threadName.get(key) ?? '';
    if (name === 'Compositor' || name.startsWith('CompositorTileWorker')) {
      // Top-level tasks only: the thread's busy time.
      events.sort((a, b) => a.ts - b.ts);
      let end = 0;
      for (const e of events) {
        if (e.ts >= end) {
          add(name === 'Compositor' ? 'compositor thread' : 'raster threads', e.dur!);
          end = e.ts + e.dur!;
        }
      }
      continue;
    }
    if (process.env.BENCH_THREADS === '1') {
      const busy = events.reduce((sum, e) => sum + e.dur!, 0) / 1000;
      if (busy > 5) console.log(`thread ${name || key}: ${Math.round(busy)} ms (nested events double-counted)`);
    }
    if (name !== 'CrRendererMain') continue;
    events.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    // Self time: an event's duration minus its children's.
    const stack: { e: TraceEvent; child: number }[] = [];
    const close = (until: number) => {
      while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
        const { e, child } = stack.pop()!;
        const self = Math.max(0, e.dur! - child);
        add(KIND[e.name] ?? 'other', self);
        byName.set(e.name, (byName.get(e.name) ?? 0) + self / 1000);
        if (stack.length) stack.at(-1)!.child += e.dur!;
      }
    };
    for (const e of events) {
      close(e.ts);
      stack.push({ e, child: 0 });
    }
    close(Number.POSITIVE_INFINITY);
  }
  for (const k of Object.keys(totals)) totals[k] = Math.round(totals[k]!);
  if (process.env.BENCH_THREADS === '1') {
    console.log('main thread self time by event:', [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, ms]) => `${n} ${Math.round(ms)}`).join(', '));
  }
  return totals;
}
