import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { systemClock, type Clock } from '../../engine/clock.ts';
import { uuidv7 } from '../data-tables/uuid-v7.ts';
import type { Logger } from '../logger.ts';
import { markContactRow, type ContactRef } from './contact-row.ts';
import { STAGES, STAGE_OF, TRIGGER_EVENT_KINDS, type OutreachEventKind } from './stages.ts';

/** An event as recorded, with what triggers and the contact row need of its message. */
export type RecordedEvent = {
  id: string;
  kind: OutreachEventKind;
  at: Date;
  meta: Record<string, unknown>;
  message: { id: string; workspaceId: string; workflowId: string; recipient: string; subject: string; contact: ContactRef | null };
};

export type EventListener = (event: RecordedEvent) => Promise<void>;

export type RecorderDeps = {
  db: PrismaClient;
  clock?: Clock;
  logger?: Logger;
  /** Called after open, click, reply and bounce events (starts event-triggered workflows). */
  onEvent?: EventListener;
  /** Identical opens (same message and user agent) closer than this are one open. Default 60 s. */
  openDedupeMs?: number;
};

/**
 * Records what happened to a message: the event row, the message's stage (never moving
 * back), the contact's data-table row, and the workflows listening for it. Stage and row
 * updates are single statements, so concurrent events cannot lose each other's changes.
 */
export class OutreachRecorder {
  private readonly clock: Clock;

  constructor(private readonly deps: RecorderDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * Null when the message does not exist (in that workspace, when given) or the event is a
   * repeat: an identical open within the dedupe window, a second bounce, or a reply already
   * recorded under the same inbound Message-ID (mail services retry their webhooks).
   */
  async record(
    messageId: string,
    kind: OutreachEventKind,
    meta: Record<string, unknown> = {},
    opts: { workspaceId?: string; smtpMessageId?: string } = {},
  ): Promise<RecordedEvent | null> {
    const { db } = this.deps;
    const message = await db.outreachMessage.findFirst({
      where: { id: messageId, ...(opts.workspaceId ? { workspaceId: opts.workspaceId } : {}) },
      select: { id: true, workspaceId: true, workflowId: true, recipient: true, subject: true, contact: true },
    });
    if (!message) return null;
    const at = new Date(this.clock.now());
    if (await this.isRepeat(message.id, kind, meta, at)) return null;

    const id = uuidv7(at.getTime());
    await db.outreachEvent.create({
      data: { id, messageId: message.id, workspaceId: message.workspaceId, workflowId: message.workflowId, kind, at, meta: meta as Prisma.InputJsonValue },
    });
    const stage = STAGE_OF[kind];
    await db.$executeRawUnsafe(
      `UPDATE outreach_messages SET
         status = CASE WHEN array_position($2::text[], status) < array_position($2::text[], $3::text) THEN $3::text ELSE status END,
         "lastEventAt" = $4::timestamp(3),
         "sentAt" = CASE WHEN $3::text = 'sent' THEN COALESCE("sentAt", $4::timestamp(3)) ELSE "sentAt" END,
         "smtpMessageId" = COALESCE($5::text, "smtpMessageId")
       WHERE id = $1`,
      message.id,
      [...STAGES],
      stage,
      at.toISOString(),
      opts.smtpMessageId ?? null,
    );
    const contact = contactOf(message.contact);
    if (contact) await markContactRow(db, message.workspaceId, contact, kind, at);

    const event: RecordedEvent = { id, kind, at, meta, message: { ...message, contact } };
    if ((TRIGGER_EVENT_KINDS as readonly string[]).includes(kind) && this.deps.onEvent) {
      await this.deps.onEvent(event).catch((err: unknown) => this.deps.logger?.error('outreach event dispatch failed', { err, eventId: id }));
    }
    return event;
  }

  private async isRepeat(messageId: string, kind: OutreachEventKind, meta: Record<string, unknown>, at: Date): Promise<boolean> {
    if (kind === 'open') {
      const since = new Date(at.getTime() - (this.deps.openDedupeMs ?? 60_000));
      const ua = typeof meta.userAgent === 'string' ? meta.userAgent : '';
      const recent = await this.deps.db.outreachEvent.findFirst({
        where: { messageId, kind: 'open', at: { gte: since }, meta: { path: ['userAgent'], equals: ua } },
        select: { id: true },
      });
      return recent !== null;
    }
    // A message bounces once; services repeat bounce notifications (retries, DSN plus event).
    if (kind === 'bounce') {
      return (await this.deps.db.outreachEvent.findFirst({ where: { messageId, kind: 'bounce' }, select: { id: true } })) !== null;
    }
    if (kind === 'reply' && typeof meta.inboundMessageId === 'string' && meta.inboundMessageId) {
      const seen = await this.deps.db.outreachEvent.findFirst({
        where: { messageId, kind, meta: { path: ['inboundMessageId'], equals: meta.inboundMessageId } },
        select: { id: true },
      });
      return seen !== null;
    }
    return false;
  }
}

export function contactOf(value: unknown): ContactRef | null {
  const c = value as Partial<ContactRef> | null;
  if (!c || typeof c.table !== 'string' || typeof c.keyField !== 'string' || (typeof c.keyValue !== 'string' && typeof c.keyValue !== 'number')) return null;
  return { table: c.table, keyField: c.keyField, keyValue: String(c.keyValue) };
}
