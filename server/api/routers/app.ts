import { publicProcedure, router } from '../trpc.ts';
import { collabRouter } from './collab.ts';
import { copilotRouter } from './copilot.ts';
import { credentialRouter } from './credential.ts';
import { dataTableRouter } from './data-table.ts';
import { memberRouter } from './member.ts';
import { nodeTypeRouter } from './node-type.ts';
import { outreachRouter } from './outreach.ts';
import { runRouter } from './run.ts';
import { versionRouter } from './version.ts';
import { workflowRouter } from './workflow.ts';
import { workspaceRouter } from './workspace.ts';

export const appRouter = router({
  me: publicProcedure.query(({ ctx }) => ctx.user),
  workspace: workspaceRouter,
  member: memberRouter,
  workflow: workflowRouter,
  run: runRouter,
  version: versionRouter,
  collab: collabRouter,
  nodeType: nodeTypeRouter,
  credential: credentialRouter,
  copilot: copilotRouter,
  dataTable: dataTableRouter,
  outreach: outreachRouter,
});

export type AppRouter = typeof appRouter;
