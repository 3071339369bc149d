import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDraftMark } from '../collab/copilot/index.ts';
import { nodesOf } from '../collab/index.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../engine/testing/fake-openai.ts';
import { cookieOf, openDoc, type DocClient } from '../server/collab/testing/collab-client.ts';
import { launchBrowser, openPage, type ProbedPage } from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { addMember, editorPath, signInContext, signUpUser, type E2eUser } from './support/users.ts';
import { cannedMorningProposal } from '../server/copilot/testing/canned-proposal.ts';

// Issue #7 end to end: the copilot panel drafts a workflow from a prompt through a local fake
// OpenAI-compatible server, the proposal shows as ghost cards on the drafter's canvas only,
// Accept puts it on both users' canvases as one undo step, Reject leaves nothing.
// Screenshots: e2e/screenshots/copilot-*.png.

const API_KEY = 'sk-e2e-copilot';
const PROMPT = "Every morning, read TechCrunch's feed and draft a personal email to each founder";
const proposal = cannedMorningProposal;
const proposedNames = proposal.addNodes.map((n) => n.name).sort();

let ai: FakeOpenAi;
let server: RunningServer;
let browser: Browser;
let ada: E2eUser;
let grace: E2eUser;
let a: ProbedPage;
let b: ProbedPage;
let workspaceId = '';
let workflowId = '';
const collabClients: DocClient[] = [];

/** Names on the workflow's node cards (ghost cards excluded), sorted. */
const cardNames = async (page: Page) =>
  (await page.$$eval('.react-flow__node [data-testid^="node-name-"]', (els) => els.map((el) => el.textContent ?? ''))).sort();
const ghostCount = (page: Page) => page.locator('[data-testid^="ghost-node-"]').count();
const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();
/**
 * Opens a side-panel tab. With no panel open the tabs are hidden and the top bar's only way in
 * is the run history button (see the report: the copilot has no entry point of its own).
 */
async function openTab(page: Page, tab: 'node' | 'runs' | 'versions' | 'copilot') {
  if (!(await page.getByTestId(`panel-tab-${tab}`).isVisible())) await page.getByTestId('runs-toggle').click();
  await page.getByTestId(`panel-tab-${tab}`).click();
}
const shoot = (name: string, ...pages: [ProbedPage, string][]) => Promise.all(pages.map(([p, who]) => p.screenshot(`copilot-${name}-${who}`)));

beforeAll(async () => {
  ai = await startFakeOpenAi({ apiKey: API_KEY });
  // The server must be allowed to reach the fake model on 127.0.0.1 (private addresses are refused by default).
  server = await startServer({ env: { FLOWFORGE_HTTP_ALLOW_LIST: '127.0.0.1' } });
  browser = await launchBrowser();
  [ada, grace] = await Promise.all([signUpUser(server.url, 'Ada Lovelace', 'ada'), signUpUser(server.url, 'Grace Hopper', 'grace')]);
  const ws = await ada.client.api.workspace.create.mutate({ name: 'Founders outreach' });
  workspaceId = ws.id;
  await addMember(ada.client, grace.client, workspaceId, 'editor');
  workflowId = (await ada.client.api.workflow.create.mutate({ workspaceId, name: 'Morning outreach' })).id;
  [a, b] = await Promise.all([openPage(browser, server.url), openPage(browser, server.url)]);
  await signInContext(a.context, ada, server.url);
  await signInContext(b.context, grace, server.url);
  await Promise.all([a, b].map((p) => p.page.goto(editorPath(workspaceId, workflowId))));
  for (const p of [a, b]) {
    await p.page.getByTestId('canvas').waitFor();
    await p.page.locator('[data-testid="connection-status"][data-status="synced"]').waitFor({ state: 'attached' });
  }
});

afterAll(async () => {
  for (const c of collabClients) c.destroy();
  for (const p of [a, b]) if (p?.errors.length) console.error(p.errors.join('\n'));
  await browser?.close();
  await server?.stop();
  await ai?.close();
});

