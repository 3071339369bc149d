import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NodeError } from '../errors.ts';
import type { JsonObject } from '../items.ts';
import { defineNode, type NodeContext } from '../node-api.ts';
import { requireService, type OutreachTracker, type TrackedMessage } from '../workspace-services.ts';
import { applyTracking, textToHtml } from './outreach/email-tracking.ts';

export const SMTP_CREDENTIAL_KIND = 'smtp';

/** Text in the editor; an expression may also give a list of addresses. */
const Recipients = z.preprocess((v) => (Array.isArray(v) ? v.join(', ') : v), z.string());

export const SendEmailParams = z.object({
  credentialId: z.string().min(1).describe('SMTP credential (server, login, sender address)'),
  to: Recipients.describe('Recipient address(es), comma-separated, e.g. {{ $json.email }}'),
  cc: Recipients.default('').describe('Cc address(es), comma-separated (optional)'),
  bcc: Recipients.default('').describe('Bcc address(es), comma-separated (optional)'),
  replyTo: z.string().default('').describe('Reply-To address (optional)'),
  fromName: z.string().default('').describe('Sender name for this email (empty: the credential\'s)'),
  subject: z.string().default('').describe('Subject line; {{ }} expressions allowed'),
  text: z.string().default('').describe('Plain-text body; {{ }} expressions allowed'),
  html: z.string().default('').describe('HTML body (optional); {{ }} expressions allowed'),
  trackOpens: z.boolean().default(false).describe('Add a 1×1 tracking image that records when the email is opened'),
  trackClicks: z.boolean().default(false).describe('Send http(s) links through a tracking redirect that records clicks'),
  contact: z
    .object({
      table: z.string().default('').describe('Data table of the contact (empty: not linked to a contact)'),
      keyField: z.string().default('email').describe('Column that identifies the contact'),
      keyValue: z.string().default('').describe('Its value for this recipient (empty: the recipient address)'),
    })
    .prefault({})
    .describe('The contact row this email belongs to, so opens, clicks and replies update it'),
  keepInput: z.boolean().default(true).describe('Keep the input item\'s fields next to the send result'),
});
type SendEmailParams = z.output<typeof SendEmailParams>;

