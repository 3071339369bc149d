import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { ContactRef } from './contact-row.ts';
import { STAGES, type Stage } from './stages.ts';

export type Bucket = 'hour' | 'day';
const BUCKET_MS: Record<Bucket, number> = { hour: 3600_000, day: 86_400_000 };
const DEFAULT_SPAN_MS: Record<Bucket, number> = { hour: 48 * 3600_000, day: 30 * 86_400_000 };
export const MAX_BUCKETS = 2000;

export type Counts = { sent: number; opened: number; clicked: number; replied: number; bounced: number };
export type StatsPoint = Counts & { at: string };
export type OutreachStats = { bucket: Bucket; from: string; to: string; series: StatsPoint[]; totals: Counts };

const KIND_TO_COUNT: Record<string, keyof Counts> = { sent: 'sent', open: 'opened', click: 'clicked', reply: 'replied', bounce: 'bounced' };
const zero = (): Counts => ({ sent: 0, opened: 0, clicked: 0, replied: 0, bounced: 0 });

export class StatsRangeError extends Error {
  override readonly name = 'StatsRangeError';
}

/**
 * A workflow's outreach over time: per bucket (UTC hours or days, every bucket present, empty
 * ones zero), how many distinct messages were sent, opened, clicked, replied to and bounced;
 * and the same over the whole range. Default range: the last 48 hours or 30 days up to now.
 */
export async function outreachStats(db: PrismaClient, input: { workflowId: string; bucket: Bucket; from?: Date; to?: Date }, now: number): Promise<OutreachStats> {
  const size = BUCKET_MS[input.bucket];
  const to = input.to ?? new Date(now);
  const from = input.from ?? new Date(to.getTime() - DEFAULT_SPAN_MS[input.bucket]);
  if (!(from.getTime() < to.getTime())) throw new StatsRangeError('"from" must be before "to"');
  const first = Math.floor(from.getTime() / size) * size;
  const buckets = Math.ceil((to.getTime() - first) / size);
  if (buckets > MAX_BUCKETS) throw new StatsRangeError(`That range has ${buckets} ${input.bucket}s; at most ${MAX_BUCKETS} buckets (use a larger bucket or a shorter range)`);

  const range = [input.workflowId, from.toISOString(), to.toISOString(), Object.keys(KIND_TO_COUNT)] as const;
  const [perBucket, totals] = await Promise.all([
    db.$queryRawUnsafe<Array<{ b: Date; kind: string; n: bigint | number }>>(
      `SELECT date_trunc($5::text, at) AS b, kind, count(DISTINCT "messageId") AS n FROM outreach_events
       WHERE "workflowId" = $1 AND at >= $2::timestamp(3) AND at < $3::timestamp(3) AND kind = ANY($4::text[])
       GROUP BY 1, 2`,
      ...range,
      input.bucket,
    ),
    db.$queryRawUnsafe<Array<{ kind: string; n: bigint | number }>>(
      `SELECT kind, count(DISTINCT "messageId") AS n FROM outreach_events
       WHERE "workflowId" = $1 AND at >= $2::timestamp(3) AND at < $3::timestamp(3) AND kind = ANY($4::text[])
       GROUP BY 1`,
      ...range,
    ),
  ]);
  const series: StatsPoint[] = Array.from({ length: buckets }, (_, i) => ({ at: new Date(first + i * size).toISOString(), ...zero() }));
  for (const row of perBucket) {
    const i = Math.round((new Date(row.b).getTime() - first) / size);
    const key = KIND_TO_COUNT[row.kind];
    if (series[i] && key) series[i][key] = Number(row.n);
  }
  const sum = zero();
  for (const row of totals) {
    const key = KIND_TO_COUNT[row.kind];
    if (key) sum[key] = Number(row.n);
  }
  return { bucket: input.bucket, from: from.toISOString(), to: to.toISOString(), series, totals: sum };
}

