import type { BrowserContext } from 'playwright-core';
import type { WorkflowDefinitionInput } from '../../engine/definition.ts';
import { addMember } from '../../server/collab/testing/collab-fixture.ts';
import { TestUser } from '../../server/testing/api-client.ts';

export { addMember };

/** A user signed up over HTTP, with the id the editor uses for presence test ids. */
export type E2eUser = { name: string; email: string; id: string; client: TestUser };

/** Signs a user up through the auth API (no browser), and reads their id from the session. */
export async function signUpUser(baseUrl: string, name: string, tag: string): Promise<E2eUser> {
  const email = `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 7)}@example.com`;
  const client = await TestUser.signUp(baseUrl, name, email);
  const res = await client.fetch(`${baseUrl}/api/auth/get-session`);
  const session = (await res.json()) as { user?: { id: string } } | null;
  if (!session?.user?.id) throw new Error(`no session after signing up ${email}`);
  return { name, email, id: session.user.id, client };
}

/** Gives a browser context the user's session cookies, so its pages open signed in. */
export async function signInContext(context: BrowserContext, user: E2eUser, baseUrl: string): Promise<void> {
  const host = new URL(baseUrl).hostname;
  await context.addCookies([...user.client.cookies].map(([name, value]) => ({ name, value, domain: host, path: '/', httpOnly: true, sameSite: 'Lax' as const })));
}

/** Creates a workflow from a definition (through the import API, as a user would import a file). */
export async function seedWorkflow(owner: E2eUser, workspaceId: string, name: string, definition: WorkflowDefinitionInput): Promise<string> {
  const { workflow } = await owner.client.api.workflow.import.mutate({
    workspaceId,
    data: { format: 'flowforge.workflow', formatVersion: 1, name, definition },
  });
  return workflow.id;
}

/** The editor's URL for a workflow. */
export const editorPath = (workspaceId: string, workflowId: string) => `/w/${workspaceId}/workflows/${workflowId}`;
