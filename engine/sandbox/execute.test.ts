import { DEBUG_SYNC, type QuickJSRuntime, newQuickJSWASMModule } from 'quickjs-emscripten';
import { describe, expect, it } from 'vitest';
import { executeJob } from './execute.ts';
import type { SandboxJob } from './protocol.ts';

const job = (code: string, overrides: Partial<SandboxJob> = {}): SandboxJob => ({
  code,
  globalsJson: JSON.stringify({ items: [{ json: { a: 1 } }] }),
  timeoutMs: 10_000, // the DEBUG build is slow
  memoryLimitBytes: 16 * 1024 * 1024,
  maxStackBytes: 256 * 1024,
  maxResultChars: 1_000_000,
  maxLogLines: 10,
  maxLogLineChars: 1_000,
  ...overrides,
});

describe('executeJob (in-process, DEBUG build with leak detection)', () => {
  it('frees every handle, runtime and context on success and on every failure path', async () => {
    const debug = await newQuickJSWASMModule(DEBUG_SYNC);
    const runtimes: QuickJSRuntime[] = [];
    const module = {
      newRuntime: () => {
        const runtime = debug.newRuntime();
        runtimes.push(runtime);
        return runtime;
      },
    };
    const cases: Array<[SandboxJob, boolean | string]> = [
      [job('console.log("x"); return items.map((i) => i.json.a + 1)'), true],
      [job('return await Promise.resolve(3)'), true],
      [job('return'), true],
      [job('syntax error here'), 'SANDBOX_RUNTIME'],
      [job('throw new Error("boom")'), 'SANDBOX_RUNTIME'],
      [job('throw { notAnError: true }'), 'SANDBOX_RUNTIME'],
      [job('while (true) {}', { timeoutMs: 50 }), 'SANDBOX_TIMEOUT'],
      [job('const a = []; while (true) a.push({ x: [1, 2, 3] })', { memoryLimitBytes: 2 * 1024 * 1024, timeoutMs: 30_000 }), 'SANDBOX_MEMORY'],
      [job('return () => 1'), 'SANDBOX_RESULT'],
      [job('const o = {}; o.o = o; return o'), 'SANDBOX_RESULT'],
      [job('return "x".repeat(100)', { maxResultChars: 10 }), 'SANDBOX_RESULT'],
      [job('await new Promise(() => {})'), 'SANDBOX_RUNTIME'],
      [job('function f() { return f() } f()'), 'SANDBOX_RUNTIME'],
    ];
    for (const [input, expected] of cases) {
      const { outcome, unhealthy } = executeJob(module, input, () => {});
      expect(unhealthy).toBe(false);
      if (expected === true) expect([input.code, outcome]).toEqual([input.code, expect.objectContaining({ ok: true })]);
      else expect([input.code, outcome.ok ? 'ok' : outcome.error.code]).toEqual([input.code, expected]);
    }
    expect(runtimes).toHaveLength(cases.length);
    expect(runtimes.every((r) => !r.alive)).toBe(true);
    // The DEBUG build's leak sanitizer: no WASM allocation outlives its runtime.
    expect(debug.getFFI().QTS_RecoverableLeakCheck()).toBe(0);
  }, 60_000);
});
