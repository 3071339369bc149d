import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { definitionFromDoc } from '../../../collab/workflow-doc.ts';
import type { ApiContext } from '../context.ts';
import { CopilotError, type CopilotService } from '../../copilot/copilot-service.ts';
import { Id } from '../schemas.ts';
import { memberProcedure, router } from '../trpc.ts';

function copilotOf(ctx: ApiContext): CopilotService {
  const copilot = ctx.runtime?.copilot;
  if (!copilot) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'The copilot is not available in this process' });
  return copilot;
}

const asTrpcError = (err: unknown): never => {
  if (err instanceof CopilotError) {
    const code = err.code === 'NOT_CONFIGURED' ? 'PRECONDITION_FAILED' : err.code === 'NOTHING_FAILED' ? 'BAD_REQUEST' : 'NOT_FOUND';
    throw new TRPCError({ code, message: err.message });
  }
  throw err;
};

export const copilotRouter = router({
  /** Whether an AI provider is configured, and which ones (never their keys). */
  status: memberProcedure('viewer')
    .input(z.object({ workflowId: Id }))
    .query(({ ctx }) => copilotOf(ctx).status(ctx.access.workspaceId)),

  /**
   * A proposal for the workflow: new workflow parts (create), edits (change) or a fix for a failed
   * run (fix). Validated and compiled, never applied: the browser applies it on Accept.
   */
  draft: memberProcedure('editor')
    .input(
      z.object({
        workflowId: Id,
        mode: z.enum(['create', 'change', 'fix']),
        prompt: z.string().trim().max(4000),
        credentialId: Id.optional(),
        runId: Id.optional(),
        nodeId: z.string().min(1).max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input, signal }) => {
      if (input.mode !== 'fix' && input.prompt.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Describe what the workflow should do' });
      if (input.mode === 'fix' && !input.runId) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Pick the failed run to fix' });
      const outcome = await copilotOf(ctx)
        .draft({
          ...input,
          workspaceId: ctx.access.workspaceId,
          current: definitionFromDoc(await ctx.collab.read(input.workflowId)),
          ...(signal ? { signal } : {}),
        })
        .catch(asTrpcError);
      if (!outcome.ok) return { ok: false as const, reason: outcome.reason, problems: outcome.problems, usage: outcome.usage };
      const { plan } = outcome;
      return {
        ok: true as const,
        summary: outcome.summary,
        proposal: outcome.proposal,
        preview: {
          nodes: plan.addedNodes,
          edges: plan.addedEdges,
          updatedNodeIds: plan.updatedNodeIds,
          removedNodeIds: plan.removedNodeIds,
          removedEdgeIds: plan.removedEdgeIds,
        },
        usage: outcome.usage,
      };
    }),

  /** Streams an explanation of the workflow as text deltas (server-sent events). */
  explain: memberProcedure('viewer')
    .input(z.object({ workflowId: Id, credentialId: Id.optional() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const stream = copilotOf(ctx).explain({
        workspaceId: ctx.access.workspaceId,
        current: definitionFromDoc(await ctx.collab.read(input.workflowId)),
        credentialId: input.credentialId,
        ...(signal ? { signal } : {}),
      });
      try {
        for await (const delta of stream) yield { delta };
      } catch (err) {
        asTrpcError(err);
      }
    }),
});
