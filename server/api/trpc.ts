import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import type { Role } from '../../generated/prisma/enums.ts';
import { authorize, scopeFromInput, type Access } from './authorize.ts';
import type { ApiContext, SessionUser } from './context.ts';

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues =
      cause instanceof z.ZodError
        ? cause.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
        : undefined;
    return {
      ...shape,
      // Zod failures become one readable sentence plus the per-field list.
      message: issues ? `Invalid input: ${issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; ')}` : shape.message,
      data: { ...shape.data, stack: undefined, issues },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Database outcomes that are the caller's fault get precise codes instead of a 500.
const mapDatabaseErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const code = (result.error.cause as { code?: unknown } | undefined)?.code;
    if (code === 'P2025') throw new TRPCError({ code: 'NOT_FOUND', message: 'Not found', cause: result.error });
    if (code === 'P2002') throw new TRPCError({ code: 'CONFLICT', message: 'That already exists', cause: result.error });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDatabaseErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { ...ctx, user: ctx.user as SessionUser } });
});

/**
 * A procedure that needs at least `minRole` in the workspace its input names (through
 * `workspaceId` or `workflowId`). Every scoped procedure goes through here.
 */
export function memberProcedure(minRole: Role) {
  return authedProcedure.use(async ({ ctx, getRawInput, next }) => {
    const scope = scopeFromInput(await getRawInput());
    if (!scope) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Input must name a workspaceId or workflowId' });
    const access: Access = await authorize(ctx.db, ctx.user.id, scope, minRole);
    return next({ ctx: { ...ctx, access } });
  });
}
