import { describe, expect, it } from 'vitest';
import { nextLinkFromHeader } from './link-header.ts';
import { parseRetryAfter } from './retry-after.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('nextLinkFromHeader', () => {
  it('finds rel="next" among several links', () => {
    expect(nextLinkFromHeader('<https://a.test/?page=1>; rel="prev", <https://a.test/?page=3>; rel="next"')).toBe('https://a.test/?page=3');
    expect(nextLinkFromHeader('<https://a.test/p2>; rel=next')).toBe('https://a.test/p2');
    expect(nextLinkFromHeader('<https://a.test/p1>; rel="prev"')).toBeUndefined();
    expect(nextLinkFromHeader(null)).toBeUndefined();
  });
});
