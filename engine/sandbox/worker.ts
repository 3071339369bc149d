import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { type QuickJSWASMModule, RELEASE_SYNC, newQuickJSWASMModule, newVariant } from 'quickjs-emscripten';
import { executeJob } from './execute.ts';
import { wasmMemoryPages } from './memory.ts';
import type { HostMessage, WorkerMessage } from './protocol.ts';

/*
 * Worker-thread entry of the sandbox pool; runs one job at a time. Runs as erasable TypeScript
 * under Node's type stripping.
 *
 * Memory: QuickJS' own limit does not cover every allocation (large ArrayBuffers and array
 * growth escape it), so QuickJS is instantiated on a WebAssembly.Memory whose maximum is
 * derived from the job's limit: no allocation can go past it. The compiled module is shared;
 * an instance (with its memory) is reused by following jobs with the same limit.
 * Time: the host terminates this thread when a job overruns (see pool.ts).
 */

/** An instance whose memory grew past this is dropped after its job. */
const KEEP_INSTANCE_BELOW_BYTES = 160 * 1024 * 1024;

const port = parentPort;
if (port === null) throw new Error('engine/sandbox/worker.ts must run in a worker thread');

const require = createRequire(import.meta.url);
const fromQuickJS = createRequire(require.resolve('quickjs-emscripten'));
const wasmModule = await WebAssembly.compile(await readFile(fromQuickJS.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));

let instance: { module: QuickJSWASMModule; maximumPages: number } | null = null;

async function moduleFor(memoryLimitBytes: number): Promise<QuickJSWASMModule> {
  const { initial, maximum } = wasmMemoryPages(memoryLimitBytes);
  if (instance !== null && instance.maximumPages === maximum) return instance.module;
  instance = null;
  const memory = new WebAssembly.Memory({ initial, maximum });
  const module = await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmModule, wasmMemory: memory }));
  instance = { module, maximumPages: maximum };
  return module;
}

let queue: Promise<void> = Promise.resolve();

port.on('message', (message: HostMessage) => {
  if (message.type !== 'run') return;
  queue = queue.then(async () => {
    const { id, job } = message;
    const module = await moduleFor(job.memoryLimitBytes);
    const { outcome, unhealthy } = executeJob(module, job, (entry) => {
      port.postMessage({ type: 'log', id, entry } satisfies WorkerMessage);
    });
    if (unhealthy || module.getWasmMemory().buffer.byteLength > KEEP_INSTANCE_BELOW_BYTES) instance = null;
    port.postMessage({ type: 'done', id, outcome, retire: false } satisfies WorkerMessage);
  });
});

port.postMessage({ type: 'ready' } satisfies WorkerMessage);
