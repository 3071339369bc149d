// The FlowForge web process: one port for pages, API, auth and (later) realtime.
import { startAppServer } from './app-server.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { createLogger } from './logger.ts';
import { seedDemo } from './seed-demo.ts';

const t0 = performance.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const log = createLogger(config.logLevel, { proc: 'web' });

try {
  const app = await startAppServer({
    config,
    withNext: process.env.FLOWFORGE_NO_PAGES !== '1',
    logger: log,
    ...(config.httpAllowList.length ? { httpAllowList: config.httpAllowList } : {}),
  });
  const mode = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  let demo = null;
  if (config.seedDemo) demo = await seedDemo(app.db.prisma, app.auth, config.dataDir);
  log.info('ready', { url: config.publicUrl, database: app.db.kind, startupMs: Math.round(performance.now() - t0) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const lines = [`FlowForge is running at ${config.publicUrl} (${mode})`];
  if (demo?.password) lines.push(`Sign in as ${demo.email} with password ${demo.password}`);
  else if (demo) lines.push(`Sign in with your account, or as ${demo.email} if you kept its password.`);
  process.stderr.write(`\n  ${lines.join('\n  ')}\n\n`);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(`\n  ${err.message}\n`);
    process.exit(1);
  }
  log.error('failed to start', { err });
  console.error(err);
  process.exit(1);
}
