import { addressList, bareAddress } from './addresses.ts';

/** One inbound notification, whatever service posted it. */
export type InboundMail = {
  kind: 'reply' | 'bounce';
  /** Sender address (for a reply: the contact). */
  from: string | null;
  subject: string;
  /** Start of the plain-text body. */
  text: string;
  /** The inbound message's own Message-ID, so a retried webhook is recorded once. */
  messageId: string | null;
  /** Message-IDs this mail refers to (In-Reply-To, References; for bounces also the returned headers). */
  references: string[];
  /** Bounces: the addresses that failed. */
  failedRecipients: string[];
  /** Bounces: why, when the payload says. */
  reason: string | null;
  /** Auto-replies (out of office, Auto-Submitted) are not replies. */
  automatic: boolean;
};

export type InboundParse = { ok: true; mails: InboundMail[] } | { ok: false; error: string };

const TEXT_LIMIT = 2000;
const BOUNCE_EVENTS = new Set(['bounce', 'bounced', 'hardbounce', 'hard_bounce', 'softbounce', 'soft_bounce', 'failed', 'dropped_bounce', 'permanent_fail']);
const DSN_SUBJECT = /(undeliver|undelivered|delivery status notification|returned mail|delivery fail|mail delivery failed|failure notice|could not be delivered|non-?delivery)/i;
const DSN_SENDER = /^(mailer-daemon|postmaster)@/i;

/**
 * Normalises what commercial mail services post for inbound mail and delivery events:
 * Mailgun routes (form fields `sender`, `body-plain`, `In-Reply-To`, `message-headers`),
 * SendGrid Inbound Parse (`from`, `text`, raw `headers` block), Postmark inbound JSON
 * (`FromFull`, `TextBody`, `Headers: [{Name, Value}]`), plain JSON `{ from, to, subject,
 * text, headers }`, and bounce events (Mailgun `event-data.event = failed`, SendGrid event
 * arrays, Postmark `RecordType: Bounce`, `{ event: 'bounced', recipient }`) — and bounce
 * reports that arrive as mail (DSN subjects, MAILER-DAEMON senders).
 */
export function parseInbound(body: unknown): InboundParse {
  if (body === null || body === undefined || body === '') return { ok: false, error: 'The body is empty' };
  if (typeof body === 'string') return { ok: false, error: 'Expected JSON or a form (application/json, x-www-form-urlencoded or multipart/form-data)' };
  if (Array.isArray(body)) {
    if (body.length > 1000) return { ok: false, error: 'At most 1000 events per request' };
    // Event batches (SendGrid) carry every kind of event; only bounces concern us.
    const mails = body.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object' && !Array.isArray(e)).map(fromEvent).filter((m): m is InboundMail => m !== null);
    return { ok: true, mails };
  }
  if (typeof body !== 'object') return { ok: false, error: 'Expected a JSON object or a form' };
  const o = body as Record<string, unknown>;
  const eventData = o['event-data'];
  if (eventData && typeof eventData === 'object') {
    const mail = fromEvent(eventData as Record<string, unknown>);
    return { ok: true, mails: mail ? [mail] : [] };
  }
  if (eventName(o)) {
    const mail = fromEvent(o);
    return { ok: true, mails: mail ? [mail] : [] };
  }
  return fromMail(o);
}

function fromMail(o: Record<string, unknown>): InboundParse {
  const headers = headersOf(o);
  const fromField = field(o, 'from', 'sender', 'From') ?? nested(o, 'FromFull', 'Email') ?? headers.get('from') ?? envelopeFrom(o);
  const from = bareAddress(fromField);
  const subject = (field(o, 'subject', 'Subject') ?? headers.get('subject') ?? '').slice(0, 500);
  const text = bodyText(o);
  const contentType = headers.get('content-type') ?? '';
  const isDsn =
    DSN_SUBJECT.test(subject) ||
    (from !== null && DSN_SENDER.test(from)) ||
    /report-type\s*=\s*"?delivery-status/i.test(contentType) ||
    headers.has('x-failed-recipients');
  if (!from && !isDsn) return { ok: false, error: 'The payload has no sender address (from)' };
  const references = messageIds(`${field(o, 'In-Reply-To', 'in-reply-to', 'inReplyTo', 'in_reply_to') ?? ''} ${headers.get('in-reply-to') ?? ''} ${field(o, 'References', 'references') ?? ''} ${headers.get('references') ?? ''}`);
  const messageId = messageIds(field(o, 'Message-Id', 'message-id', 'MessageID', 'messageId') ?? headers.get('message-id') ?? '')[0] ?? null;
  if (isDsn) {
    const failed = [
      ...addressList(headers.get('x-failed-recipients')),
      ...[...text.matchAll(/(?:final|original)-recipient:\s*(?:rfc822;)?\s*([^\s;]+)/gi)].map((m) => bareAddress(m[1])).filter((a): a is string => a !== null),
    ];
    return {
      ok: true,
      mails: [{
        kind: 'bounce',
        from,
        subject,
        text: text.slice(0, TEXT_LIMIT),
        messageId,
        // A bounce report quotes the returned message's headers, Message-ID included.
        references: [...new Set([...references, ...messageIds(text)])],
        failedRecipients: [...new Set(failed)],
        reason: /diagnostic-code:\s*([^\r\n]+)/i.exec(text)?.[1]?.trim().slice(0, 500) ?? null,
        automatic: true,
      }],
    };
  }
  const autoSubmitted = (headers.get('auto-submitted') ?? 'no').toLowerCase();
  const automatic =
    autoSubmitted !== 'no' ||
    headers.has('x-autoreply') ||
    headers.has('x-autorespond') ||
    /^(auto_reply|auto-reply)$/i.test(headers.get('precedence') ?? '');
  return {
    ok: true,
    mails: [{ kind: 'reply', from, subject, text: text.slice(0, TEXT_LIMIT), messageId, references, failedRecipients: [], reason: null, automatic }],
  };
}

