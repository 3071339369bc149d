import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../../../engine/registry.ts';
import { issueText, placeIssues, renderedPaths } from './issue-placement.ts';
import { paramFields } from './schema-fields.ts';

const http = createDefaultRegistry().list().find((d) => d.type === 'core.httpRequest')!;
const fields = paramFields(http.paramsJsonSchema, { credentialKinds: http.credentials.map((c) => c.kind) });

describe('renderedPaths', () => {
  it('lists visible fields, list items and the active union branch', () => {
    const paths = renderedPaths(fields, { url: 'x', headers: [{ name: 'a', value: 1 }], body: { type: 'raw', raw: '' } });
    for (const p of ['url', 'headers', 'headers.0', 'headers.0.name', 'headers.0.value', 'body', 'body.raw', 'body.contentType', 'retry.maxRetries']) {
      expect(paths.has(p), p).toBe(true);
    }
    expect(paths.has('body.json')).toBe(false);
    expect(paths.has('headers.1')).toBe(false);
  });
});

describe('placeIssues', () => {
  const rendered = renderedPaths(fields, { url: '', headers: [{ name: '', value: '' }] });
  const issue = (field: string | undefined, message = 'bad') => ({ code: 'INVALID_PARAMS', message, ...(field !== undefined ? { field } : {}) });

  it('puts param issues under their field, with or without the "params." prefix', () => {
    const placed = placeIssues([issue('params.url'), issue('url'), issue('params.headers.0.name')], rendered);
    expect(placed.byPath.get('url')).toHaveLength(2);
    expect(placed.byPath.get('headers.0.name')).toHaveLength(1);
    expect(placed.general).toEqual([]);
  });

  it('falls back to the nearest rendered ancestor, then to the top of the panel', () => {
    const placed = placeIssues([issue('params.headers.4.value'), issue('params.nothing.here'), issue('params'), issue(undefined), issue('typeVersion')], rendered);
    expect(placed.byPath.get('headers')).toHaveLength(1);
    expect(placed.general).toHaveLength(4);
  });

  it('separates name and settings issues', () => {
    const placed = placeIssues([issue('name'), issue('settings.retries'), issue('settings')], rendered);
    expect(placed.name).toHaveLength(1);
    expect(placed.settings).toHaveLength(2);
  });

  it('drops the path prefix the compiler puts in messages', () => {
    expect(issueText(issue('params.url', 'params.url: Too small'))).toBe('Too small');
    expect(issueText(issue('url', 'url: Required'))).toBe('Required');
    expect(issueText(issue(undefined, 'No trigger'))).toBe('No trigger');
    expect(issueText(issue('params.prompt', 'params.prompt: Invalid input: expected string, received undefined'))).toBe('Required');
  });
});
