import { describe, expect, it } from 'vitest';
import { baseName, uniqueName } from './node-naming.ts';

describe('uniqueName', () => {
  it('keeps a free name', () => {
    expect(uniqueName('HTTP Request', new Set(['Webhook']))).toBe('HTTP Request');
  });

  it('numbers a taken name with the smallest free number from 2', () => {
    expect(uniqueName('HTTP Request', new Set(['HTTP Request']))).toBe('HTTP Request 2');
    expect(uniqueName('HTTP Request', new Set(['HTTP Request', 'HTTP Request 2', 'HTTP Request 4']))).toBe('HTTP Request 3');
  });

  it('counts from the base of a numbered name instead of appending another number', () => {
    expect(uniqueName('Fetch 2', new Set(['Fetch', 'Fetch 2']))).toBe('Fetch 3');
    expect(baseName('Fetch 12')).toBe('Fetch');
    expect(baseName('Step2')).toBe('Step2');
    expect(baseName('2')).toBe('2');
  });

  it('never returns an empty name', () => {
    expect(uniqueName('  ', new Set())).toBe('Node');
  });
});
