import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNode, nodesOf } from '../collab/index.ts';
import type { WorkflowDefinitionInput } from '../engine/definition.ts';
import { cookieOf, openDoc, type DocClient } from '../server/collab/testing/collab-client.ts';
import { launchBrowser, openPage, type ProbedPage } from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { addMember, editorPath, seedWorkflow, signInContext, signUpUser, type E2eUser } from './support/users.ts';

// Issue #6 end to end: two editors (A owns the workspace, B edits) and a viewer in three browser
// contexts on one workflow. Every step is screenshotted on the pages involved
// (e2e/screenshots/editor-*.png).

let server: RunningServer;
let browser: Browser;
let ada: E2eUser;
let grace: E2eUser;
let vic: E2eUser;
let a: ProbedPage;
let b: ProbedPage;
let v: ProbedPage;
let workspaceId = '';
let workflowId = '';
/** Id of the node A adds from the palette. */
let added = '';
const collabClients: DocClient[] = [];

const seed: WorkflowDefinitionInput = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 }, params: {} },
    { id: 'greet', type: 'core.set', name: 'Greeting', position: { x: 320, y: 0 }, params: { fields: [{ name: 'message', value: 'hello' }] } },
  ],
  edges: [{ id: 'e-start-greet', source: 'start', target: 'greet' }],
};

/** Ids of the workflow's node cards on a page (ghost and removed cards excluded). */
const nodeIds = (page: Page) =>
  page.$$eval('.react-flow__node [data-testid^="node-"][data-status]', (els) => els.map((el) => el.getAttribute('data-testid')!.slice('node-'.length)));
const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();
/** A node's position as React Flow places it (flow coordinates, the same on every page). */
const positionOf = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
const shoot = (name: string, ...pages: [ProbedPage, string][]) => Promise.all(pages.map(([p, who]) => p.screenshot(`editor-${name}-${who}`)));

/** Presses at the centre of `from`, moves in small steps (as a hand would) and releases at `to`. */
async function dragBetween(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  await page.mouse.up();
}
/** Fits the graph into what the side panel leaves of the canvas, so screenshots show every card. */
const fitView = (p: ProbedPage) => p.page.getByTestId('canvas-fit-view').click();
const centre = (box: { x: number; y: number; width: number; height: number }) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  [ada, grace, vic] = await Promise.all([
    signUpUser(server.url, 'Ada Lovelace', 'ada'),
    signUpUser(server.url, 'Grace Hopper', 'grace'),
    signUpUser(server.url, 'Vic Viewer', 'vic'),
  ]);
  const ws = await ada.client.api.workspace.create.mutate({ name: 'Analytical Engines' });
  workspaceId = ws.id;
  await addMember(ada.client, grace.client, workspaceId, 'editor');
  await addMember(ada.client, vic.client, workspaceId, 'viewer');
  workflowId = await seedWorkflow(ada, workspaceId, 'Greet the team', seed);
  [a, b, v] = await Promise.all([openPage(browser, server.url), openPage(browser, server.url), openPage(browser, server.url)]);
  await signInContext(a.context, ada, server.url);
  await signInContext(b.context, grace, server.url);
  await signInContext(v.context, vic, server.url);
});

afterAll(async () => {
  for (const c of collabClients) c.destroy();
  for (const p of [a, b, v]) if (p?.errors.length) console.error(p.errors.join('\n'));
  await browser?.close();
  await server?.stop();
});

