import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/send-json.ts';
import type { Logger } from '../logger.ts';
import type { RateLimiter } from '../triggers/rate-limiter.ts';
import { BodyTooLargeError, readBody } from '../triggers/read-body.ts';
import { INBOUND_PREFIX, type OutreachService } from './outreach-service.ts';
import { CLICK_PREFIX, OPEN_PREFIX } from './tracking-token.ts';

export const TRACKING_PREFIX = '/t/';
export { INBOUND_PREFIX };

/** A 1×1 transparent GIF (43 bytes). */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const NO_CACHE = { 'cache-control': 'no-store, no-cache, must-revalidate, private, max-age=0', pragma: 'no-cache', expires: '0' };

export type OutreachHttpDeps = {
  service: OutreachService;
  logger: Logger;
  limiter?: RateLimiter;
  /** Largest inbound body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Inbound posts per minute per workspace. Default 600. */
  inboundPerMinute?: number;
};

/**
 * The public (session-less) outreach endpoints:
 * - `GET /t/o/<token>.gif` records an open and always answers the pixel, uncached — a bad
 *   token records nothing but still gets the image, so mail clients never show a broken one;
 * - `GET /t/c/<token>?u=<url>` records a click and redirects (302) to the URL the token was
 *   signed for; any other URL is 400;
 * - `POST /api/inbound/<workspace token>` takes replies and bounces from a mail service.
 */
export function createOutreachHttpHandler(deps: OutreachHttpDeps) {
  const maxBody = deps.maxBodyBytes ?? 1024 * 1024;

  async function pixel(req: IncomingMessage, res: ServerResponse, token: string) {
    if (req.method === 'GET') {
      await deps.service.recordOpen(token, { userAgent: header(req, 'user-agent') }).catch((err: unknown) => deps.logger.error('open not recorded', { err }));
    }
    res.writeHead(200, { 'content-type': 'image/gif', 'content-length': PIXEL_GIF.length, ...NO_CACHE });
    res.end(req.method === 'HEAD' ? undefined : PIXEL_GIF);
  }

  async function click(req: IncomingMessage, res: ServerResponse, token: string, target: string | null) {
    const verdict = target === null ? 'invalid' : await deps.service.recordClick(token, target, { userAgent: header(req, 'user-agent') }).catch((err: unknown) => {
      // The link is genuine (checked before recording); a database hiccup must not strand the reader.
      deps.logger.error('click not recorded', { err });
      return deps.service.signer.verify(token, target) ? ('ok' as const) : ('invalid' as const);
    });
    if (verdict === 'invalid') return text(res, 400, 'This tracking link is invalid or has been altered.');
    res.writeHead(302, { location: target!, ...NO_CACHE });
    res.end();
  }

  async function inbound(req: IncomingMessage, res: ServerResponse, token: string) {
    const fail = (status: number, code: string, message: string) => {
      req.resume();
      sendJson(res, status, { error: { code, message } });
    };
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return fail(405, 'METHOD_NOT_ALLOWED', 'The inbound webhook only accepts POST');
    }
    const workspaceId = await deps.service.workspaceOfInboundToken(token);
    if (!workspaceId) return fail(404, 'NOT_FOUND', 'No inbound webhook at this address');
    const perMinute = deps.inboundPerMinute ?? 600;
    if (deps.limiter && !(await deps.limiter.take(`inbound:${workspaceId}`, perMinute, 60_000))) {
      res.setHeader('retry-after', '60');
      return fail(429, 'RATE_LIMITED', `At most ${perMinute} inbound posts a minute`);
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        return fail(413, 'PAYLOAD_TOO_LARGE', err.message);
      }
      throw err;
    }
    const body = await parseInboundBody(raw, header(req, 'content-type'));
    if (!body.ok) return fail(body.status, body.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_BODY', body.error);
    const result = await deps.service.receiveInbound(workspaceId, body.value);
    if (!result.ok) return fail(400, 'INVALID_BODY', result.error);
    sendJson(res, 200, {
      received: result.outcomes.length,
      recorded: result.outcomes.filter((o) => o.status === 'recorded').length,
      outcomes: result.outcomes,
    });
  }

  return async function handleOutreach(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith(INBOUND_PREFIX)) return inbound(req, res, decodeSegment(path.slice(INBOUND_PREFIX.length)));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      req.resume();
      return text(res, 405, 'Method not allowed');
    }
    if (path.startsWith(OPEN_PREFIX)) return pixel(req, res, decodeSegment(path.slice(OPEN_PREFIX.length)).replace(/\.gif$/, ''));
    if (path.startsWith(CLICK_PREFIX)) return click(req, res, decodeSegment(path.slice(CLICK_PREFIX.length)), url.searchParams.get('u'));
    text(res, 404, 'Not found');
  };
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; status: 400 | 415; error: string };

/** JSON, URL-encoded forms and multipart forms (file parts ignored). */
export async function parseInboundBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { ok: false, status: 400, error: 'The body is empty' };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return { ok: true, value: JSON.parse(raw.toString('utf8')) };
    } catch (err) {
      return { ok: false, status: 400, error: `Body is not valid JSON: ${(err as Error).message}` };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { ok: true, value: firstValues(new URLSearchParams(raw.toString('utf8'))) };
  if (type === 'multipart/form-data') {
    try {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType! } }).formData();
      return { ok: true, value: firstValues(form) };
    } catch {
      return { ok: false, status: 400, error: 'Body is not a valid multipart form' };
    }
  }
  return { ok: false, status: 415, error: 'Send JSON (application/json) or a form (application/x-www-form-urlencoded or multipart/form-data)' };
}

function firstValues(entries: Iterable<[string, unknown]>): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of entries) if (typeof v === 'string' && !(k in out)) out[k] = v;
  return out;
}

function text(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...NO_CACHE });
  res.end(message);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}
