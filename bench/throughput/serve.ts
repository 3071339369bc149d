// Child process of bench/throughput/run.ts: the web process (pages off) on a fresh database,
// with the reference workflow active. Prints one JSON line with the webhook URL when ready.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Prisma } from '../../generated/prisma/client.ts';
import { startAppServer } from '../../server/app-server.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { seedWorkflow } from '../../server/testing/fixtures.ts';
import { activateVersion } from '../../server/triggers/activation.ts';
import { REFERENCE_FLOW } from './reference-flow.ts';

const [mode = 'embedded', databaseUrl] = process.argv.slice(2);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ff-tp-'));
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  NODE_ENV: 'production',
  FLOWFORGE_DATA_DIR: dataDir,
  LOG_LEVEL: 'error',
  ...(mode === 'scaled' ? { DATABASE_URL: databaseUrl!, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
});
const app = await startAppServer({
  config,
  logger: createLogger('error'),
  ...(process.env.FLOWFORGE_REDIS_PREFIX ? { redisPrefix: process.env.FLOWFORGE_REDIS_PREFIX } : {}),
  work: mode !== 'scaled',
});
const { workflow, version } = await seedWorkflow(app.db.prisma, REFERENCE_FLOW, {
  settings: { webhookRatePerMinute: 10_000_000 } as Prisma.InputJsonValue,
});
await activateVersion(app.db.prisma, workflow.id, version.id);
process.stdout.write(`${JSON.stringify({ hookUrl: `${app.url}/api/hooks/${workflow.id}/orders` })}\n`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
