import { publicProcedure, router } from '../trpc.ts';
import { memberRouter } from './member.ts';
import { runRouter } from './run.ts';
import { workflowRouter } from './workflow.ts';
import { workspaceRouter } from './workspace.ts';

export const appRouter = router({
  me: publicProcedure.query(({ ctx }) => ctx.user),
  workspace: workspaceRouter,
  member: memberRouter,
  workflow: workflowRouter,
  run: runRouter,
});

export type AppRouter = typeof appRouter;
