import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '../engine/testing/smtp-capture.ts';
import { TestUser } from '../server/testing/api-client.ts';
import { launchBrowser, openPage, type ProbedPage } from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';

// The outreach view with real data: a workflow sends three tracked emails through a local SMTP
// server, the test opens two, clicks one link and posts one reply, then the page shows the
// totals, the chart and each contact's stage.

let server: RunningServer;
let browser: Browser;
let probe: ProbedPage;
let smtp: SmtpCapture;
let user: TestUser;
let workspaceId = '';
let workflowId = '';

beforeAll(async () => {
  smtp = await startSmtpCapture();
  server = await startServer({ env: { FLOWFORGE_HTTP_ALLOW_LIST: '127.0.0.1' } });
  browser = await launchBrowser();
  user = await TestUser.signUp(server.url, 'Sam Sender', `sam.${Date.now()}@example.com`);
  probe = await openPage(browser, server.url);
  const host = new URL(server.url).hostname;
  await probe.context.addCookies([...user.cookies].map(([name, value]) => ({ name, value, domain: host, path: '/' })));
});

afterAll(async () => {
  if (probe?.errors.length) console.error(probe.errors.join('\n'));
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('outreach view', () => {
  it('sends tracked emails and records opens, a click and a reply', async () => {
    const [workspace] = await user.api.workspace.list.query();
    workspaceId = workspace!.id;
    const mail = await user.api.credential.create.mutate({
      workspaceId,
      name: 'Local SMTP',
      kind: 'smtp',
      data: { host: smtp.host, port: String(smtp.port), secure: 'none', user: '', password: '', fromAddress: 'sam@flowforge.dev', fromName: 'Sam' },
    });
    const { workflow } = await user.api.workflow.import.mutate({
      workspaceId,
      data: {
        format: 'flowforge.workflow',
        formatVersion: 1,
        name: 'Founder intros',
        definition: {
          schemaVersion: 1,
          nodes: [
            { id: 'start', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 }, params: {} },
            {
              id: 'send',
              type: 'outreach.sendEmail',
              name: 'Send intro',
              position: { x: 300, y: 0 },
              params: {
                credentialId: mail.id,
                to: '{{ $json.email }}',
                subject: 'Hello {{ $json.name }}',
                html: '<p>Hi {{ $json.name }}, have a look at <a href="https://flowforge.dev/tour">our tour</a>.</p>',
                trackOpens: true,
                trackClicks: true,
              },
            },
          ],
          edges: [{ id: 'e1', source: 'start', target: 'send' }],
        },
      },
    });
    workflowId = workflow.id;
    const people = [
      { email: 'ada@acme.io', name: 'Ada' },
      { email: 'bob@bits.dev', name: 'Bob' },
      { email: 'cara@cogs.ai', name: 'Cara' },
    ];
    const run = await user.api.run.start.mutate({ workflowId, draft: true, items: people.map((json) => ({ json })) });
    await expect
      .poll(async () => (await user.api.run.get.query({ workflowId, runId: run.executionId })).run.status, { timeout: 30_000 })
      .toBe('succeeded');
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(people.map((p) => p.email));

    const html = (to: string) => smtp.messages.find((m) => m.envelopeTo[0] === to)!.html!;
    const pixel = (to: string) => /src="([^"]*\/t\/o\/[^"]+)"/.exec(html(to))![1]!.replaceAll('&amp;', '&');
    const link = (to: string) => /href="([^"]*\/t\/c\/[^"]+)"/.exec(html(to))![1]!.replaceAll('&amp;', '&');
    for (const to of ['ada@acme.io', 'bob@bits.dev']) expect((await fetch(pixel(to))).status).toBe(200);
    expect((await fetch(link('ada@acme.io'), { redirect: 'manual' })).headers.get('location')).toBe('https://flowforge.dev/tour');
    const { url } = await user.api.outreach.inboundUrl.query({ workspaceId });
    const toAda = smtp.messages.find((m) => m.envelopeTo[0] === 'ada@acme.io')!;
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'ada@acme.io', to: 'sam@flowforge.dev', subject: `Re: ${toAda.subject}`, text: 'Sure, let us talk', headers: { 'In-Reply-To': toAda.messageId } }),
    });
    expect(reply.status).toBe(200);
  });

  it('shows totals, renders the chart with the data, and lists each contact at its stage', async () => {
    const { page } = probe;
    await page.goto(`/w/${workspaceId}/workflows/${workflowId}/outreach`);
    await page.getByTestId('outreach-view').waitFor();
    const chart = page.getByTestId('outreach-chart');
    await chart.waitFor();
    // Recharts draws one filled area per series once it has data and a size.
    await expect.poll(() => chart.locator('.recharts-area').count(), { timeout: 15_000 }).toBe(4);
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('kpi-replied').textContent()).toContain('1');
    const totals = await page.getByTestId('outreach-totals').textContent();
    expect(totals).toMatch(/Sent\s*3/);
    expect(totals).toMatch(/Opened\s*2/);
    expect(totals).toMatch(/Clicked\s*1/);
    const stages = Object.fromEntries(
      await page.getByTestId('outreach-contact').evaluateAll((rows) => rows.map((r) => [r.querySelector('td div')?.textContent ?? '', r.getAttribute('data-stage')])),
    );
    expect(stages).toEqual({ 'ada@acme.io': 'replied', 'bob@bits.dev': 'opened', 'cara@cogs.ai': 'sent' });
    await probe.screenshot('outreach-view');
    expect(probe.errors).toEqual([]);
  });
});
