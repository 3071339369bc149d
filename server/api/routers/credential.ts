import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { CredentialError } from '../../credentials/credential-service.ts';
import type { ApiContext } from '../context.ts';
import { Id, Name } from '../schemas.ts';
import { memberProcedure, router } from '../trpc.ts';

const Kind = z.string().trim().min(1, 'must not be empty').max(100, 'is not a credential kind');
/** Field values as the form sends them: strings, bounded (a PEM key fits, a file does not). */
const Data = z
  .record(z.string().max(100), z.string().max(16_384, 'must be at most 16384 characters'))
  .refine((d) => Object.keys(d).length <= 50, 'has too many fields');
const CredentialRef = z.object({ workspaceId: Id, credentialId: Id });

function credentialsOf(ctx: ApiContext) {
  const svc = ctx.runtime?.credentials;
  if (!svc) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Credentials are not available in this process' });
  return svc;
}

/** Expected failures get precise codes; INVALID lists each field (as `data.<field>` issues, like any bad input). */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof CredentialError)) throw err;
    if (err.code === 'INVALID') {
      const issues = err.fields.map((f) => ({ code: 'custom' as const, path: f.field === 'kind' ? ['kind'] : ['data', ...(f.field ? f.field.split('.') : [])], message: f.message, input: undefined }));
      throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: new z.ZodRealError(issues) });
    }
    const code = err.code === 'NOT_FOUND' ? 'NOT_FOUND' : err.code === 'CONFLICT' ? 'CONFLICT' : 'BAD_REQUEST';
    throw new TRPCError({ code, message: err.message, cause: err });
  }
}

/**
 * Workspace credentials. Viewers see names and kinds; editors see non-secret fields and which
 * secrets are set, and create, change, delete and test them. No procedure returns a secret.
 */
export const credentialRouter = router({
  list: memberProcedure('viewer')
    .input(z.object({ workspaceId: Id, kind: Kind.optional() }))
    .query(({ ctx, input }) => credentialsOf(ctx).list(ctx.access.workspaceId, input.kind)),

  get: memberProcedure('editor')
    .input(CredentialRef)
    .query(({ ctx, input }) => mapped(() => credentialsOf(ctx).get(ctx.access.workspaceId, input.credentialId))),

  create: memberProcedure('editor')
    .input(z.object({ workspaceId: Id, name: Name, kind: Kind, data: Data }))
    .mutation(({ ctx, input }) => mapped(() => credentialsOf(ctx).create(ctx.access.workspaceId, ctx.user.id, input))),

  /** Returns what `get` would; a secret left out or '' keeps its stored value. */
  update: memberProcedure('editor')
    .input(CredentialRef.extend({ name: Name.optional(), data: Data.optional() }))
    .mutation(({ ctx, input }) =>
      mapped(() =>
        credentialsOf(ctx).update(ctx.access.workspaceId, input.credentialId, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.data !== undefined ? { data: input.data } : {}),
        }),
      ),
    ),

  delete: memberProcedure('editor')
    .input(CredentialRef)
    .mutation(({ ctx, input }) => mapped(() => credentialsOf(ctx).delete(ctx.access.workspaceId, input.credentialId))),

  /** `{ ok, message }`; BAD_REQUEST for kinds that cannot be tested (see nodeType.list `testable`). */
  test: memberProcedure('editor')
    .input(CredentialRef)
    .mutation(({ ctx, input }) => mapped(() => credentialsOf(ctx).test(ctx.access.workspaceId, input.credentialId))),
});
