/**
 * Micro-benchmark of the Code-node sandbox: `npx tsx engine/sandbox/benchmark.ts`.
 * Prints the cold start and the throughput of small calls (sequential and in parallel).
 */
import { createSandbox } from '../../engine/sandbox/index.ts';

const sandbox = createSandbox();
const limits = { timeoutMs: 1_000, memoryLimitBytes: 64 * 1024 * 1024 };
const items = Array.from({ length: 100 }, (_, i) => ({ json: { id: i, price: i * 1.5, qty: 2 } }));
const code = 'return items.map(({ json }) => ({ ...json, total: json.price * json.qty }));';

let started = performance.now();
await sandbox.run(code, { items }, limits);
const cold = performance.now() - started;

started = performance.now();
for (let i = 0; i < 200; i++) await sandbox.run(code, { items }, limits);
const sequential = 200 / ((performance.now() - started) / 1000);

started = performance.now();
await Promise.all(Array.from({ length: 200 }, () => sandbox.run(code, { items }, limits)));
const parallel = 200 / ((performance.now() - started) / 1000);

console.table([
  { measure: 'first call (worker start + WASM compile)', value: `${cold.toFixed(0)} ms` },
  { measure: 'sequential calls, 100 items', value: `${sequential.toFixed(0)} calls/s` },
  { measure: `parallel calls, 100 items (${sandbox.stats().workers} workers)`, value: `${parallel.toFixed(0)} calls/s` },
]);
await sandbox.close();
