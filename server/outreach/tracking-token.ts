import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a tracking token says: which message, and whether it is an open pixel or a click link. */
export type TrackingClaim = { messageId: string; kind: 'open' | 'click' };

/**
 * Signs and checks the tokens in tracking URLs: base64url(JSON {m, k}) + "." +
 * base64url(HMAC-SHA256). A click token's signature also covers the target URL, so the
 * redirect endpoint only ever sends people where the email's author linked (no open
 * redirect). The key is derived from the server's encryption key, so every process of one
 * deployment signs alike and a token from another deployment fails.
 */
export class TrackingSigner {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'flowforge', 'outreach-tracking-v1', 32));
  }

  sign(claim: TrackingClaim, target = ''): string {
    const payload = Buffer.from(JSON.stringify({ m: claim.messageId, k: claim.kind === 'open' ? 'o' : 'c' })).toString('base64url');
    return `${payload}.${this.mac(payload, target)}`;
  }

  /** The claim, or null for anything malformed, tampered with, or signed for another target. */
  verify(token: string, target = ''): TrackingClaim | null {
    if (typeof token !== 'string' || token.length > 512) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(payload, target), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { m?: unknown; k?: unknown };
      if (typeof claim.m !== 'string' || (claim.k !== 'o' && claim.k !== 'c')) return null;
      return { messageId: claim.m, kind: claim.k === 'o' ? 'open' : 'click' };
    } catch {
      return null;
    }
  }

  private mac(payload: string, target: string): string {
    return createHmac('sha256', this.key).update(`${payload}\n${target}`).digest('base64url');
  }
}

export const OPEN_PREFIX = '/t/o/';
export const CLICK_PREFIX = '/t/c/';

/** The public URLs of one message: its open pixel, and a click link per target. */
export function trackingUrls(signer: TrackingSigner, publicUrl: string, messageId: string) {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    openPixelUrl: `${base}${OPEN_PREFIX}${signer.sign({ messageId, kind: 'open' })}.gif`,
    /** Only http(s) links are tracked; mailto:, tel: and anchors come back unchanged. */
    clickUrl(target: string): string {
      if (!isTrackableUrl(target)) return target;
      try {
        return `${base}${CLICK_PREFIX}${signer.sign({ messageId, kind: 'click' }, target)}?u=${encodeURIComponent(target)}`;
      } catch {
        return target; // not encodable (a lone surrogate): leave the link as it was
      }
    },
  };
}

export function isTrackableUrl(target: string): boolean {
  if (typeof target !== 'string' || target.length > 4096) return false;
  try {
    const url = new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
