import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHunter, type FakeHunter } from '../../engine/testing/fake-hunter.ts';
import { startFakeOpenAi, type FakeChatRequest, type FakeOpenAi } from '../../engine/testing/fake-openai.ts';
import { startFakeSite, type FakeSite } from '../../engine/testing/fake-site.ts';
import { FakeClock } from '../../engine/testing/fake-clock.ts';
import { startSmtpCapture, type SmtpCapture } from '../../engine/testing/smtp-capture.ts';
import { collabFixture, type CollabFixture } from '../collab/testing/collab-fixture.ts';
import { eventually } from '../collab/testing/collab-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { OutreachNode } from './outreach-template.ts';

/**
 * The brief's first use from feed to follow-up, through the real server (runtime, data tables,
 * tracking endpoints, inbound webhook) with local fakes only — a news site, Hunter, an SMTP
 * server that captures mail, an OpenAI-compatible model — and a fake clock to cross days.
 */
const target = (await databaseTargets()).at(-1)!;
const DAY = 86_400_000;
const FOUNDERS: Record<string, { firstName: string; lastName: string; company: string; domain: string }> = {
  Acme: { firstName: 'Ada', lastName: 'Lovelace', company: 'Acme', domain: 'acme.io' },
  Bits: { firstName: 'Bob', lastName: 'Byte', company: 'Bits', domain: 'bits.dev' },
  Cogs: { firstName: 'Cara', lastName: 'Cog', company: 'Cogs', domain: 'cogs.ai' },
  Dent: { firstName: 'Dan', lastName: 'Dent', company: 'Dent', domain: 'dent.co' },
  Figs: { firstName: 'Fay', lastName: 'Fig', company: 'Figs', domain: 'figs.io' },
};

/** The fake model: extracts the founder named in the title, writes emails that quote what it was given. */
function model(request: FakeChatRequest) {
  const system = request.body.messages?.[0]?.content ?? '';
  const user = request.body.messages?.at(-1)?.content ?? '';
  if (system.includes('extract the founder')) {
    const company = Object.keys(FOUNDERS).find((c) => user.includes(`Title: ${c}`));
    const f = company ? FOUNDERS[company]! : null;
    return { content: JSON.stringify(f ? { isFounderNews: true, ...f } : { isFounderNews: false, firstName: '', lastName: '', company: '', domain: '' }) };
  }
  const name = /to (\w+)[, ]/.exec(user)?.[1] ?? 'there';
  if (system.includes('follow-up')) return { content: JSON.stringify({ subject: 'Quick follow-up', body: `Hi ${name}, one more thought on automation.` }) };
  const news = /news "([^"]+)"/.exec(user)?.[1] ?? 'your news';
  return { content: JSON.stringify({ subject: `Congrats on ${news}`, body: `Hi ${name},\nCongratulations on "${news}".\nWould a quick chat help?` }) };
}

