import { TRPCError } from '@trpc/server';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Role } from '../../generated/prisma/enums.ts';

/** owner ≥ editor ≥ viewer. */
export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

export type AccessScope = { workspaceId: string } | { workflowId: string };

export type Access = { workspaceId: string; role: Role; workflowId?: string };

/**
 * The one place that decides who may touch what. Outsiders learn nothing (NOT_FOUND, the
 * same answer as for an id that does not exist); members below the required role get
 * FORBIDDEN with the role they would need.
 */
export async function authorize(db: PrismaClient, userId: string, scope: AccessScope, minRole: Role): Promise<Access> {
  let workspaceId: string;
  let workflowId: string | undefined;
  if ('workflowId' in scope) {
    const workflow = await db.workflow.findUnique({
      where: { id: scope.workflowId },
      select: { workspaceId: true },
    });
    if (!workflow) throw new TRPCError({ code: 'NOT_FOUND', message: 'Workflow not found' });
    workspaceId = workflow.workspaceId;
    workflowId = scope.workflowId;
  } else {
    workspaceId = scope.workspaceId;
  }
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true },
  });
  if (!membership) {
    throw new TRPCError({ code: 'NOT_FOUND', message: workflowId ? 'Workflow not found' : 'Workspace not found' });
  }
  if (ROLE_RANK[membership.role] < ROLE_RANK[minRole]) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${minRole} role; you are ${membership.role}` });
  }
  return { workspaceId, role: membership.role, ...(workflowId ? { workflowId } : {}) };
}

/** Reads the scope from a procedure's raw input: every scoped input names its workspace or workflow. */
export function scopeFromInput(raw: unknown): AccessScope | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.workflowId === 'string') return { workflowId: r.workflowId };
  if (typeof r.workspaceId === 'string') return { workspaceId: r.workspaceId };
  return null;
}
