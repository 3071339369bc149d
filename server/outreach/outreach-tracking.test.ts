import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '../../engine/testing/smtp-capture.ts';
import { PrismaDataTableStore } from '../data-tables/prisma-data-table-store.ts';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { createCredential, createWorkflowWithVersion, waitForStatus } from '../testing/workflow-helpers.ts';
import { PIXEL_GIF } from './tracking-handler.ts';

const targets = await databaseTargets();

function sendFlow(credentialId: string, to: string) {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', type: 'core.manualTrigger', name: 'Start', params: {} },
      {
        id: 'send',
        type: 'outreach.sendEmail',
        name: 'Send',
        params: {
          credentialId,
          to,
          subject: 'Quick question, {{ "Jane" }}',
          text: 'Hi',
          html: '<p>Hi Jane, see <a href="https://example.com/pricing?plan=pro">pricing</a> or <a href="mailto:me@x.io">write</a>.</p>',
          trackOpens: true,
          trackClicks: true,
          contact: { table: 'contacts', keyField: 'email' },
        },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'send' }],
  };
}

const eventFlow = (events: string[], scope: 'workspace' | 'workflow' = 'workspace') => ({
  schemaVersion: 1,
  nodes: [
    { id: 'on', type: 'outreach.eventTrigger', name: 'On event', params: { events, scope } },
    { id: 'tag', type: 'core.set', name: 'Tag', params: { fields: [{ name: 'seen', value: '{{ $json.event }}' }] } },
  ],
  edges: [{ id: 'e1', source: 'on', target: 'tag' }],
});

