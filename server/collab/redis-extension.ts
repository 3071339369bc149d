import type { Extension } from '@hocuspocus/server';
import { Redis as IORedis } from 'ioredis';

export class CollabConfigError extends Error {
  override readonly name = 'CollabConfigError';
  constructor(
    readonly code: 'REDIS_EXTENSION_MISSING',
    message: string,
  ) {
    super(message);
  }
}

/** The package is only needed in scaled mode, so it is loaded by name only when REDIS_URL is set. */
const REDIS_EXTENSION_PACKAGE = '@hocuspocus/extension-redis';

type RedisExtensionModule = { Redis: new (configuration: Record<string, unknown>) => Extension };

/**
 * Scaled mode (REDIS_URL): the Hocuspocus Redis extension relays every update and awareness
 * change of a document between the web processes that have it open, and lets only one of them
 * store it at a time. It buys availability, not CPU (DESIGN: route documents by workflow id for that).
 */
export async function loadRedisExtension(redisUrl: string, opts: { prefix?: string } = {}): Promise<Extension> {
  let mod: RedisExtensionModule;
  try {
    mod = (await import(REDIS_EXTENSION_PACKAGE)) as RedisExtensionModule;
  } catch (err) {
    throw new CollabConfigError(
      'REDIS_EXTENSION_MISSING',
      `REDIS_URL is set, so collaboration needs ${REDIS_EXTENSION_PACKAGE} to share documents between processes: npm install ${REDIS_EXTENSION_PACKAGE} (${(err as Error).message})`,
    );
  }
  return new mod.Redis({
    createClient: () => new IORedis(redisUrl, { maxRetriesPerRequest: null }),
    prefix: opts.prefix ?? 'ff:collab',
  });
}
