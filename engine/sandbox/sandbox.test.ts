import { afterAll, describe, expect, it } from 'vitest';
import { type SandboxLogEntry, SandboxError, createSandbox, runInSandbox } from './index.ts';

const MB = 1024 * 1024;
const limits = { timeoutMs: 2_000, memoryLimitBytes: 32 * MB };
const sandbox = createSandbox({ poolSize: 3 });
afterAll(() => sandbox.close());

const items = [{ json: { name: 'Ann', price: 2, qty: 3 } }, { json: { name: 'Bob', price: 5, qty: 1 } }];

async function failure(promise: Promise<unknown>): Promise<SandboxError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxError);
    return error as SandboxError;
  }
  throw new Error('expected the sandbox call to fail');
}

describe('runInSandbox: normal use', () => {
  it('returns transformed items', async () => {
    const result = await runInSandbox('return items.map(({ json }) => ({ ...json, total: json.price * json.qty }));', { items }, limits);
    expect(result).toEqual([
      { name: 'Ann', price: 2, qty: 3, total: 6 },
      { name: 'Bob', price: 5, qty: 1, total: 5 },
    ]);
  });

  it('supports the language and its standard library', async () => {
    const code = `
      const out = [];
      for (let i = 0; i < 3; i++) out.push(i * 2);
      function square(x) { return x * x; }
      class Box { constructor(v) { this.v = v; } get double() { return this.v * 2; } }
      const date = new Date(Date.UTC(2024, 0, 2));
      return {
        out, sq: square(7), box: new Box(4).double, max: Math.max(...out), json: JSON.parse(JSON.stringify({ a: [1] })),
        iso: date.toISOString(), re: 'a1b22'.match(/\\d+/g), set: [...new Set([1, 1, 2])], $json, first: items[0].json.name,
      };`;
    expect(await sandbox.run(code, { items, $json: items[0]!.json }, limits)).toEqual({
      out: [0, 2, 4], sq: 49, box: 8, max: 4, json: { a: [1] }, iso: '2024-01-02T00:00:00.000Z', re: ['1', '22'], set: [1, 2],
      $json: items[0]!.json, first: 'Ann',
    });
  });

  it('supports async code awaiting promises made in the guest', async () => {
    const code = 'const wait = (v) => new Promise((r) => r(v)); const a = await wait(2); const b = await Promise.all([wait(3), 4]); return a + b[0] + b[1];';
    expect(await sandbox.run(code, {}, limits)).toBe(9);
  });

  it('returns undefined, null, primitives and drops nested undefined like JSON', async () => {
    expect(await sandbox.run('', {}, limits)).toBeUndefined();
    expect(await sandbox.run('return null', {}, limits)).toBeNull();
    expect(await sandbox.run('return "x"', {}, limits)).toBe('x');
    expect(await sandbox.run('return { a: undefined, b: [undefined] }', {}, limits)).toEqual({ b: [null] });
  });

  it('captures console output through onLog', async () => {
    const logs: SandboxLogEntry[] = [];
    const code = `console.log('hello', { a: 1 }, [1, 2], undefined, 3n);
      console.warn('careful'); console.error(new TypeError('bad')); console.info('i'); console.debug('d');
      console.log(() => 1); return 1;`;
    await sandbox.run(code, {}, { ...limits, onLog: (entry) => logs.push(entry) });
    expect(logs).toEqual([
      { level: 'log', message: 'hello {"a":1} [1,2] undefined 3n' },
      { level: 'warn', message: 'careful' },
      { level: 'error', message: 'TypeError: bad' },
      { level: 'info', message: 'i' },
      { level: 'debug', message: 'd' },
      { level: 'log', message: '[Function anonymous]' },
    ]);
  });

  it('limits the number and length of log lines', async () => {
    const logs: SandboxLogEntry[] = [];
    await sandbox.run("for (let i = 0; i < 50; i++) console.log('x'.repeat(20000))", {}, { ...limits, maxLogLines: 10, onLog: (e) => logs.push(e) });
    expect(logs).toHaveLength(11);
    expect(logs[0]!.message.length).toBeLessThan(10_100);
    expect(logs[10]).toEqual({ level: 'warn', message: '… 40 more log lines were dropped (limit 10)' });
  });

  it('starts every call with fresh globals', async () => {
    await sandbox.run('globalThis.leak = 42; Object.prototype.polluted = 1; Array.prototype.map = null;', {}, limits);
    expect(await sandbox.run('return [typeof leak, typeof ({}).polluted, typeof [].map]', {}, limits)).toEqual(['undefined', 'undefined', 'function']);
  });

  it('drops __proto__ keys from results', async () => {
    const result = (await sandbox.run('return JSON.parse(\'{"__proto__": {"polluted": true}, "ok": 1}\')', {}, limits)) as Record<string, unknown>;
    expect(result).toEqual({ ok: 1 });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('runs 20 calls in parallel, each with its own data', async () => {
    const runs = Array.from({ length: 20 }, (_, i) =>
      sandbox.run('globalThis.mine = n; let s = 0; for (let k = 0; k < 20000; k++) s += k % 7; return { n: mine, s };', { n: i }, limits),
    );
    const results = await Promise.all(runs);
    results.forEach((result, i) => expect(result).toEqual({ n: i, s: expect.any(Number) }));
    expect(sandbox.stats().workers).toBeLessThanOrEqual(3);
  });
});

describe('runInSandbox: errors', () => {
  it('reports syntax errors with the line', async () => {
    const error = await failure(sandbox.run('const a = 1;\nconst b = ;\nreturn a;', {}, limits));
    expect(error.code).toBe('SANDBOX_RUNTIME');
    expect(error.message).toMatch(/^SyntaxError: .+ \(line 2/);
    expect(error.line).toBe(2);
  });

  it('reports runtime errors with the user message, line and column', async () => {
    const error = await failure(sandbox.run('const x = 1;\n\n  items.nope.deeper;', { items: [] }, limits));
    expect(error.code).toBe('SANDBOX_RUNTIME');
    expect(error.message).toContain("TypeError: cannot read property 'deeper' of undefined");
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThan(0);
    const thrown = await failure(sandbox.run("throw new Error('Customer 42 has no email')", {}, limits));
    expect(thrown.message).toMatch(/^Error: Customer 42 has no email \(line 1/);
    expect((await failure(sandbox.run("throw 'plain'", {}, limits))).message).toBe('Uncaught: plain');
    expect((await failure(sandbox.run("await Promise.reject(new RangeError('no'))", {}, limits))).message).toMatch(/^RangeError: no/);
  });

  it('refuses results that are not JSON data', async () => {
    for (const code of ['return () => 1', 'return { f() {} }', 'return 10n', 'return { a: [Symbol("s")] }', 'const o = {}; o.self = o; return o']) {
      const error = await failure(sandbox.run(code, {}, limits));
      expect([code, error.code]).toEqual([code, 'SANDBOX_RESULT']);
    }
  });

  it('refuses results larger than the limit', async () => {
    const error = await failure(sandbox.run("return 'x'.repeat(2000)", {}, { ...limits, maxResultBytes: 1000 }));
    expect(error.code).toBe('SANDBOX_RESULT');
    expect(error.message).toMatch(/too large/);
  });

  it('reports a promise that can never settle', async () => {
    const error = await failure(sandbox.run('await new Promise(() => {})', {}, limits));
    expect(error.code).toBe('SANDBOX_RUNTIME');
    expect(error.message).toMatch(/never settles/);
  });

  it('validates its own inputs', async () => {
    await expect(sandbox.run('1', {}, { timeoutMs: -1, memoryLimitBytes: 32 * MB })).rejects.toThrow(TypeError);
    await expect(sandbox.run('1', {}, { timeoutMs: 100, memoryLimitBytes: 10 })).rejects.toThrow(/memoryLimitBytes/);
    const error = await failure(sandbox.run('1', { big: 1n }, limits));
    expect(error.message).toMatch(/not JSON-serialisable/);
  });
});

describe('runInSandbox: limits', () => {
  it('stops an infinite loop at the time limit while the host stays responsive', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const error = await failure(sandbox.run('while (true) {}', {}, { timeoutMs: 400, memoryLimitBytes: 16 * MB }));
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(error.code).toBe('SANDBOX_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(400 + 1_500);
    // The loop ran in a worker thread: the host's timers kept firing meanwhile.
    expect(ticks).toBeGreaterThan(10);
    expect(await sandbox.run('return 1 + 1', {}, limits)).toBe(2);
  });

  it('stops loops around slow native calls, which QuickJS cannot interrupt, by replacing the worker', async () => {
    const started = performance.now();
    const code = "const s = 'x'.repeat(1e7) + 'y'; while (true) s.indexOf('z');";
    const error = await failure(sandbox.run(code, {}, { timeoutMs: 300, memoryLimitBytes: 64 * MB }));
    expect(error.code).toBe('SANDBOX_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(300 + 500 + 1_500);
    expect(await sandbox.run('return "alive"', {}, limits)).toBe('alive');
  });

  it.each([
    ["the brief's string bomb", "let a = []; while (true) a.push('x'.repeat(1e6))", 8 * MB],
    ['arrays', 'let a = []; while (true) a.push(new Array(1e6).fill(1))', 32 * MB],
    ['ArrayBuffers (not covered by QuickJS accounting: stopped by the WASM memory cap)', 'let a = []; while (true) a.push(new ArrayBuffer(1e6))', 32 * MB],
    ['objects in a Map', 'const m = new Map(); let i = 0; while (true) m.set(i++, { i })', 16 * MB],
    ['string doubling', "let s = 'x'; while (true) { s = s + s; s.charCodeAt(s.length - 1); }", 32 * MB],
  ])('stops a memory bomb made of %s with SANDBOX_MEMORY', async (_, code, memoryLimitBytes) => {
    const error = await failure(sandbox.run(code, {}, { timeoutMs: 20_000, memoryLimitBytes }));
    expect(error.code).toBe('SANDBOX_MEMORY');
    expect(error.message).toMatch(/memory/);
    expect(await sandbox.run('return [1, 2, 3].length', {}, limits)).toBe(3);
  });

  it('reports input data that does not fit in the memory limit', async () => {
    const big = Array.from({ length: 50_000 }, (_, i) => ({ json: { i, text: 'lorem ipsum dolor sit amet' } }));
    const error = await failure(sandbox.run('return items.length', { items: big }, { timeoutMs: 5_000, memoryLimitBytes: 2 * MB }));
    expect(error.code).toBe('SANDBOX_MEMORY');
    expect(error.message).toMatch(/input data/);
  });

  it('ends deep recursion with an error, not a crash', async () => {
    for (const code of ['function f(n) { return f(n + 1) + 1; } return f(0);', 'return eval("(".repeat(100000))', 'return JSON.parse("[".repeat(200000))']) {
      const error = await failure(sandbox.run(code, {}, limits));
      expect([code, error.code]).toEqual([code, 'SANDBOX_RUNTIME']);
    }
    expect(await sandbox.run('function f(n) { return n === 0 ? 0 : 1 + f(n - 1); } return f(1000);', {}, limits)).toBe(1000);
  });
});

describe('runInSandbox: no host access', () => {
  it.each([
    ['typeof process', 'undefined'],
    ['typeof require', 'undefined'],
    ['typeof globalThis.process', 'undefined'],
    ['typeof module + typeof exports + typeof __dirname', 'undefinedundefinedundefined'],
    ['typeof fetch + typeof XMLHttpRequest + typeof WebSocket', 'undefinedundefinedundefined'],
    ['typeof setTimeout + typeof setInterval + typeof queueMicrotask', 'undefinedundefinedundefined'],
    ['typeof Buffer + typeof WebAssembly', 'undefinedundefined'],
    ["this.constructor.constructor('return typeof process')()", 'undefined'],
    ["Function('return typeof this.process')()", 'undefined'],
    ["(async () => {}).constructor('return typeof require')().then ? 'promise' : ''", 'promise'],
    ['typeof std + typeof os + typeof scriptArgs', 'undefinedundefinedundefined'],
  ])('%s → %s', async (expression, expected) => {
    expect(await sandbox.run(`return ${expression};`, {}, limits)).toBe(expected);
  });

  it('cannot import modules', async () => {
    for (const code of ["return await import('fs')", "return await import('node:child_process')", "return await import('./worker.ts')"]) {
      const error = await failure(sandbox.run(code, {}, limits));
      expect(error.code).toBe('SANDBOX_RUNTIME');
      expect(error.message).toMatch(/could not load module/);
    }
  });

  it('sees nothing of the host: every reachable global name is a standard one', async () => {
    process.env.FLOWFORGE_SANDBOX_CANARY = 'secret-canary-value';
    const names = (await sandbox.run('return Object.getOwnPropertyNames(globalThis)', {}, limits)) as string[];
    const dump = JSON.stringify(await sandbox.run('return Object.getOwnPropertyNames(globalThis).map((n) => { try { return n + String(globalThis[n]); } catch { return n; } })', {}, limits));
    delete process.env.FLOWFORGE_SANDBOX_CANARY;
    expect(dump).not.toContain('secret-canary-value');
    for (const forbidden of ['process', 'require', 'global', 'Buffer', 'fetch', 'std', 'os', 'hostLog']) expect(names).not.toContain(forbidden);
  });
});

describe('runInSandbox: resources', () => {
  it('500 sequential calls do not grow the host heap', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const local = createSandbox({ poolSize: 1 });
    const call = (i: number) => local.run('console.log(i); return items.map((x) => ({ ...x, i }));', { items, i }, { ...limits, onLog: () => {} });
    for (let i = 0; i < 50; i++) await call(i);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 500; i++) await call(i);
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    expect(growth).toBeLessThan(5 * MB);
    expect(local.stats()).toEqual({ workers: 1, busy: 0, queued: 0 });
    await local.close();
  });

  it('close() fails pending and later calls', async () => {
    const local = createSandbox({ poolSize: 1 });
    const pending = failure(local.run('while (true) {}', {}, { timeoutMs: 5_000, memoryLimitBytes: 16 * MB }));
    const queued = failure(local.run('return 1', {}, limits));
    await new Promise((r) => setTimeout(r, 200));
    await local.close();
    expect((await pending).message).toMatch(/closed/);
    expect((await queued).message).toMatch(/closed/);
    expect((await failure(local.run('return 1', {}, limits))).message).toMatch(/closed/);
  });
});