describe('the copilot', () => {
  it('says what to configure while the workspace has no AI provider', async () => {
    const { page } = a;
    await openTab(page, 'copilot');
    const notice = page.getByTestId('copilot-not-configured');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Settings → Credentials/);
    expect(await page.getByTestId('copilot-prompt').count()).toBe(0);
    await shoot('01-not-configured', [a, 'a']);
  });

  it('A adds the AI provider through Settings → Credentials, and tests it', async () => {
    const { page } = a;
    await page.getByTestId('settings-button').click();
    const dialog = page.getByTestId('settings-dialog');
    await dialog.waitFor();
    await page.getByTestId('credentials-tab').waitFor();
    await page.getByTestId('credential-new').click();
    const form = page.getByTestId('credential-form');
    await page.getByTestId('credential-kind').selectOption({ label: 'AI provider (OpenAI-compatible)' });
    await page.getByTestId('credential-name').fill('Local model');
    await page.getByTestId('credential-field-apiKey').fill(API_KEY);
    await page.getByTestId('credential-field-baseUrl').fill(ai.baseUrl);
    await page.getByTestId('credential-field-defaultModel').fill('fake-model');
    await shoot('02a-credential-form', [a, 'a']);
    await page.getByTestId('credential-save').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('credential-row-Local model').waitFor();

    await page.getByTestId('credential-test-Local model').click();
    const result = page.getByTestId('credential-test-result-Local model');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/fake-model answered/);
    // The key went to the model as a bearer token and is never shown again.
    expect(ai.requests.at(-1)!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(await dialog.textContent()).not.toContain(API_KEY);
    await shoot('02b-credential-tested', [a, 'a']);
    await dialog.getByRole('button', { name: 'Close dialog' }).click();
    await dialog.waitFor({ state: 'hidden' });
    ai.reset();
  });

  it('drafts from a prompt: the proposal shows as ghost cards on A’s canvas only', async () => {
    const { page } = a;
    // No reload: saving the provider refreshes the copilot's status.
    await openTab(page, 'copilot');
    await page.getByTestId('copilot-panel').waitFor();
    ai.enqueue({ content: JSON.stringify(proposal) });
    await page.getByTestId('copilot-prompt').fill(PROMPT);
    await page.getByTestId('copilot-submit').click();
    await page.getByTestId('copilot-summary').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('copilot-summary').textContent()).toBe(proposal.summary);
    // The model got the prompt, through the real SDK, with the workspace's key.
    expect(ai.requests).toHaveLength(1);
    expect(ai.requests[0]!.body.model).toBe('fake-model');
    expect(JSON.stringify(ai.requests[0]!.body.messages)).toContain('TechCrunch');

    await page.getByTestId('canvas-ghost-banner').waitFor();
    expect(await page.getByTestId('canvas-ghost-banner').textContent()).toMatch(/3 nodes proposed/);
    await expect.poll(() => ghostCount(page)).toBe(3);
    // Nothing is in the document yet: B sees an empty canvas and no ghosts.
    await b.page.waitForTimeout(500);
    expect(await cardNames(b.page)).toEqual([]);
    expect(await ghostCount(b.page)).toBe(0);
    await shoot('03-ghost-preview', [a, 'a'], [b, 'b']);
  });

  it('Accept puts the nodes on both canvases, marked as drafted by AI for A', async () => {
    await a.page.getByTestId('copilot-accept').click();
    for (const p of [a, b]) {
      await expect.poll(() => cardNames(p.page), { timeout: 5_000 }).toEqual(proposedNames);
      await expect.poll(() => edgeCount(p.page)).toBe(2);
    }
    expect(await ghostCount(a.page)).toBe(0);
    expect(await a.page.getByTestId('canvas-ghost-banner').count()).toBe(0);
    // Each card says who the AI drafted it for, on B's canvas too.
    const marks = b.page.locator('[data-testid^="node-ai-mark-"]');
    await expect.poll(() => marks.count()).toBe(3);
    expect((await marks.allTextContents()).map((t) => t.trim())).toEqual(Array(3).fill('AI · for Ada Lovelace'));

    // Every collaborator's document carries the mark (read here through B's own connection).
    const client = openDoc({ baseUrl: server.url, cookie: cookieOf(grace.client), origin: server.url }, workflowId);
    collabClients.push(client);
    await client.synced;
    const stored = [...nodesOf(client.doc).values()].map((node) => readDraftMark(node));
    expect(stored).toHaveLength(3);
    for (const mark of stored) expect(mark).toMatchObject({ by: 'ai', forUserId: ada.id, forName: 'Ada Lovelace' });
    client.destroy();
    await shoot('04-accepted', [a, 'a'], [b, 'b']);
  });

  it('one undo in A removes the whole proposal for both users', async () => {
    await a.page.getByTestId('undo-button').click();
    for (const p of [a, b]) {
      await expect.poll(() => cardNames(p.page), { timeout: 5_000 }).toEqual([]);
      await expect.poll(() => edgeCount(p.page)).toBe(0);
    }
    await shoot('05-undone', [a, 'a'], [b, 'b']);
  });

  it('Reject leaves nothing behind', async () => {
    const { page } = a;
    ai.enqueue({ content: JSON.stringify(proposal) });
    await page.getByTestId('copilot-prompt').fill(PROMPT);
    await page.getByTestId('copilot-submit').click();
    await page.getByTestId('copilot-summary').waitFor({ timeout: 20_000 });
    await expect.poll(() => ghostCount(page)).toBe(3);
    await page.getByTestId('copilot-reject').click();
    await expect.poll(() => ghostCount(page)).toBe(0);
    expect(await page.getByTestId('copilot-proposal').count()).toBe(0);
    await b.page.waitForTimeout(300);
    for (const p of [a, b]) expect(await cardNames(p.page)).toEqual([]);
    await shoot('06-rejected', [a, 'a']);
  });

  it('met no console errors, page errors or server errors', () => {
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
