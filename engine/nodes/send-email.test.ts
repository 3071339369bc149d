import { afterEach, describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { MemoryOutreachTracker } from '../testing/memory-outreach.ts';
import { startSmtpCapture, type SmtpCapture, type SmtpCaptureOptions } from '../testing/smtp-capture.ts';
import { workflow } from '../testing/workflow-builder.ts';
import type { WorkspaceServices } from '../workspace-services.ts';
import { addressesOf, smtpError } from './send-email.ts';

const PASSWORD = 'smtp-secret-pw-9';
let smtp: SmtpCapture | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const CONTACTS = [
  { email: 'ada@acme.io', firstName: 'Ada', company: 'Acme' },
  { email: 'bob@bits.dev', firstName: 'Bob', company: 'Bits' },
];

const HTML = [
  '<html><body><p>Hi {{ $json.firstName }}, congrats on {{ $json.company }}!</p>',
  '<p><a href="https://flowforge.dev/demo?who={{ $json.firstName }}&amp;x=1">See the demo</a></p>',
  '<p><a href="mailto:me@flowforge.dev">Write me</a> · <a href="https://flowforge.dev/unsubscribe" data-no-track>Unsubscribe</a></p>',
  '</body></html>',
].join('\n');

async function setup(options: {
  params?: Record<string, unknown>;
  items?: Record<string, unknown>[];
  settings?: Record<string, unknown>;
  capture?: SmtpCaptureOptions;
  services?: WorkspaceServices;
  cred?: Record<string, string>;
}) {
  smtp = await startSmtpCapture({ auth: { user: 'sender', password: PASSWORD }, ...options.capture });
  const h = createHarness({ autoAdvance: true });
  const definition = workflow(
    [
      ['t', 'core.manualTrigger'],
      ['e', 'test.emit', { items: options.items ?? CONTACTS }],
      [
        's',
        'outreach.sendEmail',
        { credentialId: 'smtp', to: '{{ $json.email }}', subject: 'Quick question, {{ $json.firstName }}', text: 'Hi {{ $json.firstName }}', ...options.params },
        options.settings,
      ],
    ],
    ['t -> e', 'e -> s'],
  );
  const cred = {
    host: smtp.host,
    port: String(smtp.port),
    secure: 'none',
    user: 'sender',
    password: PASSWORD,
    fromAddress: 'me@flowforge.dev',
    fromName: 'Mia Maker',
    ...options.cred,
  };
  const run = () => h.run(definition, { credentials: async () => cred, ...(options.services ? { services: options.services } : {}) });
  return { h, run, smtp };
}

const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] as string).replace(/&amp;/g, '&'));

