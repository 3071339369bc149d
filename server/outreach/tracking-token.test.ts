import { describe, expect, it } from 'vitest';
import { TrackingSigner, trackingUrls } from './tracking-token.ts';

const signer = new TrackingSigner(Buffer.alloc(32, 7));
const id = '01966f5e-0000-7000-8000-000000000001';

describe('tracking tokens', () => {
  it('round-trips an open and a click claim', () => {
    expect(signer.verify(signer.sign({ messageId: id, kind: 'open' }))).toEqual({ messageId: id, kind: 'open' });
    const target = 'https://example.com/pricing?plan=pro&x=1#top';
    expect(signer.verify(signer.sign({ messageId: id, kind: 'click' }, target), target)).toEqual({ messageId: id, kind: 'click' });
  });

  it('refuses tampered payloads, signatures, other keys and other targets', () => {
    const token = signer.sign({ messageId: id, kind: 'open' });
    const [payload, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ m: 'someone-else', k: 'o' })).toString('base64url');
    expect(signer.verify(`${forged}.${mac}`)).toBeNull();
    expect(signer.verify(`${payload}.${mac.slice(0, -2)}AA`)).toBeNull();
    expect(signer.verify(`${payload}.`)).toBeNull();
    expect(signer.verify(payload)).toBeNull();
    expect(signer.verify('')).toBeNull();
    expect(signer.verify('x'.repeat(600))).toBeNull();
    expect(new TrackingSigner(Buffer.alloc(32, 8)).verify(token)).toBeNull();
    const click = signer.sign({ messageId: id, kind: 'click' }, 'https://good.example/');
    expect(signer.verify(click, 'https://evil.example/')).toBeNull();
    expect(signer.verify(click)).toBeNull();
    // An open token is no click token for some target, and the other way round.
    expect(signer.verify(token, 'https://good.example/')).toBeNull();
  });

  it('builds pixel and click URLs under the public URL; only http(s) links are rewritten', () => {
    const urls = trackingUrls(signer, 'https://flows.example.com/', id);
    expect(urls.openPixelUrl).toMatch(/^https:\/\/flows\.example\.com\/t\/o\/[\w-]+\.[\w-]+\.gif$/);
    const link = urls.clickUrl('https://example.com/a b?q=1+2');
    const parsed = new URL(link);
    expect(parsed.pathname).toMatch(/^\/t\/c\/[\w-]+\.[\w-]+$/);
    const target = parsed.searchParams.get('u')!;
    expect(target).toBe('https://example.com/a b?q=1+2');
    expect(signer.verify(parsed.pathname.slice('/t/c/'.length), target)).toEqual({ messageId: id, kind: 'click' });
    expect(urls.clickUrl('mailto:jane@example.com')).toBe('mailto:jane@example.com');
    expect(urls.clickUrl('#section')).toBe('#section');
    expect(urls.clickUrl('javascript:alert(1)')).toBe('javascript:alert(1)');
    // The message id is not readable from the URL as a plain id.
    expect(urls.openPixelUrl).not.toContain(id);
  });
});
