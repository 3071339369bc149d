import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAppServer, type AppServer, type StartOptions } from '../app-server.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase, type DatabaseTarget, type TestDatabase } from './test-databases.ts';

export type TestServer = AppServer & { database: TestDatabase; stop(): Promise<void> };

/** The API server (no Next pages) on a random port, on its own fresh database. */
/** Fixed in tests so they can write encrypted credentials directly. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 11);

export type TestServerOptions = Omit<StartOptions, 'config' | 'database'> & { redisUrl?: string; database?: TestDatabase };

export async function startTestServer(target: DatabaseTarget, opts: TestServerOptions = {}): Promise<TestServer> {
  const { redisUrl, database: given, ...rest } = opts;
  const database = given ?? (await createTestDatabase(target));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ff-srv-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FLOWFORGE_DATA_DIR: dataDir,
    NODE_ENV: 'test',
    FLOWFORGE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY.toString('base64'),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  });
  const app = await startAppServer({
    logger: createLogger('error'),
    ...rest,
    config,
    database,
    // Tests sign many users up from one address; the rate-limit test asks for a low budget.
    signInPerMinute: opts.signInPerMinute ?? 100_000,
    httpAllowList: opts.httpAllowList ?? ['127.0.0.1', 'localhost'],
  });
  // Cookies and CSRF checks compare against the public URL, so it must match the real port.
  return {
    ...app,
    database,
    stop: async () => {
      await app.close();
      if (!given) await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