describe('Send Email node', () => {
  it('sends personalised, tracked mail: recipients, Message-ID, rewritten links, pixel, contact link, no password anywhere', async () => {
    const outreach = new MemoryOutreachTracker({ baseUrl: 'https://track.flowforge.test' });
    const { h, run, smtp } = await setup({
      params: { html: HTML, trackOpens: true, trackClicks: true, contact: { table: 'contacts' }, replyTo: 'replies@flowforge.dev' },
      services: { outreach },
    });
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    expect(smtp.messages).toHaveLength(2);

    const [ada, bob] = smtp.messages;
    expect(ada?.envelopeTo).toEqual(['ada@acme.io']);
    expect(ada?.envelopeFrom).toBe('me@flowforge.dev');
    expect(bob?.envelopeTo).toEqual(['bob@bits.dev']);
    expect(ada?.headers.from).toBe('Mia Maker <me@flowforge.dev>');
    expect(ada?.headers['reply-to']).toBe('replies@flowforge.dev');
    expect(ada?.subject).toBe('Quick question, Ada');
    expect(bob?.subject).toBe('Quick question, Bob');
    expect(ada?.text).toBe('Hi Ada');

    const records = outreach.list();
    expect(records.map((r) => [r.message.recipient, r.message.contact, r.status])).toEqual([
      ['ada@acme.io', { table: 'contacts', keyField: 'email', keyValue: 'ada@acme.io' }, 'sent'],
      ['bob@bits.dev', { table: 'contacts', keyField: 'email', keyValue: 'bob@bits.dev' }, 'sent'],
    ]);
    const adaId = records[0]!.messageId;
    expect(ada?.messageId).toMatch(new RegExp(`^<${adaId}\\.[\\w-]+@track\\.test>$`));

    const html = ada?.html ?? '';
    expect(html).toContain('Hi Ada, congrats on Acme!');
    const hrefs = hrefsOf(html);
    const tracked = new URL(hrefs[0] as string);
    expect(tracked.origin).toBe('https://track.flowforge.test');
    expect(outreach.messageIdOf(tracked.href)).toBe(adaId);
    expect(tracked.searchParams.get('u')).toBe('https://flowforge.dev/demo?who=Ada&x=1');
    expect(hrefs.slice(1)).toEqual(['mailto:me@flowforge.dev', 'https://flowforge.dev/unsubscribe']);
    const pixel = /<img src="([^"]+)" width="1" height="1" alt="" style="display:none"><\/body>/.exec(html);
    expect(pixel && outreach.messageIdOf(pixel[1] as string)).toBe(adaId);
    expect(bob?.html).toContain('who%3DBob');

    expect(outcome.output?.map((i) => i.json)).toEqual([
      expect.objectContaining({ email: 'ada@acme.io', messageId: adaId, to: 'ada@acme.io', subject: 'Quick question, Ada', accepted: ['ada@acme.io'], rejected: [], response: expect.stringMatching(/^250/) }),
      expect.objectContaining({ email: 'bob@bits.dev', messageId: records[1]!.messageId, accepted: ['bob@bits.dev'] }),
    ]);
    expect(records[0]?.smtpMessageId).toBe(ada?.messageId);
    const everything = JSON.stringify([h.sink.events, h.store.getNodeRun(outcome.runId, 's')]);
    expect(everything).not.toContain(PASSWORD);
  });

  it('without tracking it needs no outreach service and sends a plain-text email with its own Message-ID', async () => {
    const { run, smtp } = await setup({ items: [CONTACTS[0]!], params: { cc: 'boss@flowforge.dev', bcc: '{{ ["log@flowforge.dev"] }}' } });
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    const mail = smtp.messages[0]!;
    expect(mail.envelopeTo).toEqual(['ada@acme.io', 'boss@flowforge.dev', 'log@flowforge.dev']);
    expect(mail.headers.cc).toBe('boss@flowforge.dev');
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.html).toBeUndefined();
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@flowforge\.dev>$/);
    expect(outcome.output?.[0]?.json.messageId).toBe(mail.messageId.slice(1, -1));
  });

  it('tracking without the outreach service fails clearly and sends nothing', async () => {
    const { run, smtp } = await setup({ items: [CONTACTS[0]!], params: { trackOpens: true } });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'SERVICE_UNAVAILABLE' } });
    expect(smtp.messages).toHaveLength(0);
  });

  it('text-only mail with open tracking goes out as text plus generated HTML carrying the pixel', async () => {
    const outreach = new MemoryOutreachTracker();
    const { run, smtp } = await setup({ items: [CONTACTS[0]!], params: { text: 'Hi {{ $json.firstName }},\nsee https://flowforge.dev', trackOpens: true, trackClicks: true }, services: { outreach } });
    expect((await run()).status).toBe('succeeded');
    const mail = smtp.messages[0]!;
    expect(mail.text).toBe('Hi Ada,\nsee https://flowforge.dev');
    expect(mail.html).toContain('<p>Hi Ada,<br>');
    expect(mail.html).toContain('https://track.test/t/c/');
    expect(mail.html).toContain('<img src="https://track.test/t/o/');
  });

  it('an SMTP rejection fails the item without retries, names the recipient and the answer, marks the message failed; error output keeps it', async () => {
    const outreach = new MemoryOutreachTracker();
    const { h, run, smtp } = await setup({
      items: [{ email: 'bounce@acme.io', firstName: 'Nobody' }, CONTACTS[0]!],
      params: { trackOpens: true },
      services: { outreach },
      settings: { retries: 3, onError: 'error-output' },
      capture: { rejectRecipient: (address) => (address === 'bounce@acme.io' ? { code: 550, message: '5.1.1 No such user here' } : undefined) },
    });
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    expect(smtp.refused).toEqual(['bounce@acme.io']);
    expect(smtp.messages.map((m) => m.envelopeTo)).toEqual([['ada@acme.io']]);
    const record = h.store.getNodeRun(outcome.runId, 's');
    expect(record?.output?.main?.map((i) => i.json.email)).toEqual(['ada@acme.io']);
    const failed = record?.output?.error?.[0]?.json;
    expect(failed).toMatchObject({ email: 'bounce@acme.io', error: { code: 'SMTP_REJECTED' } });
    expect((failed?.error as { message: string }).message).toMatch(/^The SMTP server rejected bounce@acme\.io: 550 5\.1\.1 No such user here/);
    expect(outreach.list().map((r) => [r.message.recipient, r.status, r.error?.code])).toEqual([
      ['bounce@acme.io', 'failed', 'SMTP_REJECTED'],
      ['ada@acme.io', 'sent', undefined],
    ]);
  });

  it('a temporary refusal (4xx) is retried and then delivered', async () => {
    let refusals = 0;
    const { h, run, smtp } = await setup({
      items: [CONTACTS[0]!],
      settings: { retries: 2 },
      capture: { rejectRecipient: () => (refusals++ === 0 ? { code: 451, message: '4.7.1 Greylisted, try again later' } : undefined) },
    });
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    expect(smtp.messages).toHaveLength(1);
    expect(h.sink.events.find((e) => e.type === 'node.retrying')?.data).toMatchObject({ error: { code: 'SMTP_TEMPORARY' } });
  });

  it('a refused login and an unreachable server are clear errors (the latter retryable)', async () => {
    const login = await setup({ items: [CONTACTS[0]!], cred: { password: 'wrong-password' } });
    const refused = await login.run();
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'SMTP_AUTH_FAILED' } });
    expect(JSON.stringify(refused)).not.toContain('wrong-password');

    const gone = await setup({ items: [CONTACTS[0]!], settings: { retries: 1 } });
    await gone.smtp.close();
    const outcome = await gone.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'SMTP_CONNECTION' } });
    expect(gone.h.sink.events.filter((e) => e.type === 'node.retrying')).toHaveLength(1);
  });

  it('refuses an item without a usable recipient or body before connecting', async () => {
    const noTo = await setup({ items: [{ email: 'not an address' }] });
    expect(await noTo.run()).toMatchObject({ status: 'failed', error: { code: 'EMAIL_INVALID_RECIPIENT', field: 'params.to' } });
    await noTo.smtp.close();
    const noBody = await setup({ items: [CONTACTS[0]!], params: { text: '', html: '' } });
    expect(await noBody.run()).toMatchObject({ status: 'failed', error: { code: 'EMAIL_EMPTY', field: 'params.text' } });
  });
});

