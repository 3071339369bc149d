import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createVersionService, VersionError } from '../../versions/version-service.ts';
import { Id } from '../schemas.ts';
import type { ApiContext } from '../context.ts';
import { memberProcedure, router } from '../trpc.ts';

const VersionRef = z.union([z.object({ versionId: Id }), z.object({ draft: z.literal(true) })]);

const versions = (ctx: ApiContext) => createVersionService({ db: ctx.db, collab: ctx.collab });

/** Expected failures become NOT_FOUND (a version of another workflow is as good as missing). */
async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof VersionError) throw new TRPCError({ code: 'NOT_FOUND', message: err.message, cause: err });
    throw err;
  }
}

/**
 * Versions of a workflow: immutable snapshots of its document (definition JSON + Yjs state),
 * numbered per workflow. Viewers list, read and diff; editors create and restore.
 */
export const versionRouter = router({
  /** Newest first; pass `nextBefore` back as `before` for the next page. */
  list: memberProcedure('viewer')
    .input(z.object({ workflowId: Id, limit: z.number().int().min(1).max(100).default(50), before: z.number().int().min(1).optional() }))
    .query(({ ctx, input }) => run(() => versions(ctx).list(input.workflowId, input))),

  get: memberProcedure('viewer')
    .input(z.object({ workflowId: Id, versionId: Id }))
    .query(({ ctx, input }) => run(() => versions(ctx).get(input.workflowId, input.versionId))),

  /** Nodes, edges and params added, removed and changed between any two versions or the live draft. */
  diff: memberProcedure('viewer')
    .input(z.object({ workflowId: Id, from: VersionRef, to: VersionRef.default({ draft: true }) }))
    .query(({ ctx, input }) => run(() => versions(ctx).diff(input.workflowId, input.from, input.to))),

  /** Saves the current document; a draft that does not compile is saved with `valid: false` and its errors. */
  create: memberProcedure('editor')
    .input(z.object({ workflowId: Id, message: z.string().trim().max(500).default('') }))
    .mutation(({ ctx, input }) => run(async () => (await versions(ctx).create(input.workflowId, ctx.user.id, input.message)).version)),

  /**
   * Makes the live document equal to the version in one transaction every connected editor sees.
   * `clientId` (the editor's Y.Doc clientID) puts it on that editor's undo stack.
   */
  restore: memberProcedure('editor')
    .input(z.object({ workflowId: Id, versionId: Id, clientId: z.number().int().min(0).optional() }))
    .mutation(({ ctx, input }) => run(() => versions(ctx).restore(input.workflowId, input.versionId, ctx.user, input.clientId))),
});
