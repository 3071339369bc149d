import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten';
import { SandboxErrorCode, type SandboxErrorData } from './errors.ts';
import type { SandboxJob, SandboxLogEntry, SandboxLogLevel, SandboxOutcome } from './protocol.ts';

/*
 * Runs one job in a fresh QuickJS runtime + context and disposes both, whatever happens.
 * Synchronous: called inside a worker thread (see worker.ts), whose host can terminate it if
 * QuickJS itself cannot be interrupted in time. This file must stay erasable TypeScript
 * (no enums or parameter properties): Node runs it in the worker without a build step.
 */

/** File name of the user's code in guest stack traces; lines are the user's own lines. */
const FILE_NAME = 'code.js';

/**
 * Installed before user code: `console`, the globals, and a serializer captured before user
 * code can replace `JSON.stringify`. Returns the serializer.
 */
const PRELUDE = `(function (hostLog, globalsJson, maxChars) {
  'use strict';
  const stringify = JSON.stringify;
  const format = (value) => {
    if (typeof value === 'string') return value;
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return '[Function ' + (value.name || 'anonymous') + ']';
    if (typeof value === 'bigint') return String(value) + 'n';
    if (typeof value === 'symbol') return String(value);
    if (value instanceof Error) return value.name + ': ' + value.message;
    try {
      const text = stringify(value);
      return text === undefined ? String(value) : text;
    } catch (error) {
      return String(value);
    }
  };
  const logger = (level) => (...args) => {
    let line = args.map(format).join(' ');
    if (line.length > maxChars) line = line.slice(0, maxChars) + '… (truncated)';
    hostLog(level, line);
  };
  globalThis.console = { log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug') };
  const globals = JSON.parse(globalsJson);
  for (const key of Object.keys(globals)) {
    Object.defineProperty(globalThis, key, { value: globals[key], writable: true, enumerable: true, configurable: true });
  }
  const notData = (what, key) =>
    new TypeError('the result contains a ' + what + (key === '' ? '' : ' (at key "' + key + '")') + ', which is not JSON data');
  return function serialize(value) {
    if (value === undefined) return undefined;
    return stringify(value, function (key, item) {
      const type = typeof item;
      if (type === 'function' || type === 'symbol' || type === 'bigint') throw notData(type, key);
      return item;
    });
  };
})`;

/** Bounded stack of handles to dispose in reverse order. */
class Handles {
  private readonly list: QuickJSHandle[] = [];

  add(handle: QuickJSHandle): QuickJSHandle {
    this.list.push(handle);
    return handle;
  }

  disposeAll(): void {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const handle = this.list[i]!;
      if (handle.alive) handle.dispose();
    }
    this.list.length = 0;
  }
}

type Phase = 'setup' | 'code' | 'result';

interface GuestError {
  name: string;
  message: string;
  stack: string;
}

export type LogSink = (entry: SandboxLogEntry) => void;

export interface ExecuteResult {
  outcome: SandboxOutcome;
  /** The runtime could not be disposed cleanly: the module may be corrupted, retire it. */
  unhealthy: boolean;
}

const LEVELS = new Set<SandboxLogLevel>(['log', 'info', 'warn', 'error', 'debug']);

/** What executeJob needs of a QuickJS module (a real one, or the leak-checking test wrapper). */
export type RuntimeFactory = Pick<QuickJSWASMModule, 'newRuntime'>;