/** A delivery event (bounce); null for events of other kinds (delivered, open, …). */
function fromEvent(e: Record<string, unknown>): InboundMail | null {
  const name = eventName(e);
  if (!name || !BOUNCE_EVENTS.has(name)) return null;
  // Mailgun reports temporary failures that it will retry; those are not bounces yet.
  if (name === 'failed' && String(e.severity ?? '').toLowerCase() === 'temporary') return null;
  const recipient = bareAddress(field(e, 'recipient', 'email', 'Email', 'Recipient', 'to'));
  const msg = e.message as { headers?: Record<string, unknown> } | undefined;
  const refs = messageIds(
    [field(e, 'smtp-id', 'message-id', 'Message-Id', 'messageId', 'MessageID'), msg?.headers?.['message-id']]
      .filter((v): v is string => typeof v === 'string')
      .map((v) => (v.includes('<') ? v : `<${v}>`))
      .join(' '),
  );
  const status = e['delivery-status'] as { description?: unknown; message?: unknown } | undefined;
  const reason = field(e, 'reason', 'Description', 'Details', 'description') ?? (typeof status?.description === 'string' && status.description ? status.description : typeof status?.message === 'string' ? status.message : null);
  return {
    kind: 'bounce',
    from: null,
    subject: field(e, 'subject', 'Subject') ?? '',
    text: '',
    messageId: null,
    references: refs,
    failedRecipients: recipient ? [recipient] : [],
    reason: reason ? reason.slice(0, 500) : null,
    automatic: true,
  };
}

function eventName(o: Record<string, unknown>): string | null {
  const value = field(o, 'event', 'Event', 'RecordType', 'type', 'Type');
  if (!value) return null;
  const name = value.toLowerCase().replace(/\s+/g, '');
  // Postmark: RecordType "Bounce" with Type "HardBounce"; a generic `type` must still say bounce.
  return BOUNCE_EVENTS.has(name) || name === 'delivered' || name === 'open' || name === 'click' || name === 'processed' || name === 'deferred' || name === 'dropped' ? name : null;
}

/** Headers from every shape: raw block, object, [{Name, Value}], [[name, value]], or a JSON string of those. */
function headersOf(o: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: unknown, value: unknown) => {
    if (typeof name !== 'string' || (typeof value !== 'string' && typeof value !== 'number')) return;
    const key = name.trim().toLowerCase();
    if (key && !out.has(key)) out.set(key, String(value));
  };
  const take = (h: unknown) => {
    if (typeof h === 'string') {
      const trimmed = h.trim();
      if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
        try {
          take(JSON.parse(trimmed));
          return;
        } catch {
          /* a raw header block that happens to start with a bracket */
        }
      }
      for (const line of h.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) add(line.slice(0, colon), line.slice(colon + 1).trim());
      }
    } else if (Array.isArray(h)) {
      for (const entry of h) {
        if (Array.isArray(entry)) add(entry[0], entry[1]);
        else if (entry && typeof entry === 'object') {
          const e = entry as Record<string, unknown>;
          add(e.Name ?? e.name, e.Value ?? e.value);
        }
      }
    } else if (h && typeof h === 'object') {
      for (const [k, v] of Object.entries(h)) add(k, Array.isArray(v) ? v.join(' ') : v);
    }
  };
  take(o.headers ?? o.Headers);
  take(o['message-headers']);
  return out;
}

function bodyText(o: Record<string, unknown>): string {
  const text = field(o, 'text', 'body-plain', 'stripped-text', 'TextBody', 'plain', 'body', 'StrippedTextReply');
  if (text) return text;
  const html = field(o, 'html', 'body-html', 'HtmlBody');
  return html ? html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() : '';
}

function envelopeFrom(o: Record<string, unknown>): string | undefined {
  const env = o.envelope;
  if (typeof env === 'string') {
    try {
      const parsed = JSON.parse(env) as { from?: unknown };
      return typeof parsed.from === 'string' ? parsed.from : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Every `<id@host>` in the text, without the brackets, at most 50. */
export function messageIds(text: string): string[] {
  const ids = [...text.matchAll(/<([^<>\s@]{1,200}@[^<>\s]{1,200})>/g)].map((m) => m[1]!);
  return [...new Set(ids)].slice(0, 50);
}

/** The first field present as a string, by any of the given names (exact, then case-insensitive). */
function field(o: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const n of names) if (typeof o[n] === 'string' && o[n]) return o[n];
  const lower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k && typeof o[k] === 'string' && o[k]) return o[k];
  }
  return undefined;
}

function nested(o: Record<string, unknown>, outer: string, inner: string): string | undefined {
  const v = o[outer];
  return v && typeof v === 'object' && typeof (v as Record<string, unknown>)[inner] === 'string' ? ((v as Record<string, unknown>)[inner] as string) : undefined;
}