const ADDRESS = /[^\s<>(),;:"@]+@[^\s<>(),;:"@]+\.[^\s<>(),;:"@]+/g;

/** The bare addresses in a recipient field ("Ada <ada@acme.io>, bob@x.io" → two addresses). */
export function addressesOf(value: string): string[] {
  return [...value.matchAll(ADDRESS)].map((m) => m[0]);
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  rejected?: unknown;
  message?: string;
}

/**
 * An SMTP failure as a NodeError: a permanent refusal (5xx) is the recipient's or the message's
 * problem and not retried; 4xx (greylisting, full mailbox) and connection trouble are.
 */
export function smtpError(err: unknown, server: string): NodeError {
  const e = (err ?? {}) as SmtpFailure;
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const said = (e.response ?? e.message ?? String(err)).trim();
  const details: Record<string, unknown> = { smtpCode: e.code ?? null, responseCode: status ?? null, response: said.slice(0, 500) };
  if (e.code === 'EAUTH') {
    return new NodeError(`The SMTP server ${server} refused the login: ${said}`, { code: 'SMTP_AUTH_FAILED', retryable: status !== undefined && status < 500, details, cause: err });
  }
  if (status !== undefined && status >= 500) {
    const rejected = Array.isArray(e.rejected) ? e.rejected.map(String) : [];
    const message = e.code === 'EENVELOPE' && rejected.length > 0 ? `The SMTP server rejected ${rejected.join(', ')}: ${said}` : `The SMTP server refused the message: ${said}`;
    return new NodeError(message, { code: 'SMTP_REJECTED', retryable: false, details: { ...details, rejected }, cause: err });
  }
  if (status !== undefined && status >= 400) {
    return new NodeError(`The SMTP server ${server} refused the message for now: ${said}`, { code: 'SMTP_TEMPORARY', retryable: true, details, cause: err });
  }
  if (e.code && CONNECTION_CODES.has(e.code)) {
    return new NodeError(`Could not talk to the SMTP server ${server}: ${said}`, { code: 'SMTP_CONNECTION', retryable: true, details, cause: err });
  }
  return new NodeError(`Sending failed: ${said}`, { code: 'SMTP_FAILED', retryable: e.code !== 'EMESSAGE', details, cause: err });
}

function invalid(message: string, code: string, field: string): NodeError {
  return new NodeError(message, { code, field: `params.${field}`, retryable: false });
}

/** The tracker's ids and URLs, or a local Message-ID when nothing is tracked. */
async function prepareMessage(
  ctx: NodeContext<SendEmailParams>,
  recipient: string,
  subject: string,
  fromAddress: string,
): Promise<{ tracker: OutreachTracker | undefined; tracked: TrackedMessage | undefined; messageId: string; messageIdHeader: string }> {
  const p = ctx.params;
  const contactTable = p.contact.table.trim();
  if (!p.trackOpens && !p.trackClicks && contactTable === '') {
    const id = `${randomUUID()}@${fromAddress.split('@')[1] ?? 'flowforge.local'}`;
    return { tracker: undefined, tracked: undefined, messageId: id, messageIdHeader: `<${id}>` };
  }
  const tracker = requireService(ctx.services, 'outreach');
  const contact =
    contactTable === ''
      ? undefined
      : { table: contactTable, keyField: p.contact.keyField.trim() || 'email', keyValue: p.contact.keyValue.trim() || recipient };
  const tracked = await tracker.prepare({ recipient, subject, contact, nodeId: ctx.node.id });
  return { tracker, tracked, messageId: tracked.messageId, messageIdHeader: tracked.messageIdHeader };
}

async function safely(ctx: NodeContext<SendEmailParams>, what: string, work: () => Promise<void>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.logger.warn(`outreach tracking: ${what} failed`, { error: message });
    return message;
  }
}