/** Executes `job` in `module`; never throws for user errors (they become failed outcomes). */
export function executeJob(module: RuntimeFactory, job: SandboxJob, onLog: LogSink, now: () => number = Date.now): ExecuteResult {
  const deadline = now() + job.timeoutMs;
  let interrupted = false;
  let logLines = 0;
  let droppedLines = 0;
  const runtime = module.newRuntime();
  let unhealthy = false;
  let outcome: SandboxOutcome;
  try {
    runtime.setMemoryLimit(job.memoryLimitBytes);
    runtime.setMaxStackSize(job.maxStackBytes);
    runtime.setInterruptHandler(() => {
      if (now() > deadline) interrupted = true;
      return interrupted;
    });
    const context = runtime.newContext();
    const handles = new Handles();
    try {
      const hostLog = handles.add(
        context.newFunction('hostLog', (levelHandle, messageHandle) => {
          if (logLines >= job.maxLogLines) {
            droppedLines++;
            return;
          }
          logLines++;
          const level = context.getString(levelHandle) as SandboxLogLevel;
          onLog({ level: LEVELS.has(level) ? level : 'log', message: context.getString(messageHandle) });
        }),
      );
      outcome = run(context, job, handles, hostLog, () => interrupted);
    } finally {
      handles.disposeAll();
      context.dispose();
    }
  } catch (error) {
    // quickjs-emscripten itself failed (e.g. a WASM trap): report it and retire the module.
    unhealthy = true;
    outcome = fail(SandboxErrorCode.Runtime, `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    try {
      runtime.dispose();
    } catch {
      unhealthy = true;
    }
  }
  if (droppedLines > 0) onLog({ level: 'warn', message: `… ${droppedLines} more log lines were dropped (limit ${job.maxLogLines})` });
  return { outcome, unhealthy };
}

function run(context: QuickJSContext, job: SandboxJob, handles: Handles, hostLog: QuickJSHandle, wasInterrupted: () => boolean): SandboxOutcome {
  const classify = (errorHandle: QuickJSHandle, phase: Phase): SandboxOutcome =>
    fail(...describeFailure(readError(context, errorHandle), phase, job, wasInterrupted()));

  // 1. Prelude: console, globals, serializer.
  const preludeResult = context.evalCode(PRELUDE, 'prelude.js');
  if (preludeResult.error) return classify(handles.add(preludeResult.error), 'setup');
  const prelude = handles.add(preludeResult.value);
  const globalsJson = handles.add(context.newString(job.globalsJson));
  const maxChars = handles.add(context.newNumber(job.maxLogLineChars));
  const installed = context.callFunction(prelude, context.undefined, hostLog, globalsJson, maxChars);
  if (installed.error) return classify(handles.add(installed.error), 'setup');
  const serialize = handles.add(installed.value);

  // 2. The user's code, as the body of an async function (so `return` and `await` work).
  const started = context.evalCode(`(async () => {${job.code}\n})()`, FILE_NAME);
  if (started.error) return classify(handles.add(started.error), 'code');
  const promise = handles.add(started.value);

  // 3. Run promise jobs until the code's promise settles (there is no host I/O to wait for).
  let value: QuickJSHandle;
  for (;;) {
    const state = context.getPromiseState(promise);
    if (state.type === 'fulfilled') {
      value = state.notAPromise ? promise : handles.add(state.value);
      break;
    }
    if (state.type === 'rejected') return classify(handles.add(state.error), 'code');
    if (!context.runtime.hasPendingJob()) {
      return fail(SandboxErrorCode.Runtime, 'The code is waiting for a promise that never settles (timers and network are not available)');
    }
    const jobs = context.runtime.executePendingJobs();
    if (jobs.error) return classify(handles.add(jobs.error), 'code');
  }

  // 4. Serialize inside the guest, check the size, copy the JSON text out.
  const serialized = context.callFunction(serialize, context.undefined, value);
  if (serialized.error) return classify(handles.add(serialized.error), 'result');
  const json = handles.add(serialized.value);
  const type = context.typeof(json);
  if (type === 'undefined') return { ok: true, resultJson: undefined };
  if (type !== 'string') return fail(SandboxErrorCode.Result, 'The result could not be converted to JSON');
  const length = context.getNumber(handles.add(context.getProp(json, 'length')));
  if (length > job.maxResultChars) {
    return fail(SandboxErrorCode.Result, `The result is too large: ${formatSize(length)} of JSON, the limit is ${formatSize(job.maxResultChars)}`);
  }
  return { ok: true, resultJson: context.getString(json) };
}

/**
 * Reads a thrown guest value: `name`, `message` and `stack` when it is an object, otherwise its
 * text. Reading may run guest getters; they are still bound by the interrupt handler, and a
 * failure to read just leaves the field empty.
 */
function readError(context: QuickJSContext, handle: QuickJSHandle): GuestError {
  const text = (key: string): string => {
    try {
      const property = context.getProp(handle, key);
      try {
        return context.typeof(property) === 'string' ? context.getString(property).slice(0, 2000) : '';
      } finally {
        property.dispose();
      }
    } catch {
      return '';
    }
  };
  if (context.typeof(handle) === 'object' && !context.sameValue(handle, context.null)) {
    const name = text('name');
    const message = text('message');
    if (name !== '' || message !== '') return { name: name || 'Error', message, stack: text('stack') };
  }
  let shown: string;
  try {
    const dumped = context.dump(handle) as unknown;
    shown = typeof dumped === 'string' ? dumped : (JSON.stringify(dumped) ?? String(dumped));
  } catch {
    shown = 'a value that is not an Error';
  }
  return { name: 'Uncaught', message: shown.slice(0, 1000), stack: '' };
}

function describeFailure(error: GuestError, phase: Phase, job: SandboxJob, interrupted: boolean): [SandboxErrorData['code'], string, Position] {
  const position = positionOf(error.stack);
  if (interrupted) {
    return [SandboxErrorCode.Timeout, `The code did not finish within ${job.timeoutMs} ms`, position];
  }
  // When even the error object cannot be allocated, QuickJS throws `null`.
  const nullThrown = error.name === 'Uncaught' && error.message === 'null';
  if (nullThrown && phase === 'code') {
    return [SandboxErrorCode.Memory, `The code ran out of memory (limit ${formatSize(job.memoryLimitBytes, 'B')}) — or it threw null`, position];
  }
  if (/out of memory/i.test(error.message) || nullThrown) {
    const limit = formatSize(job.memoryLimitBytes, 'B');
    const what = phase === 'setup' ? 'The input data does not fit in' : phase === 'result' ? 'Serializing the result exceeded' : 'The code exceeded';
    return [SandboxErrorCode.Memory, `${what} the memory limit of ${limit}`, position];
  }
  if (phase === 'result') return [SandboxErrorCode.Result, `The result is not JSON data: ${error.message}`, position];
  const stackOverflow = /stack overflow|call stack/i.test(error.message);
  const label = stackOverflow ? 'RangeError: Maximum call stack size exceeded (too much recursion)' : `${error.name}: ${error.message}`;
  const where = position.line === undefined ? '' : ` (line ${position.line}${position.column === undefined ? '' : `, column ${position.column}`})`;
  return [SandboxErrorCode.Runtime, `${label}${where}`, position];
}

interface Position {
  line?: number;
  column?: number;
}

/** The first position in the user's file; column 1 of line 1 is shifted by the wrapper. */
function positionOf(stack: string): Position {
  const match = new RegExp(`${FILE_NAME.replace('.', '\\.')}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (match === null) return {};
  const line = Number(match[1]);
  const position: Position = { line };
  if (match[2] !== undefined) {
    const column = Number(match[2]) - (line === 1 ? '(async () => {'.length : 0);
    if (column >= 1) position.column = column;
  }
  return position;
}

function fail(code: SandboxErrorData['code'], message: string, position: Position = {}): SandboxOutcome {
  return { ok: false, error: { code, message, ...position } };
}

function formatSize(size: number, unit = ' characters'): string {
  if (size >= 1024 * 1024) return `${Math.round((size / (1024 * 1024)) * 10) / 10} M${unit === 'B' ? 'B' : unit}`;
  if (size >= 1024) return `${Math.round((size / 1024) * 10) / 10} K${unit === 'B' ? 'B' : unit}`;
  return `${size}${unit === 'B' ? ' bytes' : unit}`;
}
