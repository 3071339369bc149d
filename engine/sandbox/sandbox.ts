import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { SandboxError, SandboxErrorCode } from './errors.ts';
import { MAX_MEMORY_LIMIT_BYTES } from './memory.ts';
import { SandboxPool } from './pool.ts';
import type { SandboxJob, SandboxLogEntry } from './protocol.ts';

/** Per-call limits and hooks of `runInSandbox`. */
export interface SandboxOptions {
  /** Wall-clock limit of the run (setup, code, promise jobs and serializing the result). */
  timeoutMs: number;
  /** Heap limit of the guest (QuickJS runtime), including the parsed `globals`. */
  memoryLimitBytes: number;
  /** Receives each `console.log/info/warn/error/debug` line while the code runs. */
  onLog?: (entry: SandboxLogEntry) => void;
  /** Largest accepted JSON text of the result, in characters (default 10 Mi). */
  maxResultBytes?: number;
  /** Log lines passed to `onLog` (default 1000; the rest are counted in one final line). */
  maxLogLines?: number;
}

/** Settings of a sandbox instance (its worker pool). */
export interface SandboxConfig {
  /** Worker threads running code in parallel (default: CPUs − 1, between 1 and 4). */
  poolSize?: number;
  /** Extra time after `timeoutMs` before an unresponsive worker is terminated (default 500 ms). */
  killGraceMs?: number;
  /** Idle workers stop after this long (default 30 s). */
  idleTimeoutMs?: number;
}

export interface Sandbox {
  run(code: string, globals: Record<string, unknown>, opts: SandboxOptions): Promise<unknown>;
  /** Stops all workers; pending and later runs fail with SANDBOX_RUNTIME. */
  close(): Promise<void>;
  stats(): { workers: number; busy: number; queued: number };
}

/** QuickJS stack limit; the worker thread's native stack is 64× larger so QuickJS trips first. */
const GUEST_STACK_BYTES = 512 * 1024;
const WORKER_STACK_MB = 32;
const DEFAULT_MAX_RESULT = 10 * 1024 * 1024;
const MAX_LOG_LINE_CHARS = 10_000;

const optionsSchema = z.object({
  timeoutMs: z.number().int().min(1).max(10 * 60_000),
  memoryLimitBytes: z.number().int().min(1024 * 1024).max(MAX_MEMORY_LIMIT_BYTES),
  onLog: z.custom<(entry: SandboxLogEntry) => void>((v) => v === undefined || typeof v === 'function').optional(),
  maxResultBytes: z.number().int().min(1).max(512 * 1024 * 1024).optional(),
  maxLogLines: z.number().int().min(0).max(1_000_000).optional(),
});

function parseOptions(opts: SandboxOptions): z.infer<typeof optionsSchema> {
  const parsed = optionsSchema.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`Invalid sandbox options: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** JSON text → value; `__proto__` keys are dropped so no consumer can be tricked into changing a prototype. */
function parseResult(json: string | undefined): unknown {
  if (json === undefined) return undefined;
  if (!json.includes('"__proto__"')) return JSON.parse(json);
  return JSON.parse(json, (key, value: unknown) => (key === '__proto__' ? undefined : value));
}

export function createSandbox(config: SandboxConfig = {}): Sandbox {
  const pool = new SandboxPool({
    size: config.poolSize ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    workerUrl: new URL('./worker.ts', import.meta.url),
    idleTimeoutMs: config.idleTimeoutMs ?? 30_000,
    killGraceMs: config.killGraceMs ?? 500,
    stackSizeMb: WORKER_STACK_MB,
    maxOldGenerationSizeMb: 512,
  });

  return {
    async run(code, globals, opts) {
      const options = parseOptions(opts);
      if (typeof code !== 'string') throw new TypeError('Sandbox code must be a string');
      let globalsJson: string | undefined;
      try {
        globalsJson = JSON.stringify(globals ?? {});
      } catch (error) {
        throw new SandboxError(SandboxErrorCode.Runtime, `The input data is not JSON-serialisable: ${(error as Error).message}`, { cause: error });
      }
      if (globalsJson === undefined || !globalsJson.startsWith('{')) throw new TypeError('Sandbox globals must be a plain object');
      const job: SandboxJob = {
        code,
        globalsJson,
        timeoutMs: options.timeoutMs,
        memoryLimitBytes: options.memoryLimitBytes,
        maxStackBytes: GUEST_STACK_BYTES,
        maxResultChars: options.maxResultBytes ?? DEFAULT_MAX_RESULT,
        maxLogLines: options.maxLogLines ?? 1000,
        maxLogLineChars: MAX_LOG_LINE_CHARS,
      };
      const onLog = options.onLog;
      const outcome = await pool.run(job, (entry) => onLog?.(entry));
      if (!outcome.ok) throw SandboxError.from(outcome.error);
      return parseResult(outcome.resultJson);
    },
    close: () => pool.close(),
    stats: () => pool.stats(),
  };
}

let shared: Sandbox | undefined;

/**
 * Runs `code` (a function body) with each key of `globals` as a global variable and returns
 * what it returns, as plain JSON data. See the module documentation in index.ts.
 */
export function runInSandbox(code: string, globals: Record<string, unknown>, opts: SandboxOptions): Promise<unknown> {
  shared ??= createSandbox();
  return shared.run(code, globals, opts);
}
