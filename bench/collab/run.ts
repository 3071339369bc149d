// Multiplayer load: simulated editors over WebSocket, in processes of their own (not the
// server's), on 50 documents, each editor dragging a node at 10 Hz. Prints fan-out latency
// (sender → each peer) p50/p95/p99, the server's CPU and memory per open document, for
// N = 100, 250, 500 editors; then the load time of a 1,000-node document.
//   npx tsx bench/collab/run.ts [pglite|postgres] [seconds=10] [editors=100,250,500] [clientProcesses=2] [light|provider]
// SERVER_NODE_ARGS and CLIENT_NODE_ARGS (e.g. --cpu-prof) are passed to the server and editor processes.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { openDoc } from '../../server/collab/testing/collab-client.ts';

const target = process.argv[2] ?? 'pglite';
const seconds = Number(process.argv[3] ?? 10);
const sizes = (process.argv[4] ?? '100,250,500').split(',').map(Number);
const clientProcesses = Number(process.argv[5] ?? 2);
const mode = process.argv[6] === 'provider' ? 'provider' : 'light';
const DOCUMENTS = 50;
const HZ = 10;
const WARMUP_MS = 3_000;

type ServerInfo = { url: string; cookie: string; workflowIds: string[]; bigWorkflowId: string };
type Stats = { cpuMs: number; at: number; rss: number; heapUsed: number; external: number; documents: number; connections: number };

const nodeArgs = ['--import', 'tsx'];
const env = { ...process.env, NODE_OPTIONS: '--disable-warning=ExperimentalWarning' };

function lineReader(child: ChildProcess) {
  const it = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return async <T>(): Promise<T> => {
    const next = await it.next();
    if (next.done) throw new Error('child exited');
    return JSON.parse(next.value as string) as T;
  };
}

const serverArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const server = spawn(process.execPath, ['--expose-gc', ...serverArgs, ...nodeArgs, 'bench/collab/serve.ts', target, String(DOCUMENTS)], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  env,
});
const info = await lineReader(server)<ServerInfo>();
const stats = (gc = false) =>
  new Promise<Stats>((resolve) => {
    server.once('message', (m: Stats & { type: string }) => resolve(m));
    server.send({ type: 'stats', gc });
  });
const waitFor = async (check: () => Promise<boolean>) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
};
const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;
const kb = (bytes: number) => Math.round(bytes / 1024);

async function measure(editors: number) {
  const base = await stats(true);
  const per = Math.ceil(editors / clientProcesses);
  const clients = Array.from({ length: clientProcesses }, (_, i) => {
    const clientArgs = (process.env.CLIENT_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...clientArgs, ...nodeArgs, 'bench/collab/editors.ts'], { stdio: ['pipe', 'pipe', 'inherit'], env });
    const count = Math.min(per, editors - i * per);
    child.stdin!.write(`${JSON.stringify({ url: info.url, cookie: info.cookie, workflowIds: info.workflowIds, editors: count, offset: i * per, hz: HZ, mode })}\n`);
    return { child, read: lineReader(child) };
  });
  await Promise.all(clients.map((c) => c.read()));
  const open = await stats(true);

  const start = performance.timeOrigin + performance.now() + 200;
  const recordFrom = start + WARMUP_MS;
  const recordTo = recordFrom + seconds * 1000;
  for (const c of clients) c.child.stdin!.write(`${JSON.stringify({ go: { recordFrom, recordTo } })}\n`);
  const results = clients.map((c) => c.read<{ sent: number; samples: number[]; cpuMs: number }>());
  await new Promise((r) => setTimeout(r, recordFrom - (performance.timeOrigin + performance.now())));
  const s1 = await stats();
  await new Promise((r) => setTimeout(r, recordTo - (performance.timeOrigin + performance.now())));
  const s2 = await stats();
  const outputs = await Promise.all(results);
  for (const c of clients) c.child.stdin!.write(`${JSON.stringify({ quit: true })}\n`);
  await Promise.all(clients.map((c) => new Promise((r) => c.child.once('exit', r))));
  await waitFor(async () => (await stats()).documents === 0);

  const all = new Float64Array(outputs.reduce((n, o) => n + o.samples.length, 0));
  let i = 0;
  for (const o of outputs) for (const v of o.samples) all[i++] = v;
  all.sort();
  const sent = outputs.reduce((n, o) => n + o.sent, 0);
  const peers = editors / DOCUMENTS - 1;
  const cpuPct = ((s2.cpuMs - s1.cpuMs) / (s2.at - s1.at)) * 100;
  return {
    editors,
    'updates/s': Math.round(sent / seconds),
    deliveries: all.length,
    'delivered %': Math.round((all.length / Math.max(1, sent * peers)) * 1000) / 10,
    'p50 ms': percentile(all, 50),
    'p95 ms': percentile(all, 95),
    'p99 ms': percentile(all, 99),
    'max ms': all[all.length - 1] ?? NaN,
    'server CPU %': Math.round(cpuPct),
    // Measured from the start of the window to the end of the run (~0.3 s more), so slightly high.
    'editors CPU %': Math.round((outputs.reduce((n, o) => n + o.cpuMs, 0) / (seconds * 1000 + 300)) * 100),
    'CPU %/doc': Math.round((cpuPct / DOCUMENTS) * 100) / 100,
    'heap KB/doc': kb((open.heapUsed - base.heapUsed) / DOCUMENTS),
    'RSS MB': mb(s2.rss),
  };
}

async function loadTimes(trials = 5) {
  const once = async () => {
    const t0 = performance.now();
    const client = openDoc({ baseUrl: info.url, cookie: info.cookie }, info.bigWorkflowId);
    await client.synced;
    const ms = performance.now() - t0;
    return { client, ms };
  };
  const cold: number[] = [];
  for (let i = 0; i < trials; i++) {
    const { client, ms } = await once();
    cold.push(ms);
    client.destroy();
    await waitFor(async () => (await stats()).documents === 0);
  }
  const keeper = await once();
  const warm: number[] = [];
  for (let i = 0; i < trials; i++) {
    const { client, ms } = await once();
    warm.push(ms);
    client.destroy();
  }
  keeper.client.destroy();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const nodes = 1000;
  return { nodes, 'cold load ms (median)': Math.round(median(cold)), 'warm load ms (median)': Math.round(median(warm)), 'cold runs': cold.map(Math.round).join(' '), 'warm runs': warm.map(Math.round).join(' ') };
}

try {
  const rows = [];
  for (const n of sizes) rows.push(await measure(n));
  const load = await loadTimes();
  console.log(`\nCollab fan-out on ${target}: ${DOCUMENTS} documents, each editor drags a node at ${HZ} Hz; ${seconds}s measured after ${WARMUP_MS / 1000}s warm-up; ${mode} editors in ${clientProcesses} processes; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.table(rows);
  console.log('\nLoad of a 1,000-node document (provider created → synced; cold = server loads it from the database)');
  console.table([load]);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}
