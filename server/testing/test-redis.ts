import { Redis } from 'ioredis';
import { REQUIRE_SERVICES } from './test-databases.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let available: Promise<boolean> | undefined;

/** Redis when reachable; required (a failure, not a skip) when FLOWFORGE_REQUIRE_SERVICES=1. */
export function redisAvailable(): Promise<boolean> {
  available ??= (async () => {
    const c = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.ping();
      return true;
    } catch (err) {
      if (REQUIRE_SERVICES) throw new Error(`Redis is required (FLOWFORGE_REQUIRE_SERVICES=1) but ${REDIS_URL} failed: ${(err as Error).message}`, { cause: err });
      return false;
    } finally {
      c.disconnect();
    }
  })();
  return available;
}

/** Deletes every key under a test's (or benchmark's) prefix. */
export async function removeRedisPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const c = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await c.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await c.del(...keys);
  } while (cursor !== '0');
  await c.quit();
}
