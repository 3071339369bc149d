import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type ProbedPage } from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';

// The foundation end to end: sign up, land in the personal workspace, create, find and rename
// a workflow, open it, export and import, invite a viewer, sign out and back in, and the sign-in
// rate limit. Screenshots of each step go to e2e/screenshots/.

let server: RunningServer;
let browser: Browser;
let probe: ProbedPage;

const user = { name: 'Ada Lovelace', email: `ada.${Date.now()}@example.com`, password: 'analytical-engine-1843' };
let workspaceUrl = '';
let inviteUrl = '';
const extraPages: ProbedPage[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  probe = await openPage(browser, server.url);
});

afterAll(async () => {
  for (const p of [probe, ...extraPages]) if (p && p.errors.length) console.error(p.errors.join('\n'));
  await browser?.close();
  await server?.stop();
});

describe('foundation', () => {
  it('sends a signed-out visitor to sign in', async () => {
    const { page } = probe;
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await page.getByTestId('sign-in-email').waitFor();
    await probe.screenshot('01-sign-in');
  });

  it('signs up and lands in the personal workspace', async () => {
    const { page } = probe;
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/sign-up');
    await page.getByTestId('sign-up-submit').click();
    // Empty fields are caught before anything is sent.
    await page.getByText('Enter your name').waitFor();
    await page.getByTestId('sign-up-name').fill(user.name);
    await page.getByTestId('sign-up-email').fill(user.email);
    await page.getByTestId('sign-up-password').fill(user.password);
    await probe.screenshot('02-sign-up');
    await page.getByTestId('sign-up-submit').click();

    await page.waitForURL(/\/w\/[^/]+$/);
    workspaceUrl = page.url();
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('workspace-switcher').textContent()).toContain("Ada's workspace");
    await probe.screenshot('03-empty-workspace');
  });

  it('creates workflows and lists them', async () => {
    const { page } = probe;
    await page.getByTestId('new-workflow').first().click();
    const dialog = page.getByTestId('create-workflow-dialog');
    await dialog.getByTestId('create-workflow-name').waitFor();
    await dialog.getByTestId('create-workflow-submit').click();
    await dialog.getByText('Give the workflow a name').waitFor();
    await dialog.getByTestId('create-workflow-name').fill('Sync Stripe customers to HubSpot');
    await dialog.getByTestId('create-workflow-description').fill('When a customer signs up in Stripe, create or update the HubSpot contact.');
    await probe.screenshot('04-create-dialog');
    await dialog.getByTestId('create-workflow-submit').click();
    await dialog.getByTestId('create-workflow-name').waitFor({ state: 'detached' });

    const rows = page.getByTestId('workflow-row');
    await rows.filter({ hasText: 'Sync Stripe customers to HubSpot' }).waitFor();

    await page.getByTestId('new-workflow').first().click();
    await dialog.getByTestId('create-workflow-name').fill('Weekly revenue digest');
    await dialog.getByTestId('create-workflow-description').fill('Every Monday at 9:00, post last week’s revenue to #finance.');
    await dialog.getByTestId('create-workflow-name').press('Enter');
    await rows.filter({ hasText: 'Weekly revenue digest' }).waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    // Newest first.
    expect(await rows.first().textContent()).toContain('Weekly revenue digest');
    await probe.screenshot('05-workflow-list');
  });

  it('searches on the server', async () => {
    const { page } = probe;
    const rows = page.getByTestId('workflow-row');
    await page.getByTestId('workflow-search').fill('stripe');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Sync Stripe customers to HubSpot');
    await probe.screenshot('06-search');

    await page.getByTestId('workflow-search').fill('no such workflow');
    await page.getByTestId('empty-state').getByText('No workflows match').waitFor();
    await probe.screenshot('06b-search-empty');
    await page.getByTestId('workflow-search').fill('stripe');
    await expect.poll(() => rows.count()).toBe(1);
  });

  it('renames a workflow from its menu', async () => {
    const { page } = probe;
    const row = page.getByTestId('workflow-row').filter({ hasText: 'Sync Stripe customers to HubSpot' });
    await row.getByTestId('workflow-actions').click();
    await page.getByRole('menu').waitFor();
    await probe.screenshot('07-row-menu');
    await page.getByTestId('action-rename').click();

    const dialog = page.getByTestId('rename-workflow-dialog');
    const name = dialog.getByTestId('rename-workflow-name');
    await name.waitFor();
    expect(await name.inputValue()).toBe('Sync Stripe customers to HubSpot');
    await name.fill('Sync Stripe customers to Salesforce');
    await probe.screenshot('08-rename-dialog');
    await dialog.getByTestId('rename-workflow-submit').click();
    await name.waitFor({ state: 'detached' });

    await page.getByTestId('workflow-row').filter({ hasText: 'Sync Stripe customers to Salesforce' }).waitFor();
    await page.getByTestId('workflow-search').fill('');
    await expect.poll(() => page.getByTestId('workflow-row').count()).toBe(2);
    await expect.poll(() => page.getByTestId('workflow-list').textContent()).not.toContain('customers to HubSpot');
    await probe.screenshot('09-renamed');
  });

  it('opens the workflow page', async () => {
    const { page } = probe;
    await page.getByTestId('workflow-link').filter({ hasText: 'Sync Stripe customers to Salesforce' }).click();
    await page.waitForURL(/\/workflows\/[^/]+$/);
    await page.getByTestId('workflow-title').getByText('Sync Stripe customers to Salesforce').waitFor();
    await page.getByTestId('editor').waitFor();
    expect(await page.getByTestId('workflow-role').textContent()).toBe('Owner');
    await probe.screenshot('10-workflow-page');
    await page.getByTestId('editor-back').click();
    await page.waitForURL(workspaceUrl);
    await page.getByTestId('workflow-row').first().waitFor();
  });

  it('exports a workflow and imports it back; rejects a broken file with the server\'s reason', async () => {
    const { page } = probe;
    const rows = page.getByTestId('workflow-row');
    const row = rows.filter({ hasText: 'Weekly revenue digest' });
    await row.getByTestId('workflow-actions').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('action-export').click()]);
    expect(download.suggestedFilename()).toBe('weekly-revenue-digest.flowforge.json');
    const exported = path.join(os.tmpdir(), `ff-e2e-export-${Date.now()}.json`);
    await download.saveAs(exported);

    await page.getByTestId('import-workflow-input').setInputFiles(exported);
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByTestId('toast').filter({ hasText: 'Imported “Weekly revenue digest”' }).waitFor();

    const broken = path.join(os.tmpdir(), `ff-e2e-broken-${Date.now()}.json`);
    await writeFile(broken, JSON.stringify({ format: 'something-else', name: 'Nope' }));
    await page.getByTestId('import-workflow-input').setInputFiles(broken);
    const alert = page.getByTestId('import-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Cannot import');
    probe.forgive(/status of 400/);
    await probe.screenshot('10b-import-error');
    await alert.getByRole('button', { name: 'Dismiss' }).click();

    // The imported copy is not needed further on.
    await rows.first().getByTestId('workflow-actions').click();
    await page.getByTestId('action-delete').click();
    await page.getByTestId('confirm-dialog').getByText('This cannot be undone', { exact: false }).waitFor();
    await probe.screenshot('10c-delete-confirm');
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => rows.count()).toBe(2);
  });

  it('shows the members page and creates an invite link', async () => {
    const { page } = probe;
    await page.getByTestId('nav-members').click();
    await page.getByTestId('member-row').filter({ hasText: user.email }).waitFor();
    await page.getByTestId('invite-role').selectOption('viewer');
    await page.getByTestId('create-invite').click();
    inviteUrl = await page.getByTestId('invite-url').inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite/[\\w-]{20,}$`));
    await page.getByTestId('invite-row').first().waitFor();
    await probe.screenshot('11-members');
    await page.getByTestId('nav-workflows').click();
    await page.getByTestId('workflow-row').first().waitFor();
  });

  it('lets a viewer join through the invite link, without any editing controls', async () => {
    const guest = await openPage(browser, server.url);
    extraPages.push(guest);
    const { page } = guest;
    await page.goto(inviteUrl);
    await page.getByTestId('invite-sign-up').click();
    await page.waitForURL('**/sign-up?next=*');
    await page.getByTestId('sign-up-name').fill('Grace Hopper');
    await page.getByTestId('sign-up-email').fill(`grace.${Date.now()}@example.com`);
    await page.getByTestId('sign-up-password').fill('compiler-1952-cobol');
    await page.getByTestId('sign-up-submit').click();
    await page.waitForURL(/\/invite\//);
    await page.getByTestId('accept-invite').waitFor();
    await guest.screenshot('11b-accept-invite');
    await page.getByTestId('accept-invite').click();
    await page.waitForURL(workspaceUrl);

    const rows = page.getByTestId('workflow-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByTestId('workspace-switcher').textContent()).toContain('Viewer');
    expect(await page.getByTestId('new-workflow').count()).toBe(0);
    expect(await page.getByTestId('import-workflow').count()).toBe(0);
    await rows.first().getByTestId('workflow-actions').click();
    await page.getByTestId('action-export').waitFor();
    for (const action of ['rename', 'duplicate', 'archive', 'delete']) {
      expect(await page.getByTestId(`action-${action}`).count()).toBe(0);
    }
    await guest.screenshot('11c-viewer-list');
    await page.keyboard.press('Escape');

    await page.getByTestId('nav-members').click();
    await expect.poll(() => page.getByTestId('member-row').count()).toBe(2);
    expect(await page.getByTestId('create-invite').count()).toBe(0);
    expect(await page.getByTestId('member-role').count()).toBe(0);
    await guest.screenshot('11d-viewer-members');
    expect(guest.errors).toEqual([]);
    await guest.context.close();
  });

  it('switches to the dark theme', async () => {
    const { page } = probe;
    await page.getByTestId('theme-dark').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await probe.screenshot('12-dark-list');
    await page.reload();
    await page.getByTestId('workflow-row').first().waitFor();
    // The choice survives a reload without a flash of the light theme.
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByTestId('theme-system').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('fits a phone screen', async () => {
    const { page } = probe;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('workflow-row').first().waitFor();
    await probe.screenshot('13-phone-list');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out, rejects a wrong password, and signs back in', async () => {
    const { page } = probe;
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/sign-in');

    await page.getByTestId('sign-in-email').fill(user.email);
    await page.getByTestId('sign-in-password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('auth-error').getByText('Invalid email or password').waitFor();
    // Chromium logs the expected 401 answer as a console error.
    probe.forgive(/status of 401/);
    await probe.screenshot('14-sign-in-error');

    await page.getByTestId('sign-in-password').fill(user.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(workspaceUrl);
    await expect.poll(() => page.getByTestId('workflow-row').count()).toBe(2);
  });

  it('follows a dark OS preference before the first paint', async () => {
    const dark = await openPage(browser, server.url, { colorScheme: 'dark' });
    extraPages.push(dark);
    await dark.page.goto('/sign-in');
    expect(await dark.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await dark.screenshot('15-sign-in-dark');
    expect(dark.errors).toEqual([]);
    await dark.context.close();
  });

  it('says so when sign-in attempts are rate limited', async () => {
    const guest = await openPage(browser, server.url);
    extraPages.push(guest);
    const { page } = guest;
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill('nobody@example.com');
    await page.getByTestId('sign-in-password').fill('wrong-password');
    const alert = page.getByTestId('auth-error');
    for (let attempt = 0; attempt < 15; attempt++) {
      await page.getByTestId('sign-in-submit').click();
      await alert.waitFor();
      await page.getByTestId('sign-in-submit').and(page.locator(':not([aria-busy])')).waitFor();
      if ((await alert.textContent())?.includes('Too many attempts')) break;
    }
    expect(await alert.textContent()).toMatch(/Too many attempts\. Please try again in \d+ seconds?\./);
    guest.forgive(/status of (401|429)/);
    await guest.screenshot('16-sign-in-rate-limited');
    expect(guest.errors).toEqual([]);
    await guest.context.close();
  });

  it('met no console errors, page errors or server errors', () => {
    expect(probe.errors).toEqual([]);
  });
});
