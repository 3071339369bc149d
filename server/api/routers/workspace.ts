import { z } from 'zod';
import { createWorkspace } from '../../workspaces/create-workspace.ts';
import { Id, Name } from '../schemas.ts';
import { authedProcedure, memberProcedure, router } from '../trpc.ts';

export const workspaceRouter = router({
  list: authedProcedure.query(async ({ ctx }) => {
    const memberships = await ctx.db.membership.findMany({
      where: { userId: ctx.user.id },
      include: { workspace: { select: { id: true, name: true, slug: true, createdAt: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return memberships.map((m) => ({ ...m.workspace, role: m.role }));
  }),

  create: authedProcedure.input(z.object({ name: Name })).mutation(async ({ ctx, input }) => {
    const ws = await createWorkspace(ctx.db, ctx.user.id, input.name);
    return { id: ws.id, name: ws.name, slug: ws.slug, role: 'owner' as const };
  }),

  get: memberProcedure('viewer')
    .input(z.object({ workspaceId: Id }))
    .query(async ({ ctx, input }) => {
      const ws = await ctx.db.workspace.findUniqueOrThrow({
        where: { id: input.workspaceId },
        select: { id: true, name: true, slug: true, createdAt: true },
      });
      return { ...ws, role: ctx.access.role };
    }),

  rename: memberProcedure('owner')
    .input(z.object({ workspaceId: Id, name: Name }))
    .mutation(({ ctx, input }) =>
      ctx.db.workspace.update({
        where: { id: input.workspaceId },
        data: { name: input.name },
        select: { id: true, name: true, slug: true },
      }),
    ),

  delete: memberProcedure('owner')
    .input(z.object({ workspaceId: Id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.workspace.delete({ where: { id: input.workspaceId } });
      return { id: input.workspaceId };
    }),
});
