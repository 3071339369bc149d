import { describe, expect, it } from 'vitest';
import { parseInbound, type InboundMail } from './inbound-mail.ts';

const ours = '01966f5e-0000-7000-8000-00000000abcd@flows.example.com';

function one(body: unknown): InboundMail {
  const parsed = parseInbound(body);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.mails).toHaveLength(1);
  return parsed.mails[0]!;
}

describe('parseInbound', () => {
  it('reads a Mailgun route post (form fields, message-headers JSON)', () => {
    const mail = one({
      sender: 'jane@acme.io',
      from: 'Jane Doe <Jane@Acme.io>',
      recipient: 'replies@flows.example.com',
      subject: 'Re: Quick question',
      'body-plain': 'Sounds good!\n> quoted',
      'stripped-text': 'Sounds good!',
      'Message-Id': '<CAB123@mail.gmail.com>',
      'In-Reply-To': `<${ours}>`,
      'message-headers': JSON.stringify([['Received', 'x'], ['References', `<older@x> <${ours}>`]]),
    });
    expect(mail).toMatchObject({ kind: 'reply', from: 'jane@acme.io', subject: 'Re: Quick question', messageId: 'CAB123@mail.gmail.com', automatic: false });
    expect(mail.references).toContain(ours);
    expect(mail.references).toContain('older@x');
    expect(mail.text).toContain('Sounds good!');
  });

  it('reads SendGrid Inbound Parse (raw header block with folded lines)', () => {
    const mail = one({
      from: '"Bob" <bob@corp.com>',
      to: 'in@parse.example.com',
      subject: 'Re: hello',
      text: 'Yes please',
      headers: `Received: by mx\r\nMessage-ID: <reply-1@corp.com>\r\nIn-Reply-To:\r\n <${ours}>\r\nSubject: Re: hello\r\n`,
    });
    expect(mail).toMatchObject({ kind: 'reply', from: 'bob@corp.com', messageId: 'reply-1@corp.com', references: [ours] });
  });

  it('reads Postmark inbound JSON', () => {
    const mail = one({
      FromFull: { Email: 'Ann@Example.org', Name: 'Ann' },
      From: 'Ann <ann@example.org>',
      Subject: 'Re: intro',
      TextBody: 'Happy to talk',
      MessageID: 'pm-1',
      Headers: [{ Name: 'In-Reply-To', Value: `<${ours}>` }, { Name: 'Message-ID', Value: '<ann-1@example.org>' }],
    });
    expect(mail).toMatchObject({ kind: 'reply', from: 'ann@example.org', references: [ours], text: 'Happy to talk' });
  });

  it('reads a plain JSON reply with a headers object; flags auto-replies', () => {
    expect(one({ from: 'x@y.com', subject: 'hi', text: 'hello', headers: { 'In-Reply-To': `<${ours}>` } }).references).toEqual([ours]);
    expect(one({ from: 'x@y.com', subject: 'Out of office', text: 'away', headers: { 'Auto-Submitted': 'auto-replied' } }).automatic).toBe(true);
  });

  it('reads bounce events: Mailgun, SendGrid batches, Postmark, generic', () => {
    const mg = one({ signature: {}, 'event-data': { event: 'failed', severity: 'permanent', recipient: 'Gone@x.com', message: { headers: { 'message-id': ours } }, 'delivery-status': { description: 'No such user' } } });
    expect(mg).toMatchObject({ kind: 'bounce', failedRecipients: ['gone@x.com'], references: [ours], reason: 'No such user' });
    const temporary = parseInbound({ 'event-data': { event: 'failed', severity: 'temporary', recipient: 'a@x.com' } });
    expect(temporary).toEqual({ ok: true, mails: [] });
    const sg = parseInbound([
      { email: 'a@x.com', event: 'delivered' },
      { email: 'b@x.com', event: 'bounce', 'smtp-id': `<${ours}>`, reason: '550 unknown' },
      { email: 'c@x.com', event: 'open' },
    ]);
    expect(sg.ok && sg.mails.map((m) => [m.kind, m.failedRecipients[0], m.reason])).toEqual([['bounce', 'b@x.com', '550 unknown']]);
    expect(one({ RecordType: 'Bounce', Type: 'HardBounce', Email: 'd@x.com', MessageID: 'pm', Description: 'bad' })).toMatchObject({ kind: 'bounce', failedRecipients: ['d@x.com'] });
    expect(one({ event: 'bounced', recipient: 'e@x.com' })).toMatchObject({ kind: 'bounce', failedRecipients: ['e@x.com'] });
  });

  it('recognises a bounce report that arrives as mail (DSN)', () => {
    const mail = one({
      from: 'MAILER-DAEMON@mx.example.com',
      subject: 'Undelivered Mail Returned to Sender',
      text: `This is the mail system.\n\nFinal-Recipient: rfc822; lost@nowhere.com\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n--- returned headers ---\nMessage-ID: <${ours}>\n`,
    });
    expect(mail).toMatchObject({ kind: 'bounce', failedRecipients: ['lost@nowhere.com'], reason: 'smtp; 550 5.1.1 User unknown' });
    expect(mail.references).toContain(ours);
  });

  it('explains what is wrong with bad bodies', () => {
    expect(parseInbound(null)).toEqual({ ok: false, error: 'The body is empty' });
    expect(parseInbound('free text')).toMatchObject({ ok: false });
    expect(parseInbound(42)).toMatchObject({ ok: false });
    expect(parseInbound({ subject: 'no sender', text: 'x' })).toEqual({ ok: false, error: 'The payload has no sender address (from)' });
    expect(parseInbound({ from: 'not an address' })).toMatchObject({ ok: false });
  });
});
