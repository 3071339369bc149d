import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Short-lived signed tokens for clients that cannot send the session cookie on the WebSocket
 * upgrade (another origin, a native app). A token names one user and one workflow; the role is
 * still checked on every connect, so a token never grants more than the user has at that moment.
 */
export const DEFAULT_TOKEN_TTL_MS = 2 * 60_000;

const Claims = z.object({
  v: z.literal(1),
  /** User id and display name. */
  sub: z.string().min(1),
  name: z.string(),
  /** The workflow (document name) the token is for. */
  wf: z.string().min(1),
  /** Expiry, ms since the epoch. */
  exp: z.number().int(),
});
export type CollabTokenClaims = z.infer<typeof Claims>;

/** A key of its own for collab tokens, derived from the auth secret (never the secret itself). */
export function deriveCollabTokenKey(authSecret: string): Buffer {
  return createHmac('sha256', authSecret).update('flowforge/collab-token/v1').digest();
}

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

export function signCollabToken(key: Buffer, claims: Omit<CollabTokenClaims, 'v'>): string {
  const body = Buffer.from(JSON.stringify({ v: 1, ...claims })).toString('base64url');
  return `${body}.${sign(key, body).toString('base64url')}`;
}

/** The claims of a valid, unexpired token; null for anything else. */
export function verifyCollabToken(key: Buffer, token: string, now = Date.now()): CollabTokenClaims | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 4096) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = sign(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = Claims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!claims.success || claims.data.exp <= now) return null;
    return claims.data;
  } catch {
    return null;
  }
}
