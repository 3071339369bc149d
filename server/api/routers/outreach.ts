import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { outreachContacts, outreachStats, StatsRangeError } from '../../outreach/outreach-stats.ts';
import { Id } from '../schemas.ts';
import { memberProcedure, router } from '../trpc.ts';

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StatsRangeError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err });
    throw err;
  }
}

/**
 * Outreach numbers of a workflow (viewers) and the workspace's inbound-reply webhook
 * (editors: its URL holds the secret token).
 */
export const outreachRouter = router({
  /** `{ bucket, from, to, series: [{ at, sent, opened, clicked, replied, bounced }], totals }`, counts of distinct messages. */
  stats: memberProcedure('viewer')
    .input(z.object({ workflowId: Id, from: z.coerce.date().optional(), to: z.coerce.date().optional(), bucket: z.enum(['hour', 'day']).default('day') }))
    .query(({ ctx, input }) =>
      mapped(() =>
        outreachStats(ctx.db, { workflowId: input.workflowId, bucket: input.bucket, ...(input.from ? { from: input.from } : {}), ...(input.to ? { to: input.to } : {}) }, Date.now()),
      ),
    ),

  /** `{ items: [{ recipient, display, stage, messages, …At }], nextCursor }`, most recently active first. */
  contacts: memberProcedure('viewer')
    .input(z.object({ workflowId: Id, cursor: z.string().max(500).optional(), limit: z.number().int().min(1).max(500).optional() }))
    .query(({ ctx, input }) =>
      mapped(() => outreachContacts(ctx.db, { workflowId: input.workflowId, cursor: input.cursor, ...(input.limit ? { limit: input.limit } : {}) })),
    ),

  /** The workspace's inbound webhook URL (its token is created on first ask). */
  inboundUrl: memberProcedure('editor')
    .input(z.object({ workspaceId: Id }))
    .query(async ({ ctx, input }) => {
      const outreach = ctx.runtime?.outreach;
      if (!outreach) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Outreach tracking is not available in this process' });
      return { url: await outreach.inboundUrl(input.workspaceId) };
    }),
});
