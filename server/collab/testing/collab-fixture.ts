import type { Role } from '../../../generated/prisma/enums.ts';
import { TestUser } from '../../testing/api-client.ts';
import type { TestServer } from '../../testing/test-server.ts';

export type CollabFixture = {
  workspaceId: string;
  workflowId: string;
  owner: TestUser;
  editor: TestUser;
  viewer: TestUser;
  outsider: TestUser;
};

/** Adds `user` to a workspace with `role` (through an invite, as in the app). */
export async function addMember(owner: TestUser, user: TestUser, workspaceId: string, role: Exclude<Role, 'owner'>): Promise<void> {
  const invite = await owner.api.member.createInvite.mutate({ workspaceId, role });
  await user.api.member.acceptInvite.mutate({ token: invite.token });
}

/** Four users around one workspace and workflow: an owner, an editor, a viewer and an outsider. */
export async function collabFixture(srv: TestServer, tag: string): Promise<CollabFixture> {
  const [owner, editor, viewer, outsider] = await Promise.all(
    (['owner', 'editor', 'viewer', 'outsider'] as const).map((who) => TestUser.signUp(srv.url, `${who} ${tag}`, `${who}-${tag}@example.com`)),
  );
  const ws = await owner!.api.workspace.create.mutate({ name: `Collab ${tag}` });
  await addMember(owner!, editor!, ws.id, 'editor');
  await addMember(owner!, viewer!, ws.id, 'viewer');
  const wf = await owner!.api.workflow.create.mutate({ workspaceId: ws.id, name: 'Shared flow' });
  return { workspaceId: ws.id, workflowId: wf.id, owner: owner!, editor: editor!, viewer: viewer!, outsider: outsider! };
}
