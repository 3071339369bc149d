// Child process of bench/api/run.ts: an API server on a fresh database, seeded with one user
// and a workspace of workflows. Prints one JSON line (url, cookie, workspaceId) when ready.
import type { DatabaseTarget } from '../../server/testing/test-databases.ts';
import { startBenchServer } from '../lib/bench-server.ts';

const target = (process.argv[2] ?? 'pglite') as DatabaseTarget;
const workflows = Number(process.argv[3] ?? 200);
const { app, user, workspaceId, cookie } = await startBenchServer(target);
for (let i = 0; i < workflows; i++) {
  await user.api.workflow.create.mutate({ workspaceId, name: `Workflow ${i}`, description: `seeded #${i}` });
}
process.stdout.write(`${JSON.stringify({ url: app.url, cookie, workspaceId })}\n`);
