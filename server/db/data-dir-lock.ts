import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(readonly dataDir: string) {
    super(
      `Another FlowForge process is already using the data folder ${dataDir}. ` +
        'Stop it first, or set FLOWFORGE_DATA_DIR to another folder. ' +
        '(PGlite has no lock of its own: two processes on one folder would corrupt it.)',
    );
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes an exclusive lock on an embedded data folder for the life of this process.
 * A Linux abstract unix socket is named after the folder: the kernel frees it when the
 * process dies, even on kill -9, so a crash never leaves a stale lock behind.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  return process.platform === 'linux' ? lockWithAbstractSocket(dataDir) : lockWithPidFile(dataDir);
}

async function lockWithAbstractSocket(dataDir: string): Promise<DataDirLock> {
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 32);
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new DataDirLockedError(dataDir) : err),
    );
    server.listen(`\0flowforge-data-${digest}`, () => resolve());
  });
  server.unref();
  return {
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Portable fallback: a pid file, taken over only when its owner is no longer alive.
async function lockWithPidFile(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'flowforge.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(await readFile(file, 'utf8').catch(() => '0'));
      if (owner && isAlive(owner)) throw new DataDirLockedError(dataDir);
      await rm(file, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
