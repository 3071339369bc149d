import { z } from 'zod';
import { COLLAB_PATH } from '../../collab/collab-service.ts';
import { Id } from '../schemas.ts';
import { memberProcedure, router } from '../trpc.ts';

export const collabRouter = router({
  /**
   * A short-lived signed token for the workflow's document, for clients that cannot send the
   * session cookie on the WebSocket upgrade. Pass it to the provider as `token` (better: a
   * function that asks for a fresh one, since reconnects may outlive it). The role is checked
   * again on every connect.
   */
  token: memberProcedure('viewer')
    .input(z.object({ workflowId: Id }))
    .mutation(({ ctx, input }) => ({
      ...ctx.collab.issueToken(ctx.user, input.workflowId),
      path: COLLAB_PATH,
      readOnly: ctx.access.role === 'viewer',
    })),
});
