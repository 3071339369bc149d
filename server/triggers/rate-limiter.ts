import type { Redis } from 'ioredis';

/** Fixed-window counter: at most `limit` hits per `windowMs` for a key. */
export interface RateLimiter {
  take(key: string, limit: number, windowMs: number): Promise<boolean>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, limit: number, windowMs: number): Promise<boolean> {
    const now = this.now();
    const w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      if (this.windows.size > 50_000) this.windows.clear();
      this.windows.set(key, { start: now, count: 1 });
      return limit >= 1;
    }
    w.count++;
    return w.count <= limit;
  }
}

/** Shared by every web process in scaled mode: INCR on a key per window. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix = 'ff') {}

  async take(key: string, limit: number, windowMs: number): Promise<boolean> {
    const window = Math.floor(Date.now() / windowMs);
    const k = `${this.prefix}:rl:${key}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(k).pexpire(k, windowMs * 2).exec()) as [[unknown, number]];
    return count <= limit;
  }
}