export const sendEmail = defineNode({
  type: 'outreach.sendEmail',
  version: 1,
  displayName: 'Send Email',
  description: 'Sends an email over SMTP, optionally with open and click tracking.',
  docs: [
    'Sends one email per input item through the SMTP server of an **smtp** credential (sender: its fromAddress, and',
    '**fromName** or the credential\'s name). **to**, **cc**, **bcc** take one or more addresses; **subject**, **text** and',
    '**html** usually hold expressions such as `Hi {{ $json.firstName }}` or `{{ $json.ai.body }}`.',
    '- **trackOpens** adds a 1×1 image that records an open; **trackClicks** sends every http(s) link of the HTML through a',
    '  signed redirect that records the click. `mailto:` links and links marked `data-no-track` (unsubscribe) are left',
    '  alone. With tracking and no **html**, the text is sent as simple HTML too (tracking needs HTML).',
    '- **contact** `{ table, keyField, keyValue }` links the message to a Data Table row (keyValue empty: the recipient), so',
    '  opens, clicks and replies update that contact. The Message-ID is the tracker\'s, so replies can be matched.',
    'Tracking and contact linking need the platform\'s outreach service (`SERVICE_UNAVAILABLE` without it); plain sending does not.',
    'Output: the input item (with **keepInput**) plus `{ messageId, to, subject, accepted, rejected, response, smtpMessageId }`.',
    'Errors: `SMTP_REJECTED` when the server permanently refuses a recipient or the message (5xx; names the recipient and',
    'the server\'s answer; not retried), `SMTP_TEMPORARY` (4xx) and `SMTP_CONNECTION` (retryable: set retries in the node',
    'settings), `SMTP_AUTH_FAILED`, `EMAIL_INVALID_RECIPIENT`, `EMAIL_EMPTY`. A failed message is marked failed in tracking.',
    'Use the error output (node settings → On error) to record refused contacts instead of stopping the run.',
  ].join('\n'),
  category: 'integration',
  icon: '✉️',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: SendEmailParams,
  credentials: [{ kind: SMTP_CREDENTIAL_KIND, required: true }],
  async run(ctx) {
    const p = ctx.params;
    const to = addressesOf(p.to);
    if (to.length === 0) throw invalid(`No valid recipient address in "to" (${JSON.stringify(p.to)})`, 'EMAIL_INVALID_RECIPIENT', 'to');
    const subject = p.subject.trim();
    if (subject === '') throw invalid('The subject is empty', 'EMAIL_EMPTY', 'subject');
    if (p.text.trim() === '' && p.html.trim() === '') throw invalid('Both the text and the HTML body are empty', 'EMAIL_EMPTY', 'text');

    const cred = await ctx.getCredential(p.credentialId, SMTP_CREDENTIAL_KIND);
    if (cred.password) ctx.redact(cred.password);
    const fromAddress = cred.fromAddress ?? '';
    const server = `${cred.host}:${cred.port}`;
    const { tracker, tracked, messageId, messageIdHeader } = await prepareMessage(ctx, to[0] as string, subject, fromAddress);

    let html = p.html.trim() === '' ? undefined : p.html;
    if (tracked && (p.trackOpens || p.trackClicks)) {
      html = applyTracking(html ?? textToHtml(p.text), {
        trackOpens: p.trackOpens,
        trackClicks: p.trackClicks,
        openPixelUrl: tracked.openPixelUrl,
        clickUrl: (target) => tracked.clickUrl(target),
      });
    }

    // Loaded on first use: the node catalog never needs the SMTP client.
    const nodemailer = await import('nodemailer');
    const transport = nodemailer.createTransport({
      host: cred.host,
      port: Number(cred.port),
      secure: cred.secure === 'tls',
      requireTLS: cred.secure === 'starttls',
      ignoreTLS: cred.secure === 'none',
      ...(cred.user ? { auth: { user: cred.user, pass: cred.password ?? '' } } : {}),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      logger: false,
    });
    const cc = addressesOf(p.cc);
    const bcc = addressesOf(p.bcc);
    let info: { messageId?: string; accepted: unknown[]; rejected: unknown[]; response: string };
    try {
      info = await transport.sendMail({
        from: { name: p.fromName.trim() || cred.fromName || '', address: fromAddress },
        to,
        ...(cc.length ? { cc } : {}),
        ...(bcc.length ? { bcc } : {}),
        ...(p.replyTo.trim() ? { replyTo: p.replyTo.trim() } : {}),
        subject,
        ...(p.text.trim() ? { text: p.text } : {}),
        ...(html !== undefined ? { html } : {}),
        messageId: messageIdHeader,
      });
    } catch (err) {
      const error = smtpError(err, server);
      if (tracker) await safely(ctx, 'markFailed', () => tracker.markFailed(messageId, { code: error.code, message: error.message }));
      throw error;
    } finally {
      transport.close();
    }
    const asText = (list: unknown[]) => list.map((a) => (typeof a === 'string' ? a : ((a as { address?: string }).address ?? String(a))));
    // The email is out: a tracking hiccup must not fail the node, or a retry would send it twice.
    const trackingError = tracker ? await safely(ctx, 'markSent', () => tracker.markSent(messageId, { smtpMessageId: info.messageId })) : undefined;
    const out: JsonObject = {
      ...(p.keepInput ? (ctx.item?.json ?? {}) : {}),
      messageId,
      to: to.join(', '),
      subject,
      accepted: asText(info.accepted),
      rejected: asText(info.rejected),
      response: info.response,
      smtpMessageId: info.messageId ?? messageIdHeader,
    };
    if (trackingError) out.trackingError = trackingError;
    return [{ json: out }];
  },
});
