import { z } from 'zod';
import type { WorkflowDefinitionInput } from '../../engine/definition.ts';

/**
 * "Entrepreneur outreach": find founders in tech news, enrich, email each once in their local
 * send window with an AI-personalised message, and follow up until they reply (or K times).
 *
 * Two branches, no loops (a workflow is a DAG):
 *   feeds → article page → AI extracts founder/company → Hunter finds and verifies the address
 *        → contacts table claims the address (New/Existing: each contact is emailed once)
 *        → AI drafts → send window → Send Email (tracked) → table: stage sent, next follow-up at
 *   hourly → table: contacts due (not replied, not bounced, fewer than K follow-ups, due time
 *        passed) → AI follow-up → send window → Send Email → table: follow-ups + 1, next due
 * Replies, opens and clicks update the contact's row through the tracking endpoints.
 */
export const OutreachTemplateParams = z.object({
  feeds: z.array(z.url()).min(1).max(10).default(['https://techcrunch.com/category/startups/feed/']),
  followUpDays: z.number().int().min(1).max(60).default(3).describe('N: days between an email and its follow-up'),
  maxFollowUps: z.number().int().min(0).max(5).default(2).describe('K: follow-ups at most, per contact'),
  senderName: z.string().trim().max(100).default(''),
  website: z.url().default('https://flowforge.dev').describe('Linked in the signature (clicks are tracked)'),
  pitch: z
    .string()
    .trim()
    .max(2000)
    .default('We help early-stage founders automate the busywork around sales and operations, so they can spend their time on customers.'),
  firstEmailPrompt: z
    .string()
    .max(5000)
    .default(
      'Write a short, warm first email (under 120 words) to {{ $json.founder.firstName }}, founder of {{ $json.founder.company }}, ' +
        'congratulating them on the news "{{ $json.title }}". Mention one specific detail from the article. Then in one sentence: {{ $json.pitch }} ' +
        'End with a light question. No buzzwords. Article: {{ ($json.articleText ?? $json.title).slice(0, 4000) }}',
    ),
  followUpPrompt: z
    .string()
    .max(5000)
    .default(
      'Write a brief, friendly follow-up (under 70 words) to {{ $json.firstName }} at {{ $json.company }}, following up on our email ' +
        'about "{{ $json.articleTitle }}". This is follow-up number {{ $json.followUps + 1 }}. Do not repeat the first email; add one new, useful thought.',
    ),
  startHour: z.number().int().min(0).max(23).default(9),
  endHour: z.number().int().min(1).max(24).default(11),
  timeZone: z.string().min(1).max(64).default('UTC').describe('Recipients\' time zone unless their row says otherwise'),
  contactsTable: z.string().trim().min(1).max(100).default('contacts'),
});
export type OutreachTemplateParams = z.output<typeof OutreachTemplateParams>;

/** Node ids of the template, for tests and for wiring credentials. */
export const OutreachNode = {
  Article: 'article',
  Extract: 'extract-founder',
  Relevant: 'is-founder-news',
  FindEmail: 'find-email',
  Verify: 'verify-email',
  Deliverable: 'deliverable',
  RecordInvalid: 'record-invalid',
  Claim: 'claim-contact',
  Draft: 'draft-email',
  Window: 'send-window',
  Send: 'send-email',
  RecordSent: 'record-sent',
  RecordFailed: 'record-failed',
  FollowUpSchedule: 'follow-up-schedule',
  Due: 'due-follow-ups',
  FollowUpDraft: 'draft-follow-up',
  FollowUpWindow: 'follow-up-window',
  FollowUpSend: 'send-follow-up',
  RecordFollowUp: 'record-follow-up',
  RecordFollowUpFailed: 'record-follow-up-failed',
} as const;