const feedXml = (base: string, items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Startups</title><link>${base}</link><description>news</description>${items
    .map((slug) => `<item><title>${slug.split('-')[0]} raises a seed round (${slug})</title><link>${base}/news/${slug}</link><guid>${slug}</guid></item>`)
    .join('')}</channel></rss>`;

describe(`entrepreneur outreach end to end on ${target}`, () => {
  let srv: TestServer;
  let f: CollabFixture;
  let site: FakeSite;
  let hunter: FakeHunter;
  let smtp: SmtpCapture;
  let ai: FakeOpenAi;
  // Tuesday 08:20 UTC; the emails go out after 10:00, inside the template's 9–11 send window.
  const clock = new FakeClock(Date.parse('2026-12-01T08:20:00Z'));
  let workflowId = '';
  let versionId = '';

  beforeAll(async () => {
    site = await startFakeSite();
    site.setPage('/feed.xml', { contentType: 'application/rss+xml', body: feedXml(site.url, []) });
    for (const [slug, company] of [['Acme-1', 'Acme'], ['Acme-2', 'Acme'], ['Bits-1', 'Bits'], ['Cogs-1', 'Cogs'], ['Dent-1', 'Dent'], ['Figs-1', 'Figs']] as const) {
      site.setPage(`/news/${slug}`, `<html><body><nav>menu</nav><article><h1>${company} raises</h1><p>${company} was founded by ${FOUNDERS[company]!.firstName}.</p></article></body></html>`);
    }
    hunter = await startFakeHunter({
      apiKey: 'hunter-key',
      companies: {
        'acme.io': { organization: 'Acme', people: [{ email: 'ada@acme.io', firstName: 'Ada', lastName: 'Lovelace', position: 'CEO' }] },
        'bits.dev': { organization: 'Bits', people: [{ email: 'bob@bits.dev', firstName: 'Bob', lastName: 'Byte', position: 'CEO', status: 'invalid' }] },
        'cogs.ai': { organization: 'Cogs', people: [{ email: 'cara@cogs.ai', firstName: 'Cara', lastName: 'Cog', position: 'CEO' }] },
        'dent.co': { organization: 'Dent', people: [{ email: 'dan@dent.co', firstName: 'Dan', lastName: 'Dent', position: 'CEO' }] },
        'figs.io': { organization: 'Figs', people: [{ email: 'fay@figs.io', firstName: 'Fay', lastName: 'Fig', position: 'CEO' }] },
      },
    });
    smtp = await startSmtpCapture({ rejectRecipient: (address) => (address === 'dan@dent.co' ? { code: 550, message: 'No such user here' } : undefined) });
    ai = await startFakeOpenAi({ fallback: model });
    srv = await startTestServer(target, { clock });
    // The test polls and sweeps by hand, on the fake clock: the background loops would race it.
    srv.runtime.feedPoller?.stop();
    srv.runtime.scheduler?.stop();
    f = await collabFixture(srv, `outreach-${target}`);
  });
  afterAll(async () => {
    await srv?.stop();
    await Promise.all([site?.close(), hunter?.close(), smtp?.close(), ai?.close()]);
  });

  const runsSettled = async (count: number) => {
    await eventually(async () => {
      const runs = await srv.db.prisma.execution.findMany({ where: { workflowId }, select: { status: true } });
      expect(runs.length).toBe(count);
      expect(runs.every((r) => ['succeeded', 'failed', 'cancelled'].includes(r.status))).toBe(true);
    }, 30_000);
    const failed = await srv.db.prisma.execution.findMany({ where: { workflowId, status: { not: 'succeeded' } }, select: { error: true } });
    expect(failed).toEqual([]);
  };
  const contacts = async () =>
    Object.fromEntries(
      (await srv.db.prisma.dataRow.findMany({ where: { table: { workspaceId: f.workspaceId, name: 'contacts' } } })).map((r) => {
        const data = r.data as Record<string, unknown>;
        return [String(data.email || data.domain), data];
      }),
    );

  it('sets up from the template with the workspace credentials and goes live', async () => {
    const cred = (name: string, kind: string, data: Record<string, string>) => f.owner.api.credential.create.mutate({ workspaceId: f.workspaceId, name, kind, data });
    const openAi = await cred('Model', 'openAi', { apiKey: '', baseUrl: ai.baseUrl, defaultModel: 'fake-model' });
    const hunterApi = await cred('Hunter', 'hunterApi', { apiKey: 'hunter-key', baseUrl: hunter.baseUrl });
    const mail = await cred('Mail', 'smtp', { host: smtp.host, port: String(smtp.port), secure: 'none', user: '', password: '', fromAddress: 'sam@flowforge.dev', fromName: 'Sam' });
    const wf = await f.owner.api.workflow.createFromTemplate.mutate({
      workspaceId: f.workspaceId,
      templateId: 'entrepreneur-outreach',
      params: { feeds: [`${site.url}/feed.xml`], followUpDays: 3, maxFollowUps: 1, senderName: 'Sam', website: 'https://flowforge.dev/demo' },
      credentials: { openAi: openAi.id, hunterApi: hunterApi.id, smtp: mail.id },
    });
    workflowId = wf.id;
    const version = await f.owner.api.version.create.mutate({ workflowId, message: 'Go live' });
    versionId = version.id;
    await f.owner.api.run.activate.mutate({ workflowId, versionId });
    // The first poll due only notes what the feed already lists.
    await clock.advance(61 * 60_000);
    expect(await srv.runtime.feedPoller!.tick()).toEqual([]);
    const [trigger] = await srv.db.prisma.trigger.findMany({ where: { workflowId, type: 'poll' } });
    expect(trigger!.state).toMatchObject({ seen: [] });
  });

  it('runs from feed to first email: each contact once, personalised, tracked; the unreachable one recorded', async () => {
    site.setPage('/feed.xml', { contentType: 'application/rss+xml', body: feedXml(site.url, ['Acme-1', 'Bits-1', 'Acme-2', 'Cogs-1']) });
    await clock.advance(61 * 60_000);
    expect(await srv.runtime.feedPoller!.tick()).toHaveLength(4);
    await runsSettled(4);

    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['ada@acme.io', 'cara@cogs.ai']);
    const toAda = smtp.messages.find((m) => m.envelopeTo[0] === 'ada@acme.io')!;
    expect(toAda.subject).toMatch(/^Congrats on Acme raises a seed round/);
    expect(toAda.text).toMatch(/^Hi Ada,/);
    expect(toAda.html).toMatch(/\/t\/o\/[^"]+\.gif/);
    expect(toAda.html).toMatch(/\/t\/c\/[^"]+/);
    expect(toAda.headers['from']).toMatch(/Sam/);

    const rows = await contacts();
    expect(rows['ada@acme.io']).toMatchObject({ stage: 'sent', followUps: 0, firstName: 'Ada', company: 'Acme' });
    expect(rows['cara@cogs.ai']).toMatchObject({ stage: 'sent', followUps: 0 });
    expect(rows['bob@bits.dev']).toMatchObject({ stage: 'unreachable', company: 'Bits' });
    expect(Object.keys(rows)).toHaveLength(3);
  });

  it('records an open and a click from the email, and a reply posted by the mail service', async () => {
    const toAda = smtp.messages.find((m) => m.envelopeTo[0] === 'ada@acme.io')!;
    const pixel = /src="([^"]*\/t\/o\/[^"]+)"/.exec(toAda.html!)![1]!.replaceAll('&amp;', '&');
    const link = /href="([^"]*\/t\/c\/[^"]+)"/.exec(toAda.html!)![1]!.replaceAll('&amp;', '&');
    const open = await fetch(pixel);
    expect(open.headers.get('content-type')).toBe('image/gif');
    const click = await fetch(link, { redirect: 'manual' });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://flowforge.dev/demo');

    const { url } = await f.owner.api.outreach.inboundUrl.query({ workspaceId: f.workspaceId });
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'Ada Lovelace <ada@acme.io>', to: 'sam@flowforge.dev', subject: `Re: ${toAda.subject}`, text: 'Happy to talk!', headers: { 'In-Reply-To': toAda.messageId } }),
    });
    expect(reply.status).toBe(200);

    const stats = await f.viewer.api.outreach.stats.query({ workflowId, from: new Date(Date.now() - 7 * DAY), to: new Date(Date.now() + DAY), bucket: 'day' });
    expect(stats.totals).toMatchObject({ sent: 2, opened: 1, clicked: 1, replied: 1 });
    const people = await f.viewer.api.outreach.contacts.query({ workflowId });
    expect(Object.fromEntries(people.items.map((c) => [c.recipient, c.stage]))).toEqual({ 'ada@acme.io': 'replied', 'cara@cogs.ai': 'sent' });
    expect((await contacts())['ada@acme.io']).toMatchObject({ stage: 'replied', replied: true });
  });

  it(`after N days the follow-up goes only to who did not reply, and stops after K`, async () => {
    await clock.advance(3 * DAY);
    const sweep = () =>
      srv.runtime.runs.start({ workflowId, versionId, trigger: 'schedule', triggerNodeId: OutreachNode.FollowUpSchedule, items: [{ json: {} }] });
    await sweep();
    await runsSettled(5);
    expect(smtp.messages).toHaveLength(3);
    const followUp = smtp.messages[2]!;
    expect(followUp.envelopeTo).toEqual(['cara@cogs.ai']);
    expect(followUp.subject).toBe('Re: Quick follow-up');
    expect(followUp.text).toMatch(/^Hi Cara,/);
    expect((await contacts())['cara@cogs.ai']).toMatchObject({ followUps: 1 });

    // K = 1: three more days later nobody is due any more.
    await clock.advance(3 * DAY);
    await sweep();
    await runsSettled(6);
    expect(smtp.messages).toHaveLength(3);
  });

  it('bad inputs end as clear errors or skips and lose no contact: a feed that is not XML, an SMTP rejection, Hunter refusing the key', async () => {
    // Next morning, before the send window.
    await clock.advanceTo(Date.parse('2026-12-08T08:50:00Z'));
    // A feed that is not XML: no run, the trigger keeps the reason, the next poll tries again.
    site.setPage('/feed.xml', { contentType: 'application/json', body: '{"not":"a feed"}' });
    await clock.advance(61 * 60_000);
    expect(await srv.runtime.feedPoller!.tick()).toEqual([]);
    const [trigger] = await srv.db.prisma.trigger.findMany({ where: { workflowId, type: 'poll' } });
    expect((trigger!.state as { lastError?: { message: string } }).lastError?.message).toMatch(/feed|XML|RSS/i);

    // The SMTP server refuses Dan: his row says failed, with the server's answer.
    site.setPage('/feed.xml', { contentType: 'application/rss+xml', body: feedXml(site.url, ['Dent-1']) });
    await clock.advance(61 * 60_000);
    expect(await srv.runtime.feedPoller!.tick()).toHaveLength(1);
    await runsSettled(7);
    const dan = (await contacts())['dan@dent.co'];
    expect(dan).toMatchObject({ stage: 'failed' });
    expect(String(dan!.lastError)).toMatch(/550|No such user/);

    // Hunter refuses the key: the run fails saying so; nothing half-written.
    hunter.enqueue({ status: 401, headers: { 'content-type': 'application/json' }, body: { errors: [{ id: 'authentication_failed', code: 401, details: 'No user found for the API key supplied' }] } });
    site.setPage('/feed.xml', { contentType: 'application/rss+xml', body: feedXml(site.url, ['Figs-1']) });
    await clock.advance(61 * 60_000);
    const [figsRun] = await srv.runtime.feedPoller!.tick();
    await eventually(async () => {
      const run = await srv.db.prisma.execution.findUniqueOrThrow({ where: { id: figsRun! } });
      expect(run.status).toBe('failed');
      expect(JSON.stringify(run.error)).toMatch(/Hunter refused the API key/);
    }, 30_000);
    expect((await contacts())['fay@figs.io']).toBeUndefined();
    expect(Object.keys(await contacts()).sort()).toEqual(['ada@acme.io', 'bob@bits.dev', 'cara@cogs.ai', 'dan@dent.co']);
    expect(smtp.messages.some((m) => m.envelopeTo.includes('dan@dent.co'))).toBe(false);
  });
});
