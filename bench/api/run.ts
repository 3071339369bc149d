// p50/p95/p99 of `workflow.list` (25 per page out of 200 workflows) under 50 concurrent HTTP
// clients, embedded PGlite and PostgreSQL side by side. The server runs in its own process so
// the load generator does not share its event loop.
//   npx tsx bench/api/run.ts [seconds=15] [connections=50]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import superjson from 'superjson';
import { runLoad } from '../lib/load.ts';

const seconds = Number(process.argv[2] ?? 15);
const connections = Number(process.argv[3] ?? 50);

async function startServer(target: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api/serve.ts', target, '200'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '--disable-warning=ExperimentalWarning' },
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { url: string; cookie: string; workspaceId: string }) };
}

async function measure(target: string) {
  const server = await startServer(target);
  try {
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ workspaceId: server.workspaceId, limit: 25 })));
    const url = `${server.url}/api/trpc/workflow.list?input=${input}`;
    const probe = await fetch(url, { headers: { cookie: server.cookie } });
    if (!probe.ok) throw new Error(`probe failed: ${probe.status} ${await probe.text()}`);
    const headers = { cookie: server.cookie };
    await runLoad({ url, headers, connections, durationMs: 3000 }); // warm-up
    return { target, connections, ...(await runLoad({ url, headers, connections, durationMs: seconds * 1000 })) };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }
}

const rows = [];
for (const target of ['pglite', 'postgres']) rows.push(await measure(target));
console.log(`\nworkflow.list: ${seconds}s per row after a 3s warm-up; latency in ms`);
console.table(rows);
