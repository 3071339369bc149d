'use client';

import { createContext, useContext } from 'react';
import type { Role, RouterOutputs } from '../../lib/trpc.ts';

export type WorkspaceInfo = RouterOutputs['workspace']['get'];

export type WorkspaceAccess = {
  workspace: WorkspaceInfo;
  role: Role;
  /** Editors and owners change workflows; viewers only look. */
  canEdit: boolean;
  /** Owners manage members, invites and deletions. */
  isOwner: boolean;
};

export const WorkspaceContext = createContext<WorkspaceAccess | null>(null);

export function accessOf(workspace: WorkspaceInfo): WorkspaceAccess {
  return { workspace, role: workspace.role, canEdit: workspace.role !== 'viewer', isOwner: workspace.role === 'owner' };
}

/** The workspace the current page is in, with the user's role; only inside the workspace shell. */
export function useWorkspace(): WorkspaceAccess {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace must be used inside the workspace shell');
  return value;
}
