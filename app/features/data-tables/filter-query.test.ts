import { describe, expect, it } from 'vitest';
import { parseFilterQuery } from './filter-query.ts';

describe('parseFilterQuery', () => {
  it('reads conditions with typed values', () => {
    expect(parseFilterQuery('stage = replied')).toEqual({ filters: [{ field: 'stage', op: 'eq', value: 'replied' }], search: '', summary: 'Rows where stage = “replied”' });
    expect(parseFilterQuery('score >= 10 and score<20').filters).toEqual([
      { field: 'score', op: 'gte', value: 10 },
      { field: 'score', op: 'lt', value: 20 },
    ]);
    expect(parseFilterQuery('zip = "02134"').filters).toEqual([{ field: 'zip', op: 'eq', value: '02134' }]);
    expect(parseFilterQuery('replied != true').filters).toEqual([{ field: 'replied', op: 'neq', value: true }]);
    expect(parseFilterQuery('email ~ acme, company.name contains Acme Inc').filters).toEqual([
      { field: 'email', op: 'contains', value: 'acme' },
      { field: 'company.name', op: 'contains', value: 'Acme Inc' },
    ]);
    expect(parseFilterQuery('phone exists').filters).toEqual([{ field: 'phone', op: 'exists' }]);
    expect(parseFilterQuery('phone missing').summary).toBe('Rows where phone is missing');
    expect(parseFilterQuery('sentAt > 2026-01-01').filters).toEqual([{ field: 'sentAt', op: 'gt', value: '2026-01-01' }]);
  });

  it('falls back to a text search for anything else', () => {
    expect(parseFilterQuery('jane')).toEqual({ filters: [], search: 'jane', summary: 'Rows containing “jane”' });
    expect(parseFilterQuery('stage =')).toMatchObject({ filters: [], search: 'stage =' });
    expect(parseFilterQuery('a = 1 and hello').search).toBe('a = 1 and hello');
    expect(parseFilterQuery('score > [1]').search).toBe('score > [1]');
    expect(parseFilterQuery('   ')).toEqual({ filters: [], search: '', summary: '' });
  });
});
