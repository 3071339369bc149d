import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { systemClock, type Clock } from '../../engine/clock.ts';
import type { OutreachTracker } from '../../engine/workspace-services.ts';
import type { Logger } from '../logger.ts';
import type { StartRunInput } from '../runs/run-service.ts';
import { dispatchOutreachEvent } from './event-dispatch.ts';
import { parseInbound, type InboundMail } from './inbound-mail.ts';
import { matchInbound } from './match-inbound.ts';
import { OutreachRecorder } from './outreach-recorder.ts';
import { outreachContacts, outreachStats, type Bucket } from './outreach-stats.ts';
import { PrismaOutreachTracker, type TrackerScope } from './prisma-outreach-tracker.ts';
import { isTrackableUrl, TrackingSigner } from './tracking-token.ts';

export const INBOUND_PREFIX = '/api/inbound/';

export type OutreachServiceDeps = {
  db: PrismaClient;
  /** The server's encryption key; tracking tokens are signed with a key derived from it. */
  encryptionKey: Buffer;
  /** Base of tracking and inbound URLs. */
  publicUrl: string;
  /** Starts event-triggered workflows; without it events are only recorded. */
  runs?: { start(input: StartRunInput): Promise<{ executionId: string; duplicate: boolean }> };
  clock?: Clock;
  logger?: Logger;
};

export type InboundOutcome = {
  kind: InboundMail['kind'];
  status: 'recorded' | 'duplicate' | 'unmatched' | 'ignored';
  messageId?: string;
  matchedBy?: 'message-id' | 'address';
  reason?: string;
};

/**
 * Outreach tracking for the whole server: trackers for runs, the public tracking
 * endpoints' logic (open pixel, click redirect), inbound replies and bounces, the
 * per-workspace inbound token, and the numbers the outreach view shows.
 */
export function createOutreachService(deps: OutreachServiceDeps) {
  const clock = deps.clock ?? systemClock;
  const { db } = deps;
  const signer = new TrackingSigner(deps.encryptionKey);
  const runs = deps.runs;
  const recorder = new OutreachRecorder({
    db,
    clock,
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(runs ? { onEvent: async (event) => void (await dispatchOutreachEvent({ db, runs, ...(deps.logger ? { logger: deps.logger } : {}) }, event)) } : {}),
  });
  const base = deps.publicUrl.replace(/\/+$/, '');

  return {
    signer,
    recorder,

    /** The OutreachTracker a run's nodes get (Send Email). */
    trackerFor(scope: TrackerScope): OutreachTracker {
      return new PrismaOutreachTracker({ db, signer, recorder, publicUrl: deps.publicUrl, clock }, scope);
    },

    /** Records an open for a valid pixel token; false (nothing recorded) otherwise. */
    async recordOpen(token: string, meta: { userAgent?: string }): Promise<boolean> {
      const claim = signer.verify(token);
      if (!claim || claim.kind !== 'open') return false;
      return (await recorder.record(claim.messageId, 'open', { userAgent: (meta.userAgent ?? '').slice(0, 300) })) !== null;
    },

    /** 'invalid' unless the token was signed for exactly this target; then the click is recorded. */
    async recordClick(token: string, target: string, meta: { userAgent?: string }): Promise<'ok' | 'invalid'> {
      const claim = signer.verify(token, target);
      if (!claim || claim.kind !== 'click' || !isTrackableUrl(target)) return 'invalid';
      await recorder.record(claim.messageId, 'click', { url: target, userAgent: (meta.userAgent ?? '').slice(0, 300) });
      return 'ok';
    },

    async workspaceOfInboundToken(token: string): Promise<string | null> {
      if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return null;
      const row = await db.outreachSettings.findUnique({ where: { inboundToken: token }, select: { workspaceId: true } });
      return row?.workspaceId ?? null;
    },

    /** The workspace's inbound webhook URL, creating its secret token on first ask. */
    async inboundUrl(workspaceId: string): Promise<string> {
      await db.$executeRawUnsafe(
        `INSERT INTO outreach_settings ("workspaceId", "inboundToken", "createdAt") VALUES ($1, $2, $3::timestamp(3)) ON CONFLICT ("workspaceId") DO NOTHING`,
        workspaceId,
        randomBytes(24).toString('base64url'),
        new Date(clock.now()).toISOString(),
      );
      const row = await db.outreachSettings.findUniqueOrThrow({ where: { workspaceId }, select: { inboundToken: true } });
      return `${base}${INBOUND_PREFIX}${row.inboundToken}`;
    },

    /** Parses an inbound post and records each reply or bounce it carries. */
    async receiveInbound(workspaceId: string, body: unknown): Promise<{ ok: true; outcomes: InboundOutcome[] } | { ok: false; error: string }> {
      const parsed = parseInbound(body);
      if (!parsed.ok) return parsed;
      const outcomes: InboundOutcome[] = [];
      for (const mail of parsed.mails) {
        if (mail.kind === 'reply' && mail.automatic) {
          outcomes.push({ kind: 'reply', status: 'ignored', reason: 'automatic reply' });
          continue;
        }
        const match = await matchInbound(db, workspaceId, mail, clock.now());
        if (!match) {
          outcomes.push({ kind: mail.kind, status: 'unmatched' });
          continue;
        }
        const meta: Record<string, unknown> =
          mail.kind === 'reply'
            ? { from: mail.from, subject: mail.subject, text: mail.text.slice(0, 1000), matchedBy: match.by }
            : { reason: mail.reason, recipients: mail.failedRecipients, matchedBy: match.by };
        if (mail.messageId) meta.inboundMessageId = mail.messageId;
        const event = await recorder.record(match.id, mail.kind, meta, { workspaceId });
        outcomes.push({ kind: mail.kind, status: event ? 'recorded' : 'duplicate', messageId: match.id, matchedBy: match.by });
      }
      return { ok: true, outcomes };
    },

    stats: (input: { workflowId: string; bucket: Bucket; from?: Date; to?: Date }) => outreachStats(db, input, clock.now()),
    contacts: (input: { workflowId: string; cursor?: string | undefined; limit?: number }) => outreachContacts(db, input),
  };
}

export type OutreachService = ReturnType<typeof createOutreachService>;
