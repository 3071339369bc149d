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

/**
 * Scaled mode (REDIS_URL): the Hocuspocus Redis extension relays every update and awareness
 * change of a document between the web processes that have it open, and lets only one of them
 * store it at a time. It buys availability, not CPU (DESIGN: route documents by workflow id for
 * that). Loaded only in scaled mode.
 */
export async function loadRedisExtension(redisUrl: string, opts: { prefix?: string } = {}): Promise<Extension> {
  let Redis: typeof import('@hocuspocus/extension-redis').Redis;
  try {
    ({ Redis } = await import('@hocuspocus/extension-redis'));
  } catch (err) {
    throw new CollabConfigError(
      'REDIS_EXTENSION_MISSING',
      `REDIS_URL is set, so collaboration needs @hocuspocus/extension-redis to share documents between processes (${(err as Error).message})`,
    );
  }
  // The extension brings its own ioredis; it gets connection settings, not one of our clients.
  const url = new URL(redisUrl);
  return new Redis({
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
