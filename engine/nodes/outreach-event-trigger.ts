import { z } from 'zod';
import { defineNode } from '../node-api.ts';

export const OUTREACH_EVENTS = ['open', 'click', 'reply', 'bounce'] as const;

export const OutreachEventTriggerParams = z.object({
  events: z
    .array(z.enum(OUTREACH_EVENTS))
    .min(1, 'Pick at least one event')
    .default(['open', 'click', 'reply', 'bounce'])
    .describe('Which tracked events start the workflow: open, click, reply, bounce'),
  scope: z
    .enum(['workspace', 'workflow'])
    .default('workspace')
    .describe('"workspace": emails sent by any workflow of the workspace; "workflow": only emails this workflow sent'),
});
export type OutreachEventTriggerParams = z.infer<typeof OutreachEventTriggerParams>;

/** What a run started by an outreach event gets as its item (and a manual run as a sample). */
const SAMPLE = {
  event: 'reply',
  eventId: 'sample',
  messageId: 'sample',
  recipient: 'jane@example.com',
  subject: 'Quick question',
  workflowId: 'sample',
  contact: { table: 'contacts', keyField: 'email', keyValue: 'jane@example.com' },
  at: '2026-01-01T09:00:00.000Z',
  reply: { from: 'jane@example.com', subject: 'Re: Quick question', text: 'Sounds interesting, tell me more.' },
};

export const outreachEventTrigger = defineNode({
  type: 'outreach.eventTrigger',
  version: 1,
  displayName: 'Outreach Event',
  description: 'Starts the workflow when a tracked email is opened, clicked, replied to or bounces.',
  docs: [
    'While the workflow is active, every tracked event of the chosen **events** starts one run. Emails are tracked',
    'when a Send Email node sends them with tracking on; opens come from the tracking pixel, clicks from rewritten',
    'links, replies and bounces from the workspace\'s inbound webhook (see the outreach settings).',
    '**scope** "workflow" limits it to emails this workflow sent; "workspace" takes emails of every workflow.',
    'The run starts with one item: `{ event, eventId, messageId, recipient, subject, workflowId, contact, at }`,',
    'plus `url` for clicks, `reply: { from, subject, text }` for replies and `bounce: { reason }` for bounces.',
    '`contact` is `{ table, keyField, keyValue }` when the email named the data-table row of its contact.',
    'Each event starts the workflow once. Run by hand, the node outputs a sample reply event.',
  ].join('\n'),
  category: 'trigger',
  icon: '📬',
  inputs: [],
  outputs: [{ name: 'main' }],
  params: OutreachEventTriggerParams,
  isTrigger: true,
  runsPerItem: false,
  run(ctx) {
    const events = ctx.items.filter((item) => typeof item.json.event === 'string');
    return events.length > 0 ? events : [{ json: SAMPLE }];
  },
});
