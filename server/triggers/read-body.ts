import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes`);
  }
}

/** Reads a request body, refusing (without buffering the rest) once it passes `limit`. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** JSON, URL-encoded forms and text become data; anything else is kept as a string. */
export function parseBody(raw: Buffer, contentType: string | undefined): { ok: true; body: unknown } | { ok: false; error: string } {
  if (raw.length === 0) return { ok: true, body: null };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return { ok: true, body: JSON.parse(text) };
    } catch (err) {
      return { ok: false, error: `Body is not valid JSON: ${(err as Error).message}` };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { ok: true, body: Object.fromEntries(new URLSearchParams(text)) };
  return { ok: true, body: text };
}
