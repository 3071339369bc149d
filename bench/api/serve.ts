// Child process of bench/api/run.ts: an API server on a fresh database, seeded with one user
// and a workspace of workflows. Prints one JSON line (url, cookie, workspaceId) when ready.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAppServer } from '../../server/app-server.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { TestUser } from '../../server/testing/api-client.ts';
import { createTestDatabase, type DatabaseTarget } from '../../server/testing/test-databases.ts';

const target = (process.argv[2] ?? 'pglite') as DatabaseTarget;
const workflows = Number(process.argv[3] ?? 200);
const database = await createTestDatabase(target);
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', FLOWFORGE_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'ff-bench-')) });
const app = await startAppServer({ config, database, logger: createLogger('error'), signInPerMinute: 1_000_000 });
const user = await TestUser.signUp(app.url, 'Bench', 'bench@example.com');
const [ws] = await user.api.workspace.list.query();
for (let i = 0; i < workflows; i++) {
  await user.api.workflow.create.mutate({ workspaceId: ws!.id, name: `Workflow ${i}`, description: `seeded #${i}` });
}
const cookie = [...user.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
process.stdout.write(`${JSON.stringify({ url: app.url, cookie, workspaceId: ws!.id })}\n`);
const stop = async () => {
  await app.close();
  await database.destroy();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
