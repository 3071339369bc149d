import { describe, expect, it } from 'vitest';
import { expressionLibrary, renderTemplate } from './index.ts';
import { makeScope } from './test-scope.ts';

describe('expressionLibrary', () => {
  it('describes every global and namespace member with a signature and a doc', () => {
    for (const entry of expressionLibrary) {
      expect(entry.name).not.toBe('');
      expect(entry.signature).not.toBe('');
      expect(entry.doc.length).toBeGreaterThan(3);
    }
    const names = expressionLibrary.filter((e) => e.on === undefined).map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ['$json', '$node', 'Math.round', 'JSON.stringify', 'Object.keys', '$date.format', '$date.addDays', '$str.slugify', '$str.truncate', '$str.emailDomain', '$if', '$isEmpty']) {
      expect(names).toContain(name);
    }
    expect(expressionLibrary.some((e) => e.on === 'string' && e.name === 'toUpperCase')).toBe(true);
    expect(expressionLibrary.some((e) => e.on === 'array' && e.name === 'map')).toBe(true);
  });

  it('only lists names that resolve to something callable or readable', () => {
    const scope = makeScope();
    for (const entry of expressionLibrary) {
      if (entry.on !== undefined || entry.kind === 'variable' || entry.name.startsWith('$input') ) continue;
      const kind = renderTemplate(`{{ typeof ${entry.name} }}`, scope);
      expect([entry.name, kind]).toEqual([entry.name, entry.kind === 'constant' ? 'number' : entry.kind === 'namespace' ? 'object' : 'function']);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(expressionLibrary)).toBe(true);
    expect(Object.isFrozen(expressionLibrary[0])).toBe(true);
  });
});
