import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type AppSecrets = {
  /** Signs session cookies (better-auth). */
  authSecret: string;
  /** 32-byte AES-256-GCM key for credentials at rest. */
  encryptionKey: Buffer;
};

/**
 * Secrets come from the environment when set (required when several machines share a
 * database). Otherwise they are generated once into `<dataDir>/secrets.json` (mode 0600),
 * so the embedded default needs no configuration and keeps working across restarts.
 */
export async function loadSecrets(
  dataDir: string,
  env: { authSecret?: string | undefined; encryptionKey?: string | undefined },
): Promise<AppSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  let stored: { authSecret?: string; encryptionKey?: string } = {};
  if (!env.authSecret || !env.encryptionKey) {
    stored = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as typeof stored;
    if (!stored.authSecret || !stored.encryptionKey) {
      stored = {
        authSecret: stored.authSecret ?? randomBytes(32).toString('base64url'),
        encryptionKey: stored.encryptionKey ?? randomBytes(32).toString('base64'),
      };
      await mkdir(dataDir, { recursive: true });
      await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
  }
  const key = Buffer.from(env.encryptionKey ?? stored.encryptionKey ?? '', 'base64');
  if (key.length !== 32) {
    throw new Error('FLOWFORGE_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  }
  return { authSecret: env.authSecret ?? stored.authSecret ?? '', encryptionKey: key };
}
