import { describe, expect, it } from 'vitest';
import { readableTextOn } from './readable-text.ts';

describe('readableTextOn', () => {
  it('puts dark text on light colours and white text on dark ones', () => {
    expect(readableTextOn('#ffc53d')).toBe('#18181b'); // the palette's yellow
    expect(readableTextOn('#ffffff')).toBe('#18181b');
    expect(readableTextOn('#3e63dd')).toBe('#ffffff');
    expect(readableTextOn('#8e4ec6')).toBe('#ffffff');
    expect(readableTextOn('#000000')).toBe('#ffffff');
  });
});
