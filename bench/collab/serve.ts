// Child process of bench/collab/run.ts: the app server (collab included) on a fresh database,
// seeded with one editor account, 50 small workflows and one 1,000-node workflow. Prints one
// JSON line when ready, then answers `stats` requests over IPC with its CPU time and memory.
//   node --expose-gc --import tsx bench/collab/serve.ts [pglite|postgres] [documents=50]
import { stateFromDefinition } from '../../server/workflows/workflow-content.ts';
import type { DatabaseTarget } from '../../server/testing/test-databases.ts';
import { startBenchServer } from '../lib/bench-server.ts';
import { benchDefinition } from './workflows.ts';

const target = (process.argv[2] ?? 'pglite') as DatabaseTarget;
const documents = Number(process.argv[3] ?? 50);
const { app, database, user, workspaceId, cookie } = await startBenchServer(target);
const me = (await user.api.me.query())!;

const ids = Array.from({ length: documents }, () => crypto.randomUUID());
await database.prisma.workflow.createMany({
  data: ids.map((id, i) => ({ id, workspaceId, name: `Doc ${i}`, createdById: me.id, ydoc: stateFromDefinition(benchDefinition(20)) })),
});
const bigId = crypto.randomUUID();
await database.prisma.workflow.create({
  data: { id: bigId, workspaceId, name: 'Big', createdById: me.id, ydoc: stateFromDefinition(benchDefinition(1000)) },
});

process.stdout.write(`${JSON.stringify({ url: app.url, cookie, workflowIds: ids, bigWorkflowId: bigId })}\n`);

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (msg: { type: string; gc?: boolean }) => {
  if (msg.type !== 'stats') return;
  if (msg.gc) gc?.();
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  process.send?.({ type: 'stats', cpuMs: (cpu.user + cpu.system) / 1000, at: performance.now(), rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, ...app.collab.stats() });
});