const FOUNDER_SCHEMA = {
  type: 'object',
  properties: {
    isFounderNews: { type: 'boolean', description: 'True when the article is about a startup and names a founder' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    company: { type: 'string' },
    domain: { type: 'string', description: 'The company website domain, e.g. acme.io (empty if unknown)' },
  },
  required: ['isFounderNews', 'firstName', 'lastName', 'company', 'domain'],
};

const EMAIL_SCHEMA = {
  type: 'object',
  properties: { subject: { type: 'string', minLength: 3, maxLength: 120 }, body: { type: 'string', minLength: 20 } },
  required: ['subject', 'body'],
};

const DAY_MS = 86_400_000;

/** What a contact's row gets when drafting or sending failed (the error output's message). */
const FAILED_COLUMNS = [
  { name: 'stage', value: 'failed' },
  { name: 'lastError', value: '{{ $json.error.message }}' },
];

/** The template's definition for the given parameters; credentials are left for the user (or `credentials`). */
export function outreachDefinition(input: z.input<typeof OutreachTemplateParams>, credentials: Partial<Record<'openAi' | 'hunterApi' | 'smtp', string>> = {}): WorkflowDefinitionInput {
  const p = OutreachTemplateParams.parse(input);
  const ai = credentials.openAi ?? '';
  const hunter = credentials.hunterApi ?? '';
  const smtp = credentials.smtp ?? '';
  const table = p.contactsTable;
  const nextDue = `{{ $now + ${p.followUpDays} * ${DAY_MS} }}`;
  const signature = `<p style="color:#666">${escapeHtml(p.senderName)}${p.senderName ? ' · ' : ''}<a href="${escapeHtml(p.website)}">${escapeHtml(p.website.replace(/^https?:\/\//, ''))}</a></p>`;
  const html = `<div style="font-family: sans-serif; line-height: 1.5">{{ $json.email_draft.body.split("\\n").join("<br>") }}${signature}</div>`;
  const N = OutreachNode;
  const node = (id: string, type: string, name: string, x: number, y: number, params: Record<string, unknown>, settings: Record<string, unknown> = {}) => ({
    id,
    type,
    name,
    position: { x, y },
    params,
    settings,
  });
  const retryable = { retries: 3, backoff: { kind: 'exponential', baseMs: 2000, maxMs: 120_000 } };
  // The pieces both branches (first email, follow-up) are made of.
  const draftEmail = (id: string, name: string, x: number, y: number, style: string, prompt: string, settings: Record<string, unknown>) =>
    node(id, 'ai.chat', name, x, y, {
      credentialId: ai,
      systemPrompt: `You write ${style} for ${p.senderName || 'a founder'}. Answer in JSON with subject and body (plain text).`,
      prompt,
      output: 'json',
      jsonSchema: EMAIL_SCHEMA,
      outputField: 'email_draft',
      temperature: 0.7,
    }, settings);
  const sendWindow = (id: string, name: string, x: number, y: number) =>
    node(id, 'outreach.sendWindow', name, x, y, { startHour: p.startHour, endHour: p.endHour, timeZone: p.timeZone });
  const sendEmail = (id: string, name: string, x: number, y: number, subject: string) =>
    node(id, 'outreach.sendEmail', name, x, y, {
      credentialId: smtp,
      to: '{{ $json.email }}',
      fromName: p.senderName,
      subject,
      text: '{{ $json.email_draft.body }}',
      html,
      trackOpens: true,
      trackClicks: true,
      contact: { table, keyField: 'email', keyValue: '{{ $json.email }}' },
    }, { ...retryable, onError: 'error-output' });
  const updateContact = (id: string, name: string, x: number, y: number, columns: { name: string; value: unknown }[]) =>
    node(id, 'core.dataTable', name, x, y, {
      table,
      operation: 'update',
      filters: [{ field: 'email', op: 'eq', value: '{{ $json.email }}' }],
      columns,
    });

  const feeds = p.feeds.map((url, i) => node(`feed-${i + 1}`, 'core.rssFeedTrigger', p.feeds.length > 1 ? `Tech news ${i + 1}` : 'Tech news', 0, i * 140, { url, pollMinutes: 60 }));
  const nodes = [
    ...feeds,
    node(N.Article, 'core.htmlExtract', 'Read article', 280, 0, {
      source: 'url',
      url: '{{ $json.link }}',
      fields: [{ key: 'articleText', selector: 'article', attribute: 'text' }],
      keepInput: true,
    }, { ...retryable, onError: 'continue' }),
    node(N.Extract, 'ai.chat', 'Find founder and company', 560, 0, {
      credentialId: ai,
      systemPrompt: 'You read startup news and extract the founder being written about. Answer in JSON only.',
      prompt: 'Title: {{ $json.title }}\nArticle: {{ ($json.articleText ?? $json.summary ?? "").slice(0, 6000) }}',
      output: 'json',
      jsonSchema: FOUNDER_SCHEMA,
      outputField: 'founder',
      temperature: 0,
    }, { ...retryable, onError: 'continue' }),
    node(N.Relevant, 'core.filter', 'Founder news with a domain', 840, 0, {
      conditions: [
        { left: '{{ $json.founder.isFounderNews }}', operator: 'isTrue' },
        { left: '{{ $json.founder.domain }}', operator: 'isNotEmpty' },
      ],
    }),
    node(N.FindEmail, 'outreach.hunter', 'Find email (Hunter)', 1120, 0, {
      credentialId: hunter,
      operation: 'emailFinder',
      domain: '{{ $json.founder.domain }}',
      firstName: '{{ $json.founder.firstName }}',
      lastName: '{{ $json.founder.lastName }}',
    }, retryable),
    node(N.Verify, 'outreach.hunter', 'Verify email (Hunter)', 1400, 0, {
      credentialId: hunter,
      operation: 'emailVerifier',
      email: '{{ $json.email ?? "" }}',
    }, { ...retryable, onError: 'continue' }),
    node(N.Deliverable, 'core.if', 'Deliverable?', 1680, 0, {
      conditions: [
        { left: '{{ $json.found }}', operator: 'isTrue' },
        { left: '{{ $json.deliverable }}', operator: 'isTrue' },
      ],
    }),
    node(N.RecordInvalid, 'core.dataTable', 'Record unreachable contact', 1960, 180, {
      table,
      operation: 'upsert',
      keyFields: ['domain'],
      columns: [
        { name: 'domain', value: '{{ $json.founder.domain }}' },
        { name: 'company', value: '{{ $json.founder.company }}' },
        { name: 'firstName', value: '{{ $json.founder.firstName }}' },
        { name: 'lastName', value: '{{ $json.founder.lastName }}' },
        { name: 'email', value: '{{ $json.email ?? "" }}' },
        { name: 'stage', value: 'unreachable' },
        { name: 'articleTitle', value: '{{ $json.title }}' },
      ],
    }),
    node(N.Claim, 'core.dataTable', 'New contact?', 1960, 0, {
      table,
      operation: 'insertIfNew',
      keyFields: ['email'],
      columns: [
        { name: 'email', value: '{{ $json.email }}' },
        { name: 'firstName', value: '{{ $json.founder.firstName }}' },
        { name: 'lastName', value: '{{ $json.founder.lastName }}' },
        { name: 'company', value: '{{ $json.founder.company }}' },
        { name: 'domain', value: '{{ $json.founder.domain }}' },
        { name: 'articleTitle', value: '{{ $json.title }}' },
        { name: 'articleUrl', value: '{{ $json.link }}' },
        { name: 'timeZone', value: p.timeZone },
        { name: 'stage', value: 'queued' },
        { name: 'followUps', value: 0 },
      ],
    }),
    draftEmail(N.Draft, 'Draft personal email', 2240, 0, 'concise, genuine cold emails', p.firstEmailPrompt.replaceAll('{{ $json.pitch }}', p.pitch), {
      ...retryable,
      onError: 'error-output',
    }),
    sendWindow(N.Window, 'Wait for their morning', 2520, 0),
    sendEmail(N.Send, 'Send email', 2800, 0, '{{ $json.email_draft.subject }}'),
    updateContact(N.RecordSent, 'Record sent', 3080, 0, [
      { name: 'stage', value: 'sent' },
      { name: 'lastMessageId', value: '{{ $json.messageId }}' },
      { name: 'lastSentAt', value: '{{ $now }}' },
      { name: 'nextFollowUpAt', value: nextDue },
    ]),
    updateContact(N.RecordFailed, 'Record failure', 3080, 180, FAILED_COLUMNS),

    node(N.FollowUpSchedule, 'core.scheduleTrigger', 'Every hour', 0, 420, { cron: '0 * * * *', timezone: 'UTC' }),
    node(N.Due, 'core.dataTable', 'Contacts due a follow-up', 280, 420, {
      table,
      operation: 'find',
      filters: [
        { field: 'stage', op: 'in', value: 'sent,opened,clicked' },
        { field: 'followUps', op: 'lt', value: p.maxFollowUps },
        { field: 'nextFollowUpAt', op: 'lte', value: '{{ $now }}' },
      ],
      limit: 200,
    }),
    draftEmail(N.FollowUpDraft, 'Draft follow-up', 560, 420, 'short, friendly follow-up emails', p.followUpPrompt, retryable),
    // The trailing space keeps node names unique (one per branch).
    sendWindow(N.FollowUpWindow, 'Wait for their morning ', 840, 420),
    sendEmail(N.FollowUpSend, 'Send follow-up', 1120, 420, 'Re: {{ $json.email_draft.subject }}'),
    updateContact(N.RecordFollowUp, 'Record follow-up', 1400, 420, [
      { name: 'followUps', value: '{{ $json.followUps + 1 }}' },
      { name: 'lastMessageId', value: '{{ $json.messageId }}' },
      { name: 'lastSentAt', value: '{{ $now }}' },
      { name: 'nextFollowUpAt', value: nextDue },
    ]),
    updateContact(N.RecordFollowUpFailed, 'Record follow-up failure', 1400, 600, FAILED_COLUMNS),
  ];

  const edge = (source: string, target: string, sourceOutput = 'main', targetInput = 'main') => ({ id: `${source}->${target}`, source, sourceOutput, target, targetInput });
  const edges = [
    ...feeds.map((f) => edge(f.id, N.Article)),
    edge(N.Article, N.Extract),
    edge(N.Extract, N.Relevant),
    edge(N.Relevant, N.FindEmail),
    edge(N.FindEmail, N.Verify),
    edge(N.Verify, N.Deliverable),
    edge(N.Deliverable, N.Claim, 'true'),
    edge(N.Deliverable, N.RecordInvalid, 'false'),
    edge(N.Claim, N.Draft, 'new'),
    edge(N.Draft, N.Window),
    edge(N.Window, N.Send),
    edge(N.Send, N.RecordSent),
    edge(N.Draft, N.RecordFailed, 'error'),
    edge(N.Send, N.RecordFailed, 'error'),
    edge(N.FollowUpSchedule, N.Due),
    edge(N.Due, N.FollowUpDraft),
    edge(N.FollowUpDraft, N.FollowUpWindow),
    edge(N.FollowUpWindow, N.FollowUpSend),
    edge(N.FollowUpSend, N.RecordFollowUp),
    edge(N.FollowUpSend, N.RecordFollowUpFailed, 'error'),
  ];
  return { schemaVersion: 1, nodes, edges };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