describe.each(targets)('outreach tracking on %s', (target) => {
  let srv: TestServer;
  let owner: TestUser;
  let smtp: SmtpCapture;
  let workspaceId: string;
  let sender: { workflowId: string; versionId: string };
  let contacts: PrismaDataTableStore;
  let inboundUrl: string;

  const db = () => srv.db.prisma;
  const rowOf = async (email: string) => (await contacts.find('contacts', { filters: [{ field: 'email', op: 'eq', value: email }] }))[0]!.data;
  const eventsOf = (messageId: string, kind?: string) => db().outreachEvent.findMany({ where: { messageId, ...(kind ? { kind } : {}) }, orderBy: { at: 'asc' } });
  const postInbound = (body: BodyInit, type: string, url = inboundUrl) => fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

  /** Sends one tracked email through a real run; returns the captured mail and its message row. */
  async function send() {
    const before = smtp.messages.length;
    const { executionId } = await owner.api.run.start.mutate({ workflowId: sender.workflowId, versionId: sender.versionId });
    const exec = await waitForStatus(srv, executionId, ['succeeded', 'failed']);
    expect(exec.error).toBeNull();
    expect(smtp.messages.length).toBe(before + 1);
    const mail = smtp.messages[smtp.messages.length - 1]!;
    const message = await db().outreachMessage.findFirstOrThrow({ where: { executionId } });
    return { mail, message };
  }

  beforeAll(async () => {
    srv = await startTestServer(target);
    smtp = await startSmtpCapture();
    owner = await TestUser.signUp(srv.url, 'Out Reach', `outreach-${target}@example.com`);
    workspaceId = (await owner.api.workspace.list.query())[0]!.id;
    contacts = new PrismaDataTableStore(db(), workspaceId);
    await contacts.upsert('contacts', ['email'], [
      { email: 'jane@acme.io', name: 'Jane', stage: 'new' },
      { email: 'bob@corp.com', name: 'Bob', stage: 'new' },
    ]);
    const credentialId = await createCredential(srv, workspaceId, 'smtp', { host: '127.0.0.1', port: String(smtp.port), secure: 'none', fromAddress: 'me@flows.test' });
    sender = await createWorkflowWithVersion(srv, owner, sendFlow(credentialId, 'Jane Doe <jane@acme.io>'));
    inboundUrl = (await owner.api.outreach.inboundUrl.query({ workspaceId })).url;
  });
  afterAll(async () => {
    await srv?.stop();
    await smtp?.close();
  });

  it('a run sends a tracked email: our Message-ID, signed pixel and links, message marked sent', async () => {
    const { mail, message } = await send();
    expect(mail.messageId).toBe(`<${message.id}@localhost>`);
    expect(message).toMatchObject({ status: 'sent', address: 'jane@acme.io', recipient: 'jane@acme.io', workflowId: sender.workflowId });
    expect(message.sentAt).toBeInstanceOf(Date);
    expect(message.contact).toEqual({ table: 'contacts', keyField: 'email', keyValue: 'jane@acme.io' });
    expect(mail.html).toMatch(new RegExp(`${srv.url}/t/o/[\\w-]+\\.[\\w-]+\\.gif`));
    expect(mail.html).toContain(`${srv.url}/t/c/`);
    expect(mail.html).toContain('href="mailto:me@x.io"');
    expect(mail.html).not.toContain(message.id);
    expect((await eventsOf(message.id)).map((e) => e.kind)).toEqual(['sent']);
  });

  it('the pixel records an open (identical repeats within a minute once) and updates the contact', async () => {
    const { mail, message } = await send();
    const pixel = /src="([^"]+\/t\/o\/[^"]+)"/.exec(mail.html!)![1]!.replace(/&amp;/g, '&');
    for (let i = 0; i < 3; i++) {
      const res = await fetch(pixel, { headers: { 'user-agent': 'MailClient/1' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PIXEL_GIF);
    }
    await fetch(pixel, { headers: { 'user-agent': 'OtherClient/2' } });
    expect(await eventsOf(message.id, 'open')).toHaveLength(2);
    const row = await rowOf('jane@acme.io');
    expect(row).toMatchObject({ opened: true, stage: 'opened' });
    expect(typeof row.openedAt).toBe('string');
    expect((await db().outreachMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe('opened');
  });

  it('a click records and redirects to the signed target only; a later open does not downgrade', async () => {
    const { mail, message } = await send();
    const link = /href="([^"]+\/t\/c\/[^"]+)"/.exec(mail.html!)![1]!.replace(/&amp;/g, '&');
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.com/pricing?plan=pro');
    const clicks = await eventsOf(message.id, 'click');
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.meta).toMatchObject({ url: 'https://example.com/pricing?plan=pro' });
    expect(await rowOf('jane@acme.io')).toMatchObject({ clicked: true, stage: 'clicked' });

    // Same token, another destination: refused, nothing recorded, no redirect.
    const evil = new URL(link);
    evil.searchParams.set('u', 'https://evil.example/phish');
    const refused = await fetch(evil, { redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();
    expect(await refused.text()).toMatch(/invalid or has been altered/);
    expect(await eventsOf(message.id, 'click')).toHaveLength(1);

    const pixel = /src="([^"]+\/t\/o\/[^"]+)"/.exec(mail.html!)![1]!;
    await fetch(pixel);
    expect((await rowOf('jane@acme.io')).stage).toBe('clicked');
    expect((await db().outreachMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe('clicked');
  });

  it('bad or tampered tokens still get the GIF and record nothing', async () => {
    const { mail, message } = await send();
    const pixel = new URL(/src="([^"]+\/t\/o\/[^"]+)"/.exec(mail.html!)![1]!);
    const token = pixel.pathname.slice('/t/o/'.length, -'.gif'.length);
    const [payload, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ m: message.id, k: 'o' }) + ' ').toString('base64url');
    for (const bad of [`${payload}.${mac.slice(0, -3)}xyz`, `${forged}.${mac}`, 'garbage', '', '%E0%A4%A']) {
      const res = await fetch(`${srv.url}/t/o/${bad}.gif`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PIXEL_GIF);
    }
    const badClick = await fetch(`${srv.url}/t/c/${payload}.${mac}?u=${encodeURIComponent('https://example.com/pricing?plan=pro')}`, { redirect: 'manual' });
    expect(badClick.status).toBe(400);
    const noTarget = await fetch(`${srv.url}/t/c/${token}`, { redirect: 'manual' });
    expect(noTarget.status).toBe(400);
    expect(await eventsOf(message.id, 'open')).toHaveLength(0);
    expect(await eventsOf(message.id, 'click')).toHaveLength(0);
    expect((await fetch(`${srv.url}/t/x/whatever`)).status).toBe(404);
  });

  it('an inbound reply is matched by In-Reply-To, recorded once, and marks the contact replied', async () => {
    const { message } = await send();
    const body = {
      from: 'Jane <jane@acme.io>',
      to: 'replies@flows.test',
      subject: 'Re: Quick question',
      text: 'Yes, let us talk.',
      headers: { 'Message-ID': '<jane-reply-1@acme.io>', 'In-Reply-To': `<${message.id}@localhost>` },
    };
    const res = await postInbound(JSON.stringify(body), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 1, recorded: 1, outcomes: [{ kind: 'reply', status: 'recorded', messageId: message.id, matchedBy: 'message-id' }] });
    const again = await postInbound(JSON.stringify(body), 'application/json');
    expect(await again.json()).toMatchObject({ recorded: 0, outcomes: [{ status: 'duplicate' }] });
    const replies = await eventsOf(message.id, 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.meta).toMatchObject({ from: 'jane@acme.io', subject: 'Re: Quick question', text: 'Yes, let us talk.' });
    expect(await rowOf('jane@acme.io')).toMatchObject({ replied: true, stage: 'replied' });
    expect(typeof (await rowOf('jane@acme.io')).repliedAt).toBe('string');
    // Later opens leave "replied" alone.
    await srv.runtime.outreach.recorder.record(message.id, 'open', { userAgent: 'late' });
    expect((await rowOf('jane@acme.io')).stage).toBe('replied');
  });

  it('matches a reply by its sender (Mailgun form) and a SendGrid multipart post', async () => {
    const tracker = srv.runtime.outreach.trackerFor({ workspaceId, workflowId: sender.workflowId });
    const tracked = await tracker.prepare({ recipient: 'Bob <Bob@Corp.com>', subject: 'Hello Bob', contact: { table: 'contacts', keyField: 'email', keyValue: 'Bob@Corp.com' } });
    await tracker.markSent(tracked.messageId, { smtpMessageId: tracked.messageIdHeader });
    const form = new URLSearchParams({ sender: 'bob@corp.com', from: 'Bob <BOB@corp.com>', subject: 'Re: Hello Bob', 'body-plain': 'Interested', 'Message-Id': '<bob-1@corp.com>' });
    const res = await postInbound(form.toString(), 'application/x-www-form-urlencoded');
    expect(await res.json()).toMatchObject({ recorded: 1, outcomes: [{ status: 'recorded', messageId: tracked.messageId, matchedBy: 'address' }] });
    expect(await rowOf('bob@corp.com')).toMatchObject({ replied: true, stage: 'replied' });

    const multipart = new FormData();
    multipart.set('from', 'Bob <bob@corp.com>');
    multipart.set('subject', 'Re: Hello Bob');
    multipart.set('text', 'One more thing');
    multipart.set('headers', `Message-ID: <bob-2@corp.com>\nIn-Reply-To: ${tracked.messageIdHeader}\n`);
    multipart.set('attachment1', new Blob(['%PDF']), 'deck.pdf');
    const mp = await fetch(inboundUrl, { method: 'POST', body: multipart });
    expect(mp.status).toBe(200);
    expect(await mp.json()).toMatchObject({ recorded: 1, outcomes: [{ matchedBy: 'message-id' }] });
    expect(await eventsOf(tracked.messageId, 'reply')).toHaveLength(2);

    const stranger = await postInbound(JSON.stringify({ from: 'who@nowhere.org', text: 'hi' }), 'application/json');
    expect(await stranger.json()).toMatchObject({ recorded: 0, outcomes: [{ status: 'unmatched' }] });
    const auto = await postInbound(JSON.stringify({ from: 'bob@corp.com', subject: 'Out of office', text: 'away', headers: { 'Auto-Submitted': 'auto-replied' } }), 'application/json');
    expect(await auto.json()).toMatchObject({ recorded: 0, outcomes: [{ status: 'ignored' }] });
  });

  it('records bounces from an event payload and from a DSN mail, once per message', async () => {
    await contacts.upsert('contacts', ['email'], [{ email: 'gone@lost.io', stage: 'new' }, { email: 'dsn@lost.io', stage: 'new' }]);
    const tracker = srv.runtime.outreach.trackerFor({ workspaceId, workflowId: sender.workflowId });
    const a = await tracker.prepare({ recipient: 'gone@lost.io', subject: 'Hi', contact: { table: 'contacts', keyField: 'email', keyValue: 'gone@lost.io' } });
    await tracker.markSent(a.messageId, {});
    const b = await tracker.prepare({ recipient: 'dsn@lost.io', subject: 'Hi', contact: { table: 'contacts', keyField: 'email', keyValue: 'dsn@lost.io' } });
    await tracker.markSent(b.messageId, {});
    const event = { 'event-data': { event: 'failed', severity: 'permanent', recipient: 'gone@lost.io', 'delivery-status': { description: 'No such mailbox' } } };
    expect(await (await postInbound(JSON.stringify(event), 'application/json')).json()).toMatchObject({ recorded: 1, outcomes: [{ kind: 'bounce', matchedBy: 'address' }] });
    expect(await (await postInbound(JSON.stringify(event), 'application/json')).json()).toMatchObject({ recorded: 0, outcomes: [{ status: 'duplicate' }] });
    expect(await rowOf('gone@lost.io')).toMatchObject({ bounced: true, stage: 'bounced' });
    const dsn = {
      from: 'MAILER-DAEMON@mx.lost.io',
      subject: 'Delivery Status Notification (Failure)',
      text: `Final-Recipient: rfc822; dsn@lost.io\nDiagnostic-Code: smtp; 550 unknown\n\nMessage-ID: ${b.messageIdHeader}\n`,
    };
    expect(await (await postInbound(JSON.stringify(dsn), 'application/json')).json()).toMatchObject({ recorded: 1, outcomes: [{ kind: 'bounce', messageId: b.messageId, matchedBy: 'message-id' }] });
    expect(await rowOf('dsn@lost.io')).toMatchObject({ bounced: true, stage: 'bounced' });
    expect((await eventsOf(b.messageId, 'bounce'))[0]!.meta).toMatchObject({ reason: 'smtp; 550 unknown' });
  });

  it('answers bad inbound requests with clear 4xx and records nothing', async () => {
    const before = await db().outreachEvent.count();
    expect((await postInbound('{}', 'application/json', `${srv.url}/api/inbound/not-a-real-token-at-all`)).status).toBe(404);
    expect((await fetch(inboundUrl)).status).toBe(405);
    const badJson = await postInbound('{"from":', 'application/json');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    expect((await postInbound('hello', 'text/plain')).status).toBe(415);
    expect((await postInbound('', 'application/json')).status).toBe(400);
    expect((await postInbound(JSON.stringify({ subject: 'x' }), 'application/json')).status).toBe(400);
    expect((await postInbound('[1, "x", null]', 'application/json')).status).toBe(200);
    expect((await postInbound('--x\r\nbroken', 'multipart/form-data; boundary=zzz')).status).toBe(400);
    const big = await postInbound(JSON.stringify({ from: 'a@b.co', text: 'x'.repeat(1024 * 1024 + 10) }), 'application/json');
    expect(big.status).toBe(413);
    expect(await db().outreachEvent.count()).toBe(before);
  });

  it('events start active workflows listening for them, with the event item', async () => {
    const onReply = await createWorkflowWithVersion(srv, owner, eventFlow(['reply', 'click']), { activate: true });
    const onOpenOwnOnly = await createWorkflowWithVersion(srv, owner, eventFlow(['open'], 'workflow'), { activate: true });
    const inactive = await createWorkflowWithVersion(srv, owner, eventFlow(['reply']));
    const triggers = await db().trigger.findMany({ where: { workflowId: onReply.workflowId } });
    expect(triggers).toMatchObject([{ type: 'event', nodeId: 'on', state: { events: ['reply', 'click'], scope: 'workspace' } }]);

    const tracker = srv.runtime.outreach.trackerFor({ workspaceId, workflowId: sender.workflowId });
    const m = await tracker.prepare({ recipient: 'carl@x.io', subject: 'Yo', contact: { table: 'contacts', keyField: 'email', keyValue: 'carl@x.io' } });
    await tracker.markSent(m.messageId, {});
    await postInbound(JSON.stringify({ from: 'carl@x.io', subject: 'Re: Yo', text: 'Sure', headers: { 'In-Reply-To': m.messageIdHeader } }), 'application/json');
    await srv.runtime.outreach.recorder.record(m.messageId, 'open', {});

    const runs = await db().execution.findMany({ where: { trigger: 'event' } });
    expect(runs.map((r) => r.workflowId)).toEqual([onReply.workflowId]);
    const done = await waitForStatus(srv, runs[0]!.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const item = (done.input as Array<{ json: Record<string, unknown> }>)[0]!.json;
    expect(item).toMatchObject({
      event: 'reply',
      messageId: m.messageId,
      recipient: 'carl@x.io',
      workflowId: sender.workflowId,
      contact: { table: 'contacts', keyField: 'email', keyValue: 'carl@x.io' },
      reply: { from: 'carl@x.io', subject: 'Re: Yo', text: 'Sure' },
    });
    expect(Date.parse(item.at as string)).toBeGreaterThan(0);
    expect((done.output as Array<{ json: Record<string, unknown> }>)[0]!.json.seen).toBe('reply');
    expect(await db().execution.count({ where: { workflowId: { in: [onOpenOwnOnly.workflowId, inactive.workflowId] } } })).toBe(0);

    // Deactivated: no more runs.
    await owner.api.run.deactivate.mutate({ workflowId: onReply.workflowId });
    await srv.runtime.outreach.recorder.record(m.messageId, 'click', { url: 'https://x.io' });
    expect(await db().execution.count({ where: { trigger: 'event' } })).toBe(1);
  });

  it('stats count distinct messages per bucket; contacts group by recipient with their stage', async () => {
    const stats = await owner.api.outreach.stats.query({ workflowId: sender.workflowId, bucket: 'hour' });
    expect(stats.series).toHaveLength(49);
    const sum = stats.series.reduce((acc, p) => ({ sent: acc.sent + p.sent, replied: acc.replied + p.replied }), { sent: 0, replied: 0 });
    const sent = await db().outreachMessage.count({ where: { workflowId: sender.workflowId, status: { not: 'prepared' } } });
    expect(stats.totals.sent).toBe(sent);
    expect(sum.sent).toBe(sent);
    expect(stats.totals.opened).toBeGreaterThanOrEqual(2);
    expect(stats.totals.replied).toBe(3); // jane, bob, carl
    expect(stats.totals.bounced).toBe(2);
    const day = await owner.api.outreach.stats.query({ workflowId: sender.workflowId, bucket: 'day', from: new Date(Date.now() - 3 * 86_400_000) });
    expect(day.series.length).toBeGreaterThanOrEqual(3);
    expect(day.totals).toEqual(stats.totals);
    await expect(owner.api.outreach.stats.query({ workflowId: sender.workflowId, bucket: 'hour', from: new Date(0) })).rejects.toThrow(/at most 2000 buckets/);

    const page1 = await owner.api.outreach.contacts.query({ workflowId: sender.workflowId, limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const rest = await owner.api.outreach.contacts.query({ workflowId: sender.workflowId, cursor: page1.nextCursor!, limit: 100 });
    const all = [...page1.items, ...rest.items];
    expect(new Set(all.map((c) => c.recipient)).size).toBe(all.length);
    const byRecipient = Object.fromEntries(all.map((c) => [c.recipient, c]));
    expect(byRecipient['jane@acme.io']).toMatchObject({ stage: 'replied', display: 'jane@acme.io' });
    expect(byRecipient['jane@acme.io']!.messages).toBeGreaterThanOrEqual(5);
    expect(byRecipient['gone@lost.io']).toMatchObject({ stage: 'bounced' });
    expect(byRecipient['bob@corp.com']).toMatchObject({ stage: 'replied', display: 'Bob <Bob@Corp.com>' });
    expect(byRecipient['bob@corp.com']!.repliedAt).toBeTruthy();
    await expect(owner.api.outreach.contacts.query({ workflowId: sender.workflowId, cursor: 'nope' })).rejects.toThrow(/Invalid cursor/);
  });
});
