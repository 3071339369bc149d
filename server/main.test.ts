import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real entry point as a user runs it (pages off to keep the test fast): first start
// migrates and seeds the demo account, a second start on the same folder is refused, and a
// restart reuses the data. One process, as in production (`node --import tsx`), no wrapper.

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function start(dataDir: string, port: number): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOWFORGE_DATA_DIR: dataDir,
      FLOWFORGE_NO_PAGES: '1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: '--disable-warning=ExperimentalWarning',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(s: Started, pattern: RegExp, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!pattern.test(s.output())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output:\n${s.output()}`);
    if (s.child.exitCode !== null) throw new Error(`exited ${s.child.exitCode}; output:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(s: Started) {
  if (s.child.exitCode === null) process.kill(-s.child.pid!, 'SIGTERM');
  return s.exited;
}

describe('npm start (server/main.ts) on the embedded database', () => {
  const dirs: string[] = [];
  const running: Started[] = [];
  afterAll(async () => {
    await Promise.all(running.map(stop));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('seeds a demo account on first start, refuses a second process, and reuses the data on restart', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ff-main-'));
    dirs.push(dir);
    const port = 20_000 + Math.floor(Math.random() * 20_000);

    const first = start(dir, port);
    running.push(first);
    await waitFor(first, /Sign in as demo@flowforge\.local with password (\S+)/);
    const password = /with password (\S+)/.exec(first.output())![1];
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite' });
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
      body: JSON.stringify({ email: 'demo@flowforge.local', password }),
    });
    expect(signIn.status).toBe(200);

    const second = start(dir, port + 1);
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Another FlowForge process is already using the data folder/);

    expect(await stop(first)).toBe(0);
    const again = start(dir, port);
    running.push(again);
    await waitFor(again, /Sign in as demo@flowforge\.local with password/);
    expect(again.output()).toContain(`with password ${password}`);
    expect(again.output()).not.toMatch(/migrations applied/);
    expect(await stop(again)).toBe(0);
  }, 120_000);
});
