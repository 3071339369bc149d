import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateGroup, type Condition } from './conditions.ts';

const c = (left: unknown, operator: Condition['operator'], right?: unknown, caseSensitive = true): Condition => ({
  left,
  operator,
  right,
  caseSensitive,
});

describe('conditions', () => {
  it.each([
    [c(1, 'equals', '1'), true],
    [c('Ab', 'equals', 'ab'), false],
    [c('Ab', 'equals', 'ab', false), true],
    [c(true, 'equals', 'true'), true],
    [c(10, 'gt', 9), true],
    [c('10', 'gt', '9'), true],
    [c('2025-01-02', 'gt', '2025-01-01'), true],
    [c('b', 'lt', 'a'), false],
    [c(5, 'lte', 5), true],
    [c({ a: 1 }, 'gt', 1), false],
    [c([1, 2], 'contains', 2), true],
    [c('hello', 'contains', 'ell'), true],
    [c('hello', 'notContains', 'x'), true],
    [c('hello', 'startsWith', 'he'), true],
    [c('hello', 'endsWith', 'lo'), true],
    [c(undefined, 'exists'), false],
    [c(0, 'exists'), true],
    [c(null, 'notExists'), true],
    [c([], 'isEmpty'), true],
    [c({}, 'isEmpty'), true],
    [c(' ', 'isNotEmpty'), true],
    [c('true', 'isTrue'), true],
    [c(1, 'isTrue'), false],
    [c(false, 'isFalse'), true],
  ])('%o → %s', (condition, expected) => {
    expect(evaluateCondition(condition)).toBe(expected);
  });

  it('combines with and / or', () => {
    const conditions = [c(1, 'equals', 1), c(1, 'equals', 2)];
    expect(evaluateGroup({ combine: 'and', conditions })).toBe(false);
    expect(evaluateGroup({ combine: 'or', conditions })).toBe(true);
  });
});
