// Opens a big workflow in Debian's Chromium and measures
//   1. the open time: from navigation start until every node card of the workflow is on the
//      canvas and measured (React Flow shows a card once it knows its size), over fresh pages;
//   2. frame times (requestAnimationFrame deltas) while dragging one node and while panning,
//      with the moves checked to have really moved the node and the view.
// Needs a production build (`npx next build`) and /usr/bin/chromium.
//   npx tsx bench/editor/run.ts [nodes=300] [opens=5]
// With BENCH_DETAIL=1 it then drags and pans again under a trace (main-thread time split into
// script, style, layout, paint…; BENCH_THREADS=1 also prints every thread and the top trace
// events) and drags under the CPU profiler (profile saved to the temp folder).
// Those runs are slower and not part of the figures above.
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { signInContext, signUpUser } from '../../e2e/support/users.ts';
import { startServer } from '../../e2e/support/server.ts';
import { bigWorkflow } from './big-workflow.ts';
import { profileDuring } from './cpu-profile.ts';
import { traceBreakdown } from './trace-breakdown.ts';

const nodeCount = Number(process.argv[2] ?? 300);
const opens = Number(process.argv[3] ?? 5);
const VIEWPORT = { width: 1440, height: 900 };

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

// In-page code is passed as strings: tsx (esbuild) would wrap named functions in a `__name`
// helper that does not exist in the page.

/**
 * Installed before the app's scripts: on every frame, checks whether all `n` cards are in the
 * DOM and measured, and records the time (ms since navigation start) and milestones.
 */
