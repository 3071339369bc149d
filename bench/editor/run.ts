// Opens a 300-node workflow in Debian's Chromium and measures (1) the open time, from
// navigation until every node card is on the canvas, and (2) frame times while dragging a node
// and while panning. Needs a production build (`npx next build`) and /usr/bin/chromium.
//   npx tsx bench/editor/run.ts [nodes=300] [opens=5]
import { chromium } from 'playwright-core';
import { startServer } from '../../e2e/support/server.ts';
import { TestUser } from '../../server/testing/api-client.ts';
import { bigWorkflow } from './big-workflow.ts';

const nodeCount = Number(process.argv[2] ?? 300);
const opens = Number(process.argv[3] ?? 5);

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const user = await TestUser.signUp(server.url, 'Bench', `bench-${Date.now()}@example.com`);
  const ws = await user.api.workspace.create.mutate({ name: 'Bench' });
  const { workflow } = await user.api.workflow.import.mutate({
    workspaceId: ws.id,
    data: { format: 'flowforge.workflow', formatVersion: 1, name: `${nodeCount} nodes`, definition: bigWorkflow(nodeCount) },
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const host = new URL(server.url).hostname;
  await context.addCookies([...user.cookies].map(([name, value]) => ({ name, value, domain: host, path: '/' })));
  const url = `${server.url}/w/${ws.id}/workflows/${workflow.id}`;

  // Open time: fresh page each time; the first open also warms the server and HTTP caches.
  const openMs: number[] = [];
  for (let i = 0; i <= opens; i++) {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, nodeCount, { timeout: 60_000, polling: 'raf' });
    const at = await page.evaluate(() => performance.now());
    if (i > 0) openMs.push(at);
    if (i < opens) await page.close();
  }
  const page = context.pages().at(-1)!;
  await page.waitForTimeout(500);

  const record = async (action: () => Promise<void>) => {
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__frames = [];
      w.__stop = false;
      let last = performance.now();
      const tick = (t: number) => {
        w.__frames.push(t - last);
        last = t;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await action();
    return page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return w.__frames.slice(2);
    });
  };

  const card = page.locator('.react-flow__node').nth(Math.floor(nodeCount / 2));
  await card.scrollIntoViewIfNeeded().catch(() => {});
  const box = (await card.boundingBox())!;
  const drag = await record(async () => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 120; step++) {
      await page.mouse.move(box.x + box.width / 2 + step * 2, box.y + box.height / 2 + Math.sin(step / 10) * 40);
      await page.waitForTimeout(8);
    }
    await page.mouse.up();
  });

  const pane = page.locator('.react-flow__pane');
  const paneBox = (await pane.boundingBox())!;
  const pan = await record(async () => {
    // Space-free pan: drag on empty canvas below the graph's first row.
    await page.mouse.move(paneBox.x + 20, paneBox.y + paneBox.height - 20);
    await page.mouse.down();
    for (let step = 1; step <= 120; step++) {
      await page.mouse.move(paneBox.x + 20 + step * 3, paneBox.y + paneBox.height - 20 - step);
      await page.waitForTimeout(8);
    }
    await page.mouse.up();
  });

  const frames = (label: string, values: number[]) => ({
    scenario: label,
    frames: values.length,
    'p50 ms': round(pct(values, 50)),
    'p95 ms': round(pct(values, 95)),
    'p99 ms': round(pct(values, 99)),
    'max ms': round(Math.max(...values)),
  });
  console.log(`\nEditor with ${nodeCount} nodes, Chromium headless (software rendering), 1440×900`);
  console.table([{ scenario: `open (${opens} fresh pages)`, 'p50 ms': round(pct(openMs, 50)), 'max ms': round(Math.max(...openMs)) }]);
  console.table([frames('drag one node (120 moves)', drag), frames('pan the canvas (120 moves)', pan)]);
} finally {
  await browser.close();
  await server.stop();
}
