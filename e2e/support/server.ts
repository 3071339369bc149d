import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type RunningServer = {
  /** `http://localhost:<port>`: the public URL the server trusts for cookies and origins. */
  url: string;
  port: number;
  dataDir: string;
  /** The server's recent stdout and stderr, for failure messages. */
  output(): string;
  stop(): Promise<void>;
};

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real FlowForge process (`tsx server/main.ts`, production mode, built pages) on a
 * free port with a fresh data folder, and waits until `/readyz` answers 200. The child leads
 * its own process group, so `stop()` ends tsx and the Node process under it together.
 */
export async function startServer(options: { env?: Record<string, string>; readyTimeoutMs?: number } = {}): Promise<RunningServer> {
  if (!existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) {
    throw new Error('No production build found: run `npx next build` before the browser tests.');
  }
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ff-e2e-'));
  const url = `http://localhost:${port}`;
  const nodeDir = path.dirname(process.execPath);

  const child: ChildProcess = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // The Node running the tests (≥ 22.12) also runs the server.
      PATH: `${nodeDir}${path.delimiter}${process.env.PATH ?? ''}`,
      PORT: String(port),
      FLOWFORGE_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      FLOWFORGE_SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });

  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (!running) {
      await stop();
      throw new Error(`The server exited before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) return { url, port, dataDir, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The server was not ready within the timeout:\n${output}`);
}