const openProbe = (n: number) => `
(() => {
  const marks = { firstCard: null, allCards: null };
  window.__open = marks;
  const tick = () => {
    const cards = document.querySelectorAll('.react-flow__node');
    if (cards.length > 0 && marks.firstCard === null) marks.firstCard = performance.now();
    if (cards.length >= ${n}) {
      let shown = 0;
      for (const card of cards) if (card.style.visibility !== 'hidden') shown++;
      if (shown >= ${n}) { marks.allCards = performance.now(); return; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Records rAF deltas until stopped; each recording has its own loop, so none runs on into the next. */
const startFrames = `
(() => {
  const rec = { frames: [], stop: false };
  window.__rec = rec;
  let last = 0;
  const tick = (t) => {
    if (rec.stop) return;
    if (last) rec.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
const stopFrames = `(() => { window.__rec.stop = true; return window.__rec.frames; })()`;

type OpenTiming = { total: number; firstCard: number; domContentLoaded: number; responseEnd: number };

async function openOnce(context: BrowserContext, url: string): Promise<{ page: Page; timing: OpenTiming }> {
  const page = await context.newPage();
  await page.addInitScript(openProbe(nodeCount));
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction('window.__open && window.__open.allCards !== null', undefined, { timeout: 60_000, polling: 100 });
  const timing = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { total: window.__open.allCards, firstCard: window.__open.firstCard, domContentLoaded: nav.domContentLoadedEventEnd, responseEnd: nav.responseEnd };
  })()`)) as OpenTiming;
  return { page, timing };
}

async function recordFrames(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(startFrames);
  await page.waitForTimeout(100);
  await action();
  await page.waitForTimeout(50);
  const frames = (await page.evaluate(stopFrames)) as number[];
  // The first two deltas straddle the start of the recording.
  return frames.slice(2);
}

/**
 * Presses at `from`, moves by `delta(step)` for `steps` moves about one per frame (as a hand
 * does) and releases. Input goes straight through the DevTools protocol: Playwright's own mouse
 * runs an HTML5 drag-and-drop probe in the page on every move, which would add to the frames.
 */
async function sweep(page: Page, from: { x: number; y: number }, steps: number, delta: (step: number) => { dx: number; dy: number }) {
  const cdp = await page.context().newCDPSession(page);
  const mouse = (type: 'mouseMoved' | 'mousePressed' | 'mouseReleased', x: number, y: number, buttons: number) =>
    cdp.send('Input.dispatchMouseEvent', { type, x, y, button: type === 'mouseMoved' && buttons === 0 ? 'none' : 'left', buttons, clickCount: type === 'mouseMoved' ? 0 : 1 });
  await mouse('mouseMoved', from.x, from.y, 0);
  await mouse('mousePressed', from.x, from.y, 1);
  let at = from;
  for (let step = 1; step <= steps; step++) {
    const { dx, dy } = delta(step);
    at = { x: from.x + dx, y: from.y + dy };
    await mouse('mouseMoved', at.x, at.y, 1);
    await page.waitForTimeout(12);
  }
  await mouse('mouseReleased', at.x, at.y, 0);
  await cdp.detach();
}

/** Scrolls with the wheel (a trackpad's two-finger pan) `steps` times, through the protocol too. */
async function wheelPan(page: Page, at: { x: number; y: number }, steps: number) {
  const cdp = await page.context().newCDPSession(page);
  for (let step = 0; step < steps; step++) {
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', x: at.x, y: at.y, deltaX: step % 40 < 20 ? 12 : -12, deltaY: 6 });
    await page.waitForTimeout(12);
  }
  await cdp.detach();
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`load average before: ${load()} (${os.cpus().length} CPUs)`);
const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const user = await signUpUser(server.url, 'Bench', 'bench');
  const ws = await user.client.api.workspace.create.mutate({ name: 'Bench' });
  const { workflow } = await user.client.api.workflow.import.mutate({
    workspaceId: ws.id,
    data: { format: 'flowforge.workflow', formatVersion: 1, name: `${nodeCount} nodes`, definition: bigWorkflow(nodeCount) },
  });
  const url = `${server.url}/w/${ws.id}/workflows/${workflow.id}`;
  const newContext = async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await signInContext(context, user, server.url);
    return context;
  };

  // Warm-up: the server's first render of the route, its document load, the build's chunks.
  {
    const context = await newContext();
    await (await openOnce(context, url)).page.close();
    await context.close();
  }

  // Cold: a new browser context (empty HTTP and code caches) per open.
  const cold: OpenTiming[] = [];
  for (let i = 0; i < opens; i++) {
    const context = await newContext();
    cold.push((await openOnce(context, url)).timing);
    await context.close();
  }
  // Warm: new pages in one context (a returning user; scripts come from the cache).
  const warm: OpenTiming[] = [];
  const context = await newContext();
  let page: Page | null = null;
  for (let i = 0; i < opens; i++) {
    if (page) await page.close();
    const opened = await openOnce(context, url);
    page = opened.page;
    warm.push(opened.timing);
  }
  page = page!;
  await page.waitForTimeout(1_000);

  // Drag: the card nearest the middle of the view (so the whole sweep stays on screen), 120 moves.
  const middle = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
    const cx = pane.x + pane.width / 2, cy = pane.y + pane.height / 2;
    let best = null, bestDistance = Infinity;
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const r = node.getBoundingClientRect();
      const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
      if (d < bestDistance) { bestDistance = d; best = node.getAttribute('data-id'); }
    }
    return best;
  })()`)) as string;
  const card = page.locator(`.react-flow__node[data-id="${middle}"]`);
  /** A wavy sweep 96 px down (or up), about one move per frame. */
  const dragCard = async (direction: 1 | -1) => {
    const box = (await card.boundingBox())!;
    const before = await card.evaluate((el) => (el as HTMLElement).style.transform);
    await sweep(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, 120, (s) => ({ dx: 80 * Math.sin(s / 20), dy: direction * s * 0.8 }));
    const after = await card.evaluate((el) => (el as HTMLElement).style.transform);
    if (after === before) throw new Error('the drag did not move the node: the frame times would be of an idle page');
  };
  // Each gesture three times, there and back: the first sweep after opening pays for warming up
  // (code not yet optimised, tiles not yet rastered), so it is reported apart from the other two.
  const gesture = async (run: (direction: 1 | -1) => Promise<void>) => {
    const first = await recordFrames(page, () => run(1));
    const warmed = [...(await recordFrames(page, () => run(-1))), ...(await recordFrames(page, () => run(1)))];
    return { first, warmed };
  };
  const drag = await gesture(dragCard);

  // Pan: press on empty canvas (found by probing the pane) and drag the view.
  const viewport = page.locator('.react-flow__viewport');
  const paneBox = (await page.locator('.react-flow__pane').boundingBox())!;
  const empty = (await page.evaluate(`(() => {
    const r = ${JSON.stringify(paneBox)};
    for (let y = r.y + 60; y < r.y + r.height - 80; y += 17) {
      for (let x = r.x + 60; x < r.x + r.width - 260; x += 23) {
        const el = document.elementFromPoint(x, y);
        if (el && el.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  })()`)) as { x: number; y: number } | null;
  if (!empty) throw new Error('no empty canvas to start a pan from');
  const panView = async (direction: 1 | -1) => {
    const before = await viewport.evaluate((el) => (el as HTMLElement).style.transform);
    await sweep(page, empty, 120, (s) => ({ dx: direction * s * 3, dy: -direction * s }));
    if ((await viewport.evaluate((el) => (el as HTMLElement).style.transform)) === before) throw new Error('the pan did not move the view');
  };
  const pan = await gesture(panView);
  // Wheel pan (a trackpad's two-finger scroll; the canvas pans on scroll).
  const wheel = await gesture(() => wheelPan(page, empty, 120));

  const opened = (label: string, values: OpenTiming[]) => ({
    scenario: label,
    'p50 ms': Math.round(pct(values.map((v) => v.total), 50)),
    'max ms': Math.round(Math.max(...values.map((v) => v.total))),
    'HTML received p50': Math.round(pct(values.map((v) => v.responseEnd), 50)),
    'DOMContentLoaded p50': Math.round(pct(values.map((v) => v.domContentLoaded), 50)),
    'first card p50': Math.round(pct(values.map((v) => v.firstCard), 50)),
  });
  const frames = (label: string, values: number[]) => ({
    scenario: label,
    frames: values.length,
    'p50 ms': round(pct(values, 50)),
    'p95 ms': round(pct(values, 95)),
    'p99 ms': round(pct(values, 99)),
    'max ms': round(Math.max(...values)),
    '> 20 ms': values.filter((v) => v > 20).length,
  });
  console.log(`\nEditor with ${nodeCount} nodes and ${nodeCount - 1} edges, Chromium headless (software rendering), ${VIEWPORT.width}×${VIEWPORT.height}`);
  console.log('Open: navigation start → every card on the canvas and measured.');
  console.table([opened(`cold: new context ×${opens}`, cold), opened(`warm: new page, same context ×${opens}`, warm)]);
  console.log('Frames: requestAnimationFrame deltas (16.7 ms = 60 fps).');
  console.table([
    frames('drag one node: first sweep', drag.first),
    frames('drag one node: next 2 sweeps', drag.warmed),
    frames('pan by dragging: first sweep', pan.first),
    frames('pan by dragging: next 2 sweeps', pan.warmed),
    frames('pan by wheel: first 120 events', wheel.first),
    frames('pan by wheel: next 240 events', wheel.warmed),
  ]);
  console.log(`load average after: ${load()}`);

  if (process.env.BENCH_DETAIL === '1') {
    // The pans moved the view: put every card back in sight.
    await page.getByTestId('canvas-fit-view').click();
    await page.waitForTimeout(500);
    console.log('\nUnder a trace: renderer main-thread self time by kind, and the compositor thread (ms per 120 moves)');
    console.table({ drag: await traceBreakdown(browser, page, () => dragCard(-1)), pan: await traceBreakdown(browser, page, () => panView(1)) });
    const profileFile = path.join(os.tmpdir(), `editor-drag-${Date.now()}.cpuprofile`);
    const hot = await profileDuring(page, profileFile, () => dragCard(1));
    console.log(`Drag under the CPU profiler: hottest functions by self time (minified names; profile in ${profileFile})`);
    console.table(hot);
  }
} finally {
  await browser.close();
  await server.stop();
}
