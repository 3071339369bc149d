import { NodeError } from '../../errors.ts';
import type { FetchLike } from '../../node-api.ts';
import { parseRetryAfter } from '../http/retry-after.ts';

/**
 * Small HTTP helpers shared by the outreach nodes (HTML Extract, Hunter, Enrich): one way to
 * turn network failures and error statuses into NodeErrors, so retries behave the same everywhere.
 */

export interface ServiceCall {
  /** Service name used in messages, e.g. "Hunter". */
  service: string;
  /** Prefix of error codes, e.g. "HUNTER" gives HUNTER_FETCH_FAILED. */
  codePrefix: string;
}

/** fetch through the guarded `fetch`; a connection failure becomes a retryable `<PREFIX>_FETCH_FAILED`. */
export async function fetchService(fetch: FetchLike, url: URL | string, init: RequestInit, call: ServiceCall): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    // The guard's own errors (blocked address) and cancellation keep their meaning.
    if (err instanceof NodeError || init.signal?.aborted) throw err;
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new NodeError(`Could not reach ${call.service}: ${err instanceof Error ? err.message : String(err)}${cause ? ` (${cause})` : ''}`, {
      code: `${call.codePrefix}_FETCH_FAILED`,
      retryable: true,
      cause: err,
    });
  }
}

/** Whether a retry can help: throttling (429), server trouble (5xx) and request timeouts (408). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After of a response in ms (seconds or HTTP date), for `details.retryAfterMs`. */
export function retryAfterOf(response: Response, now: number): number | undefined {
  return parseRetryAfter(response.headers.get('retry-after'), now);
}

/**
 * The error for a non-2xx answer: retryable for 408/429/5xx with the server's Retry-After in
 * `details.retryAfterMs` (the executor waits at least that long before retrying).
 */
export function statusError(
  call: ServiceCall,
  response: Response,
  now: number,
  options: { message?: string; body?: string; code?: string; retryable?: boolean } = {},
): NodeError {
  const retryAfterMs = retryAfterOf(response, now);
  const details: Record<string, unknown> = { status: response.status };
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  if (options.body) details.body = options.body.slice(0, 500);
  return new NodeError(options.message ?? `${call.service} answered ${response.status} ${response.statusText}`.trim(), {
    code: options.code ?? `${call.codePrefix}_HTTP_STATUS`,
    retryable: options.retryable ?? isRetryableStatus(response.status),
    details,
  });
}


/** Parses a JSON body; undefined for an empty or non-JSON one. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A base URL and a path joined with exactly one slash; an absolute http(s) path wins over the base. */
export function joinUrl(baseUrl: string, path: string): URL {
  if (/^https?:\/\//i.test(path)) return new URL(path);
  const base = baseUrl.replace(/\/+$/, '');
  return new URL(`${base}/${path.replace(/^\/+/, '')}`);
}
