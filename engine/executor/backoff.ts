import type { Backoff } from '../definition.ts';

/** Exponential delays vary by ±20% around the nominal value, so retries of many runs do not arrive in lockstep. */
export const JITTER_RATIO = 0.2;

/**
 * Delay before retry number `retry` (1 = first retry).
 * exponential: min(maxMs, baseMs · 2^(retry-1)) · (1 ± 20% jitter from `random`), never above maxMs;
 * fixed: baseMs. With `random()` = 0.5 the jitter is zero, which tests use for exact delays.
 */
export function retryDelay(backoff: Backoff, retry: number, random: () => number): number {
  if (backoff.kind === 'fixed') return Math.min(backoff.baseMs, backoff.maxMs);
  const nominal = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
  const factor = 1 - JITTER_RATIO + 2 * JITTER_RATIO * random();
  return Math.max(0, Math.min(backoff.maxMs, Math.round(nominal * factor)));
}

/**
 * The delay before a retry of `err`: the backoff's, or longer when the error carries the
 * server's Retry-After (`details.retryAfterMs`, set by HTTP and AI nodes), never above maxMs.
 */
export function retryDelayFor(err: unknown, backoff: Backoff, retry: number, random: () => number): number {
  const delay = retryDelay(backoff, retry, random);
  const details = (err as { details?: { retryAfterMs?: unknown } } | null)?.details;
  const asked = typeof details?.retryAfterMs === 'number' && Number.isFinite(details.retryAfterMs) ? details.retryAfterMs : 0;
  return Math.min(backoff.maxMs, Math.max(delay, Math.round(asked)));
}
