import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAppServer } from '../../server/app-server.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { TestUser } from '../../server/testing/api-client.ts';
import { createTestDatabase, type DatabaseTarget } from '../../server/testing/test-databases.ts';

/**
 * For a benchmark's server child process: the app on a fresh database with one signed-in
 * user and their workspace. SIGTERM/SIGINT close the server, drop the database and exit.
 */
export async function startBenchServer(target: DatabaseTarget) {
  const database = await createTestDatabase(target);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ff-bench-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', FLOWFORGE_DATA_DIR: dataDir });
  const app = await startAppServer({ config, database, logger: createLogger('error'), signInPerMinute: 1_000_000 });
  const user = await TestUser.signUp(app.url, 'Bench', 'bench@example.com');
  const [workspace] = await user.api.workspace.list.query();
  const cookie = [...user.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const stop = async () => {
    await app.close();
    await database.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  return { app, database, user, workspaceId: workspace!.id, cookie };
}
