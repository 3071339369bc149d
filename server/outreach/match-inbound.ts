import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { InboundMail } from './inbound-mail.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Replies by sender only match messages sent this recently. */
export const SENDER_MATCH_WINDOW_MS = 180 * 24 * 3600_000;

/**
 * The message an inbound mail is about, in this workspace: first by Message-ID (our
 * `<id@host>` in In-Reply-To/References, or the id the SMTP server reported), else by
 * address — the sender of a reply, or the failed recipient of a bounce — as the recipient
 * of the latest message sent to them.
 */
export async function matchInbound(db: PrismaClient, workspaceId: string, mail: InboundMail, now: number): Promise<{ id: string; by: 'message-id' | 'address' } | null> {
  if (mail.references.length) {
    const ours = mail.references.map((r) => r.split('@')[0]!).filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
    const smtpIds = mail.references.flatMap((r) => [r, `<${r}>`]);
    const byId = await db.outreachMessage.findFirst({
      where: { workspaceId, OR: [{ id: { in: ours } }, { smtpMessageId: { in: smtpIds } }] },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    if (byId) return { id: byId.id, by: 'message-id' };
  }
  const addresses = mail.kind === 'reply' ? (mail.from ? [mail.from] : []) : mail.failedRecipients;
  if (addresses.length === 0) return null;
  const byAddress = await db.outreachMessage.findFirst({
    where: {
      workspaceId,
      address: { in: addresses },
      status: { notIn: ['prepared', 'failed'] },
      createdAt: { gte: new Date(now - SENDER_MATCH_WINDOW_MS) },
    },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  return byAddress ? { id: byAddress.id, by: 'address' } : null;
}
