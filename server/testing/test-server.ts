import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAppServer, type AppServer } from '../app-server.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase, type DatabaseTarget, type TestDatabase } from './test-databases.ts';

export type TestServer = AppServer & { database: TestDatabase; stop(): Promise<void> };

/** The API server (no Next pages) on a random port, on its own fresh database. */
export async function startTestServer(target: DatabaseTarget, opts: { signInPerMinute?: number } = {}): Promise<TestServer> {
  const database = await createTestDatabase(target);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ff-srv-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', FLOWFORGE_DATA_DIR: dataDir, NODE_ENV: 'test' });
  const app = await startAppServer({
    config,
    database,
    logger: createLogger('error'),
    // Tests sign many users up from one address; the rate-limit test asks for a low budget.
    signInPerMinute: opts.signInPerMinute ?? 100_000,
  });
  // Cookies and CSRF checks compare against the public URL, so it must match the real port.
  return {
    ...app,
    database,
    stop: async () => {
      await app.close();
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
