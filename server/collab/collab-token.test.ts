import { describe, expect, it } from 'vitest';
import { deriveCollabTokenKey, signCollabToken, verifyCollabToken } from './collab-token.ts';

describe('collab tokens', () => {
  const key = deriveCollabTokenKey('a-secret-of-at-least-32-characters!!');
  const claims = { sub: 'u1', name: 'Ada', wf: 'wf-1', exp: 10_000 };

  it('verifies its own tokens until they expire', () => {
    const token = signCollabToken(key, claims);
    expect(verifyCollabToken(key, token, 9_999)).toEqual({ v: 1, ...claims });
    expect(verifyCollabToken(key, token, 10_000)).toBeNull();
  });

  it('rejects tampered, foreign and malformed tokens', () => {
    const token = signCollabToken(key, claims);
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ v: 1, ...claims, sub: 'admin' })).toString('base64url');
    expect(verifyCollabToken(key, `${forged}.${mac}`, 0)).toBeNull();
    expect(verifyCollabToken(deriveCollabTokenKey('another-secret-of-32-characters-xx'), token, 0)).toBeNull();
    for (const bad of ['', '.', 'abc', `${body}.`, `.${mac}`, `${body}.${mac}x`, 'x'.repeat(5000)]) expect(verifyCollabToken(key, bad, 0)).toBeNull();
  });
});
