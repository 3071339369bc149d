import type { Extension } from '@hocuspocus/server';

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
  // The extension brings its own ioredis; it gets connection settings, not one of our clients.
  const url = new URL(redisUrl);
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
    host: url.hostname,
    port: Number(url.port || 6379),
    options: {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
    prefix: opts.prefix ?? 'ff:collab',
  });
}