describe('Send Email helpers', () => {
  it('reads bare addresses from recipient fields', () => {
    expect(addressesOf('Ada <ada@acme.io>, bob@bits.dev; x')).toEqual(['ada@acme.io', 'bob@bits.dev']);
    expect(addressesOf('')).toEqual([]);
  });

  it('classifies SMTP failures', () => {
    expect(smtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 nope', rejected: ['x@y.io'] }, 'h:25')).toMatchObject({ code: 'SMTP_REJECTED', retryable: false, message: 'The SMTP server rejected x@y.io: 550 nope' });
    expect(smtpError({ code: 'EMESSAGE', responseCode: 552, response: '552 too big' }, 'h:25')).toMatchObject({ code: 'SMTP_REJECTED', retryable: false });
    expect(smtpError({ code: 'EENVELOPE', responseCode: 452, response: '452 mailbox full' }, 'h:25')).toMatchObject({ code: 'SMTP_TEMPORARY', retryable: true });
    expect(smtpError({ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'h:25')).toMatchObject({ code: 'SMTP_CONNECTION', retryable: true });
    expect(smtpError({ code: 'EAUTH', responseCode: 535, response: '535 bad' }, 'h:25')).toMatchObject({ code: 'SMTP_AUTH_FAILED', retryable: false });
  });
});
