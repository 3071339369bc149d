/** What can happen to a message. */
export const OutreachEventKind = {
  Sent: 'sent',
  Failed: 'failed',
  Open: 'open',
  Click: 'click',
  Reply: 'reply',
  Bounce: 'bounce',
} as const;
export type OutreachEventKind = (typeof OutreachEventKind)[keyof typeof OutreachEventKind];

/** Event kinds that start workflows (Outreach Event trigger). */
export const TRIGGER_EVENT_KINDS = ['open', 'click', 'reply', 'bounce'] as const;
export type TriggerEventKind = (typeof TRIGGER_EVENT_KINDS)[number];

/**
 * Stages of a message and of a contact, lowest first. A stage only ever moves up: an open
 * after a reply leaves "replied". Stages a workflow wrote itself (e.g. "contacted") rank
 * below all of these.
 */
export const STAGES = ['prepared', 'failed', 'sent', 'opened', 'clicked', 'bounced', 'replied'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_OF: Record<OutreachEventKind, Stage> = {
  sent: 'sent',
  failed: 'failed',
  open: 'opened',
  click: 'clicked',
  bounce: 'bounced',
  reply: 'replied',
};

export function stageRank(stage: string | null | undefined): number {
  return STAGES.indexOf(stage as Stage) + 1;
}
