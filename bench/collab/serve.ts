// Child process of bench/collab/run.ts: the app server (collab included) on a fresh database,
// seeded with one editor account, 50 small workflows and one 1,000-node workflow. Prints one
// JSON line when ready, then answers `stats` requests over IPC with its CPU time and memory.
//   node --expose-gc --import tsx bench/collab/serve.ts [pglite|postgres] [documents=50]
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stateFromDefinition } from '../../server/workflows/workflow-content.ts';
import { startAppServer } from '../../server/app-server.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { TestUser } from '../../server/testing/api-client.ts';
import { createTestDatabase, type DatabaseTarget } from '../../server/testing/test-databases.ts';
import { benchDefinition } from './workflows.ts';

const target = (process.argv[2] ?? 'pglite') as DatabaseTarget;
const documents = Number(process.argv[3] ?? 50);
const database = await createTestDatabase(target);
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', FLOWFORGE_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'ff-bench-')) });
const app = await startAppServer({ config, database, logger: createLogger('error'), signInPerMinute: 1_000_000 });
const user = await TestUser.signUp(app.url, 'Bench', 'bench@example.com');
const [ws] = await user.api.workspace.list.query();
const me = (await user.api.me.query())!;

const ids = Array.from({ length: documents }, () => crypto.randomUUID());
await database.prisma.workflow.createMany({
  data: ids.map((id, i) => ({ id, workspaceId: ws!.id, name: `Doc ${i}`, createdById: me.id, ydoc: stateFromDefinition(benchDefinition(20)) })),
});
const bigId = crypto.randomUUID();
await database.prisma.workflow.create({
  data: { id: bigId, workspaceId: ws!.id, name: 'Big', createdById: me.id, ydoc: stateFromDefinition(benchDefinition(1000)) },
});

const cookie = [...user.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
process.stdout.write(`${JSON.stringify({ url: app.url, cookie, workflowIds: ids, bigWorkflowId: bigId })}\n`);

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (msg: { type: string; gc?: boolean }) => {
  if (msg.type !== 'stats') return;
  if (msg.gc) gc?.();
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  process.send?.({ type: 'stats', cpuMs: (cpu.user + cpu.system) / 1000, at: performance.now(), rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, ...app.collab.stats() });
});

const stop = async () => {
  await app.close();
  await database.destroy();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