describe('the multiplayer editor', () => {
  it('opens one workflow for an owner, an editor and a viewer, who see each other', async () => {
    await Promise.all([a, b, v].map((p) => p.page.goto(editorPath(workspaceId, workflowId))));
    for (const p of [a, b, v]) {
      await p.page.getByTestId('node-greet').waitFor();
      await p.page.locator('[data-testid="connection-status"][data-status="synced"]').waitFor({ state: 'attached' });
    }
    expect(await a.page.getByTestId('workflow-role').textContent()).toBe('Owner');
    expect(await b.page.getByTestId('workflow-role').textContent()).toBe('Editor');
    expect(await v.page.getByTestId('workflow-role').textContent()).toBe('Viewer');
    // Everyone's avatar is in everyone else's top bar.
    await a.page.getByTestId(`presence-avatar-${grace.id}`).waitFor();
    await a.page.getByTestId(`presence-avatar-${vic.id}`).waitFor();
    await b.page.getByTestId(`presence-avatar-${ada.id}`).waitFor();
    await v.page.getByTestId(`presence-avatar-${ada.id}`).waitFor();
    expect(await nodeIds(b.page)).toEqual(expect.arrayContaining(['start', 'greet']));
    await shoot('01-open', [a, 'a'], [b, 'b'], [v, 'viewer']);
  });

  it('A adds a node from the palette and B sees it within a second', async () => {
    await a.page.getByTestId('palette-search').fill('no op');
    const item = a.page.getByTestId('palette-item-core.noOp');
    await item.waitFor();
    await shoot('02a-palette-search', [a, 'a']);
    // B's page notes the moment the third card enters its DOM (a mutation observer, no polling delay).
    const seen = b.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const count = () => document.querySelectorAll('.react-flow__node [data-testid^="node-"][data-status]').length;
          const observer = new MutationObserver(() => {
            if (count() < 3) return;
            observer.disconnect();
            resolve(Date.now());
          });
          observer.observe(document.body, { childList: true, subtree: true });
          setTimeout(() => reject(new Error('the node never appeared on B')), 10_000);
        }),
    );
    const clickedAt = Date.now();
    await item.click();
    const latency = (await seen) - clickedAt;
    console.log(`palette add → visible on B's canvas: ${latency} ms`);
    expect(latency).toBeLessThan(1_000);

    const ids = await nodeIds(b.page);
    added = ids.find((id) => id !== 'start' && id !== 'greet')!;
    expect(added).toBeTruthy();
    expect(await b.page.getByTestId(`node-name-${added}`).textContent()).toBe('No Operation');
    expect(await a.page.getByTestId(`node-name-${added}`).textContent()).toBe('No Operation');
    await a.page.getByTestId('palette-search').fill('');
    await shoot('02b-added', [a, 'a'], [b, 'b']);
  });

  it('A drags the node and B sees it at the new place', async () => {
    const before = await positionOf(b.page, added);
    const card = (await a.page.getByTestId(`node-${added}`).boundingBox())!;
    const greet = (await a.page.getByTestId('node-greet').boundingBox())!;
    // To the right of Greeting, on its row.
    const target = { x: greet.x + greet.width + 90 + card.width / 2, y: greet.y + greet.height / 2 };
    await dragBetween(a.page, centre(card), target, 15);
    const after = await positionOf(a.page, added);
    expect(after).not.toBe(before);
    await expect.poll(() => positionOf(b.page, added), { timeout: 3_000 }).toBe(after);
    await shoot('03-dragged', [a, 'a'], [b, 'b']);
  });

  it('A connects Greeting to the new node; B sees the edge', async () => {
    const source = (await a.page.locator('[data-testid="node-greet"] .react-flow__handle.source').boundingBox())!;
    const target = (await a.page.locator(`[data-testid="node-${added}"] .react-flow__handle.target`).boundingBox())!;
    await dragBetween(a.page, centre(source), centre(target), 10);
    await expect.poll(() => edgeCount(a.page)).toBe(2);
    await expect.poll(() => edgeCount(b.page), { timeout: 3_000 }).toBe(2);
    await shoot('04-connected', [a, 'a'], [b, 'b']);
  });

  it('B edits a param in the config panel and A sees it', async () => {
    await b.page.getByTestId('node-greet').dblclick();
    const valueB = b.page.getByTestId('param-fields.0.value');
    await valueB.waitFor();
    expect(await valueB.inputValue()).toBe('hello');

    await a.page.getByTestId('node-greet').dblclick();
    const valueA = a.page.getByTestId('param-fields.0.value');
    await valueA.waitFor();

    await valueB.click();
    await valueB.press('ControlOrMeta+a');
    await valueB.pressSequentially('hello from Grace', { delay: 15 });
    await expect.poll(() => valueA.inputValue(), { timeout: 3_000 }).toBe('hello from Grace');
    await Promise.all([fitView(a), fitView(b)]);
    await shoot('05-param-edited', [a, 'a'], [b, 'b']);
    await valueB.blur();
  });

  it('both see each other’s cursors', async () => {
    const canvasA = (await a.page.getByTestId('canvas').boundingBox())!;
    const canvasB = (await b.page.getByTestId('canvas').boundingBox())!;
    for (let i = 0; i < 6; i++) {
      await a.page.mouse.move(canvasA.x + 120 + i * 20, canvasA.y + canvasA.height - 140);
      await b.page.mouse.move(canvasB.x + 200 + i * 20, canvasB.y + canvasB.height - 100);
      await a.page.waitForTimeout(40);
    }
    const placed = (page: Page, userId: string) =>
      page
        .getByTestId(`peer-cursor-${userId}`)
        .evaluate((el) => (el as HTMLElement).style.transform)
        .catch(() => '');
    await expect.poll(() => placed(b.page, ada.id), { timeout: 3_000 }).toMatch(/^translate3d\((?!-9999px)/);
    await expect.poll(() => placed(a.page, grace.id), { timeout: 3_000 }).toMatch(/^translate3d\((?!-9999px)/);
    expect(await b.page.getByTestId(`peer-cursor-${ada.id}`).textContent()).toContain('Ada Lovelace');
    expect(await a.page.getByTestId(`peer-cursor-${grace.id}`).textContent()).toContain('Grace Hopper');
    // The viewer sees both.
    await v.page.getByTestId(`peer-cursor-${ada.id}`).waitFor();
    await v.page.getByTestId(`peer-cursor-${grace.id}`).waitFor();
    await shoot('06-cursors', [a, 'a'], [b, 'b'], [v, 'viewer']);
  });

  it('the viewer cannot edit: controls are disabled, the canvas is read-only, and the server refuses writes', async () => {
    const { page } = v;
    await page.getByTestId('read-only-badge').waitFor();
    expect(await page.getByTestId('canvas').getAttribute('data-read-only')).toBe('true');
    expect(await page.getByTestId('palette-item-core.noOp').isDisabled()).toBe(true);
    expect(await page.getByTestId('run-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('undo-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('redo-button').isDisabled()).toBe(true);
    // The config form is shown, disabled.
    await page.getByTestId('node-greet').dblclick();
    const value = page.getByTestId('param-fields.0.value');
    await value.waitFor();
    expect(await value.isDisabled()).toBe(true);
    expect(await value.inputValue()).toBe('hello from Grace');
    await fitView(v);
    // Dragging and the Delete key change nothing.
    const start = await positionOf(page, 'start');
    const box = (await page.getByTestId('node-start').boundingBox())!;
    await dragBetween(page, centre(box), { x: centre(box).x + 80, y: centre(box).y + 60 });
    await page.getByTestId('node-start').click();
    await page.keyboard.press('Delete');
    await page.waitForTimeout(300);
    expect(await positionOf(page, 'start')).toBe(start);
    expect(await positionOf(a.page, 'start')).toBe(start);
    expect(await nodeIds(a.page)).toContain('start');
    await shoot('07a-viewer-read-only', [v, 'viewer']);

    // Past the UI: the viewer's own document connection writes, and the server applies nothing.
    const client = openDoc({ baseUrl: server.url, cookie: cookieOf(vic.client), origin: server.url }, workflowId);
    collabClients.push(client);
    expect(await client.auth).toEqual({ ok: true, scope: 'readonly' });
    await client.synced;
    expect(nodesOf(client.doc).has('greet')).toBe(true);
    addNode(client.doc, { id: 'sneaky', type: 'core.noOp', name: 'Sneaked in', position: { x: 0, y: 300 } });
    await a.page.waitForTimeout(1_000);
    expect(client.provider.hasUnsyncedChanges).toBe(true);
    for (const p of [a, b, v]) expect(await nodeIds(p.page)).not.toContain('sneaky');
    // The server's own copy of the document (what an export reads) does not have it either.
    const exported = await ada.client.api.workflow.export.query({ workflowId });
    expect(JSON.stringify(exported)).not.toContain('sneaky');
    expect(JSON.stringify(exported)).toContain('hello from Grace');
    client.destroy();
    await page.keyboard.press('Escape');
  });

  it('undo in A reverts only A’s own last edit (the edge), never B’s param; redo brings it back', async () => {
    await a.page.getByTestId('undo-button').click();
    await expect.poll(() => edgeCount(a.page)).toBe(1);
    await expect.poll(() => edgeCount(b.page), { timeout: 3_000 }).toBe(1);
    // B's edit stands on both sides; A's earlier edits (the added, dragged node) stand too.
    expect(await a.page.getByTestId('param-fields.0.value').inputValue()).toBe('hello from Grace');
    expect(await b.page.getByTestId('param-fields.0.value').inputValue()).toBe('hello from Grace');
    expect(await nodeIds(b.page)).toContain(added);
    await shoot('08a-undone', [a, 'a'], [b, 'b']);
    await a.page.getByTestId('redo-button').click();
    await expect.poll(() => edgeCount(a.page)).toBe(2);
    await expect.poll(() => edgeCount(b.page), { timeout: 3_000 }).toBe(2);
    await shoot('08b-redone', [a, 'a'], [b, 'b']);
  });

  it('A runs the workflow; A, B and the viewer see every node succeed', async () => {
    await a.page.getByTestId('run-button').click();
    for (const p of [a, b, v]) {
      for (const id of ['start', 'greet', added]) {
        await p.page.locator(`[data-testid="node-${id}"][data-status="succeeded"]`).waitFor({ timeout: 20_000 });
      }
    }
    // The run footer shows the item count.
    expect(await b.page.getByTestId('node-run-greet').textContent()).toMatch(/1 item/);
    await shoot('09-run-succeeded', [a, 'a'], [b, 'b'], [v, 'viewer']);
  });

  it('B opens the run from the Runs panel and replays it to the end', async () => {
    const { page } = b;
    await page.getByTestId('runs-toggle').click();
    await page.getByTestId('runs-panel').waitFor();
    const row = page.locator('[data-testid^="run-row-"]').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('succeeded');
    await shoot('10a-runs-panel', [b, 'b']);
    await row.getByTestId('run-open').click();
    const bar = page.getByTestId('replay-bar');
    await bar.waitFor();
    const scrubber = page.getByTestId('replay-scrubber');
    await scrubber.waitFor();
    const lastSeq = Number(await scrubber.getAttribute('max'));
    expect(lastSeq).toBeGreaterThan(3);
    // The document is still the version that ran, so the canvas stays the live one.
    expect(await bar.textContent()).toMatch(/Succeeded[\s\S]*version \d+/);

    // Record every position the bar shows while it plays.
    await bar.evaluate((el) => {
      const seen: number[] = [];
      (window as unknown as { __seqs: number[] }).__seqs = seen;
      new MutationObserver(() => seen.push(Number(el.getAttribute('data-seq')))).observe(el, { attributes: true, attributeFilter: ['data-seq'] });
    });
    await page.getByTestId('replay-play').click();
    await page.waitForTimeout(150);
    await shoot('10b-replay-playing', [b, 'b']);
    await expect.poll(async () => Number(await bar.getAttribute('data-seq')), { timeout: 20_000 }).toBe(lastSeq);
    // It started over and stepped forward through the events, in order, to the end.
    const seqs = await page.evaluate(() => (window as unknown as { __seqs: number[] }).__seqs);
    expect(seqs[0]).toBeLessThan(lastSeq);
    expect(new Set(seqs).size).toBeGreaterThan(3);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    await page.locator('[data-testid="replay-play"]:not([data-playing])').waitFor();
    for (const id of ['start', 'greet', added]) await page.locator(`[data-testid="node-${id}"][data-status="succeeded"]`).waitFor();
    await shoot('10c-replay-end', [b, 'b']);
    await page.getByTestId('replay-close').click();
    await bar.waitFor({ state: 'detached' });
    expect(await page.getByTestId('canvas').getAttribute('data-read-only')).toBeNull();
  });

  it('A saves a version, changes the document, sees the diff on the canvas, and restores it; B sees the restore', async () => {
    const { page } = a;
    await page.getByTestId('panel-tab-versions').click();
    await page.getByTestId('versions-panel').waitFor();
    await page.getByTestId('version-message').fill('Greeting, then a no-op');
    await page.getByTestId('version-save').click();
    const savedRow = page.locator('[data-testid^="version-row-"]').filter({ hasText: 'Greeting, then a no-op' });
    await savedRow.waitFor();
    const n = Number((await savedRow.getAttribute('data-testid'))!.slice('version-row-'.length));
    await shoot('11a-version-saved', [a, 'a']);

    // Change: delete the no-op, add a Set node.
    await page.getByTestId(`node-${added}`).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(b.page), { timeout: 3_000 }).not.toContain(added);
    await page.getByTestId('palette-item-core.set').click();
    await expect.poll(async () => (await nodeIds(page)).length).toBe(3);
    const newSet = (await nodeIds(page)).find((id) => !['start', 'greet', added].includes(id))!;
    await expect.poll(() => nodeIds(b.page), { timeout: 3_000 }).toContain(newSet);

    await page.getByTestId(`version-diff-${n}`).click();
    await page.getByTestId('canvas-diff-banner').waitFor();
    await page.getByTestId('diff-summary').waitFor();
    expect(await page.getByTestId(`node-${newSet}`).getAttribute('data-diff')).toBe('added');
    await page.getByTestId(`removed-node-${added}`).waitFor();
    // Adding a node while a run is on screen opened its (empty) run data; put it away for the picture.
    if (await page.getByTestId('node-inspector').isVisible()) await page.getByTestId('inspector-close').click();
    await fitView(a);
    await shoot('11b-diff', [a, 'a']);

    await page.getByTestId(`version-restore-${n}`).click();
    await page.getByTestId('confirm-dialog').waitFor();
    await shoot('11c-restore-confirm', [a, 'a']);
    await page.getByTestId('confirm-submit').click();
    for (const p of [a, b]) {
      await expect.poll(() => nodeIds(p.page), { timeout: 5_000 }).toContain(added);
      await expect.poll(() => nodeIds(p.page), { timeout: 5_000 }).not.toContain(newSet);
      await expect.poll(() => edgeCount(p.page)).toBe(2);
    }
    // B is told who restored what.
    await b.page.getByTestId('toast').filter({ hasText: `Ada Lovelace restored version ${n}` }).waitFor();
    await shoot('11d-restored', [a, 'a'], [b, 'b']);
  });

  it('met no console errors, page errors or server errors on any page', () => {
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(v.errors).toEqual([]);
  });
});