export type ContactSummary = {
  /** Bare address; `display` is how the latest message named them. */
  recipient: string;
  display: string;
  stage: Stage;
  messages: number;
  lastSubject: string;
  contact: ContactRef | null;
  firstSentAt: string | null;
  lastSentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  repliedAt: string | null;
  bouncedAt: string | null;
  lastActivityAt: string;
};

export const CONTACTS_PAGE = 100;

/**
 * A workflow's messages grouped by recipient: furthest stage, message count, the first time
 * each thing happened; most recently active first, paged with an opaque cursor.
 */
export async function outreachContacts(db: PrismaClient, input: { workflowId: string; cursor?: string | undefined; limit?: number }): Promise<{ items: ContactSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(input.limit ?? CONTACTS_PAGE, 1), 500);
  const after = decodeCursor(input.cursor);
  const rows = await db.$queryRawUnsafe<Array<{
    address: string; display: string; rank: number; n: bigint | number; last_subject: string; contact: unknown;
    first_sent: Date | null; last_sent: Date | null; opened: Date | null; clicked: Date | null; replied: Date | null; bounced: Date | null; last_activity: Date;
  }>>(
    `WITH ev AS (
       SELECT "messageId",
         min(at) FILTER (WHERE kind = 'open') AS opened, min(at) FILTER (WHERE kind = 'click') AS clicked,
         min(at) FILTER (WHERE kind = 'reply') AS replied, min(at) FILTER (WHERE kind = 'bounce') AS bounced
       FROM outreach_events WHERE "workflowId" = $1 GROUP BY 1
     ), per AS (
       SELECT m.address,
         (array_agg(m.recipient ORDER BY m."createdAt" DESC))[1] AS display,
         (array_agg(m.subject ORDER BY m."createdAt" DESC))[1] AS last_subject,
         (array_agg(m.contact ORDER BY m."createdAt" DESC) FILTER (WHERE m.contact IS NOT NULL))[1] AS contact,
         max(array_position($2::text[], m.status)) AS rank, count(*) AS n,
         min(m."sentAt") AS first_sent, max(m."sentAt") AS last_sent,
         min(ev.opened) AS opened, min(ev.clicked) AS clicked, min(ev.replied) AS replied, min(ev.bounced) AS bounced,
         max(GREATEST(m."createdAt", m."lastEventAt")) AS last_activity
       FROM outreach_messages m LEFT JOIN ev ON ev."messageId" = m.id
       WHERE m."workflowId" = $1 GROUP BY m.address
     )
     SELECT * FROM per
     WHERE $3::timestamp(3) IS NULL OR (last_activity, address) < ($3::timestamp(3), $4::text)
     ORDER BY last_activity DESC, address DESC LIMIT $5::int`,
    input.workflowId,
    [...STAGES],
    after?.t ?? null,
    after?.a ?? '',
    limit + 1,
  );
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  const items = rows.slice(0, limit).map((r) => ({
    recipient: r.address,
    display: r.display,
    stage: STAGES[Math.max(0, Number(r.rank) - 1)]!,
    messages: Number(r.n),
    lastSubject: r.last_subject,
    contact: (r.contact as ContactRef | null) ?? null,
    firstSentAt: iso(r.first_sent),
    lastSentAt: iso(r.last_sent),
    openedAt: iso(r.opened),
    clickedAt: iso(r.clicked),
    repliedAt: iso(r.replied),
    bouncedAt: iso(r.bounced),
    lastActivityAt: new Date(r.last_activity).toISOString(),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.lastActivityAt, last.recipient) : null };
}

function encodeCursor(t: string, a: string): string {
  return Buffer.from(JSON.stringify({ t, a })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { t: string; a: string } | null {
  if (!cursor) return null;
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown; a?: unknown };
    if (typeof c.t === 'string' && typeof c.a === 'string' && !Number.isNaN(Date.parse(c.t))) return { t: c.t, a: c.a };
  } catch {
    /* fall through */
  }
  throw new StatsRangeError('Invalid cursor');
}
