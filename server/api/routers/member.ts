import { createHash, randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Role } from '../../../generated/prisma/enums.ts';
import type { PrismaClient } from '../../../generated/prisma/client.ts';
import { Id, RoleInput } from '../schemas.ts';
import { authedProcedure, memberProcedure, router } from '../trpc.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A workspace always keeps at least one owner. */
async function assertNotLastOwner(db: PrismaClient, workspaceId: string, userId: string, action: string) {
  const target = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
  if (!target) throw new TRPCError({ code: 'NOT_FOUND', message: 'That user is not a member of this workspace' });
  if (target.role !== 'owner') return target;
  const owners = await db.membership.count({ where: { workspaceId, role: 'owner' } });
  if (owners <= 1) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: `Cannot ${action} the last owner; make someone else owner first`,
    });
  }
  return target;
}

export const memberRouter = router({
  list: memberProcedure('viewer')
    .input(z.object({ workspaceId: Id }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.membership.findMany({
        where: { workspaceId: input.workspaceId },
        include: { user: { select: { id: true, name: true, email: true } } },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, since: m.createdAt }));
    }),

  createInvite: memberProcedure('owner')
    .input(
      z.object({
        workspaceId: Id,
        role: RoleInput,
        expiresInHours: z.number().int().min(1).max(24 * 30).default(72),
        maxUses: z.number().int().min(1).max(1000).default(1),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const token = randomBytes(24).toString('base64url');
      const invite = await ctx.db.invite.create({
        data: {
          workspaceId: input.workspaceId,
          tokenHash: hashToken(token),
          role: input.role,
          createdById: ctx.user.id,
          maxUses: input.maxUses,
          expiresAt: new Date(Date.now() + input.expiresInHours * 3_600_000),
        },
      });
      // The token is shown once; only its hash is stored.
      return { id: invite.id, role: invite.role, expiresAt: invite.expiresAt, token, url: `${ctx.publicUrl}/invite/${token}` };
    }),

  listInvites: memberProcedure('owner')
    .input(z.object({ workspaceId: Id }))
    .query(({ ctx, input }) =>
      ctx.db.invite.findMany({
        where: { workspaceId: input.workspaceId, revokedAt: null, expiresAt: { gt: new Date() } },
        select: { id: true, role: true, expiresAt: true, maxUses: true, uses: true, createdAt: true },
        orderBy: { createdAt: 'desc' },
      }),
    ),

  revokeInvite: memberProcedure('owner')
    .input(z.object({ workspaceId: Id, inviteId: Id }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.invite.updateMany({
        where: { id: input.inviteId, workspaceId: input.workspaceId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'Invite not found' });
      return { id: input.inviteId };
    }),

  acceptInvite: authedProcedure
    .input(z.object({ token: z.string().min(10).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const userId = ctx.user.id;
      return ctx.db.$transaction(async (tx) => {
        const invite = await tx.invite.findUnique({ where: { tokenHash: hashToken(input.token) } });
        if (!invite || invite.revokedAt || invite.expiresAt <= new Date() || invite.uses >= invite.maxUses) {
          throw new TRPCError({ code: 'NOT_FOUND', message: 'This invite link is invalid, used up or expired' });
        }
        const existing = await tx.membership.findUnique({
          where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } },
        });
        if (existing) return { workspaceId: invite.workspaceId, role: existing.role, alreadyMember: true };
        // Conditional increment: two concurrent accepts cannot both take the last use.
        const claimed = await tx.invite.updateMany({
          where: { id: invite.id, uses: { lt: invite.maxUses } },
          data: { uses: { increment: 1 } },
        });
        if (claimed.count === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'This invite link is used up' });
        await tx.membership.create({ data: { workspaceId: invite.workspaceId, userId, role: invite.role } });
        return { workspaceId: invite.workspaceId, role: invite.role as Role, alreadyMember: false };
      });
    }),

  changeRole: memberProcedure('owner')
    .input(z.object({ workspaceId: Id, userId: Id, role: RoleInput }))
    .mutation(async ({ ctx, input }) => {
      if (input.role !== 'owner') await assertNotLastOwner(ctx.db, input.workspaceId, input.userId, 'demote');
      const updated = await ctx.db.membership.updateMany({
        where: { workspaceId: input.workspaceId, userId: input.userId },
        data: { role: input.role },
      });
      if (updated.count === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'That user is not a member of this workspace' });
      return { userId: input.userId, role: input.role };
    }),

  remove: memberProcedure('owner')
    .input(z.object({ workspaceId: Id, userId: Id }))
    .mutation(async ({ ctx, input }) => {
      await assertNotLastOwner(ctx.db, input.workspaceId, input.userId, 'remove');
      await ctx.db.membership.delete({ where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: input.userId } } });
      return { userId: input.userId };
    }),

  leave: memberProcedure('viewer')
    .input(z.object({ workspaceId: Id }))
    .mutation(async ({ ctx, input }) => {
      await assertNotLastOwner(ctx.db, input.workspaceId, ctx.user.id, 'remove');
      await ctx.db.membership.delete({ where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: ctx.user.id } } });
      return { workspaceId: input.workspaceId };
    }),
});
