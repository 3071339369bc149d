import { describe, expect, it } from 'vitest';
import { defaultParams } from './default-params.ts';

describe('defaultParams', () => {
  it('takes top-level defaults and leaves required fields without one unset', () => {
    const schema = {
      type: 'object',
      properties: {
        method: { type: 'string', default: 'GET' },
        url: { type: 'string', minLength: 1 },
        headers: { type: 'array', default: [] },
        options: { type: 'object', properties: { timeout: { default: 5 } } },
      },
    };
    expect(defaultParams(schema)).toEqual({ method: 'GET', headers: [] });
  });

  it('copies default values, so two nodes never share one array', () => {
    const schema = { properties: { list: { default: [1] } } };
    const a = defaultParams(schema);
    (a.list as number[]).push(2);
    expect(defaultParams(schema)).toEqual({ list: [1] });
  });

  it('tolerates schemas without properties', () => {
    expect(defaultParams({})).toEqual({});
    expect(defaultParams(null)).toEqual({});
  });
});
