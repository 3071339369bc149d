/**
 * engine/sandbox — runs the JavaScript of Code nodes.
 *
 * `runInSandbox(code, globals, { timeoutMs, memoryLimitBytes, onLog? })`:
 * - `code` is the body of an async function: it may `return` a value, use `await` on promises
 *   created inside the guest, `const`, loops, functions, JSON, Math, Date, RegExp… There are no
 *   timers, no network, no file system, no `process`/`require`/`import()` of anything.
 * - Each key of `globals` (JSON-serialisable) is a global variable (e.g. `items`, `$json`).
 *   Data crosses the boundary only as JSON text, never as live handles or host functions.
 * - The return value must be JSON data: `undefined` → `undefined`; functions, symbols,
 *   BigInts or cycles anywhere → SANDBOX_RESULT; JSON longer than `maxResultBytes` (default
 *   10 Mi characters) → SANDBOX_RESULT. Keys named `__proto__` are dropped from the result.
 * - `console.log/info/warn/error/debug` lines go to `opts.onLog` as `{ level, message }`
 *   (at most `maxLogLines`, default 1000, each cut at 10 000 characters).
 * - Errors are `SandboxError` with `code`: SANDBOX_TIMEOUT (past `timeoutMs`), SANDBOX_MEMORY
 *   (past `memoryLimitBytes`), SANDBOX_RUNTIME (the user's exception or syntax error: message,
 *   `line`, `column`; also stack overflow), SANDBOX_RESULT.
 *
 * How: QuickJS compiled to WebAssembly (quickjs-emscripten), a fresh runtime + context per
 * call with a memory limit, a stack limit and an interrupt handler at the deadline, all
 * disposed after the call. Calls run in a pool of worker threads (one call per worker at a
 * time, in parallel across workers), so the host event loop stays responsive while user code
 * runs. QuickJS polls its interrupt handler only between bytecodes, so a loop around a slow
 * native call (a 10 MB `indexOf`) can overrun the deadline: the pool then terminates the
 * worker `killGraceMs` (default 500 ms) after the timeout and starts a fresh one. Worker
 * threads have a large native stack so deep recursion ends in a guest RangeError, never in a
 * host crash; a worker that crashes anyway is replaced and the call fails with SANDBOX_RUNTIME.
 * Workers start on first use (~50 ms), stop after 30 s idle, and never keep the process alive.
 */
export { SandboxError, SandboxErrorCode, type SandboxErrorData } from './errors.ts';
export type { SandboxLogEntry, SandboxLogLevel } from './protocol.ts';
export { createSandbox, runInSandbox, type Sandbox, type SandboxConfig, type SandboxOptions } from './sandbox.ts';
