import { z } from 'zod';

export const ConditionOperator = {
  Equals: 'equals',
  NotEquals: 'notEquals',
  Gt: 'gt',
  Gte: 'gte',
  Lt: 'lt',
  Lte: 'lte',
  Contains: 'contains',
  NotContains: 'notContains',
  StartsWith: 'startsWith',
  EndsWith: 'endsWith',
  Exists: 'exists',
  NotExists: 'notExists',
  IsEmpty: 'isEmpty',
  IsNotEmpty: 'isNotEmpty',
  IsTrue: 'isTrue',
  IsFalse: 'isFalse',
} as const;
export type ConditionOperator = (typeof ConditionOperator)[keyof typeof ConditionOperator];

const operators = Object.values(ConditionOperator) as [ConditionOperator, ...ConditionOperator[]];

export const ConditionSchema = z.object({
  left: z.unknown().describe('Value to test, usually an expression such as {{ $json.status }}'),
  operator: z.enum(operators).describe('Comparison'),
  right: z.unknown().optional().describe('Value to compare with (not used by exists/isEmpty/isTrue…)'),
  caseSensitive: z.boolean().default(true).describe('For text comparisons'),
});

export const ConditionGroupSchema = z.object({
  combine: z.enum(['and', 'or']).default('and').describe('All conditions must hold (and) or any one (or)'),
  conditions: z.array(ConditionSchema).min(1).describe('Conditions evaluated against each item'),
});

export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionGroup = z.infer<typeof ConditionGroupSchema>;

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function asText(value: unknown, caseSensitive: boolean): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  return caseSensitive ? text : text.toLowerCase();
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function equals(a: unknown, b: unknown, caseSensitive: boolean): boolean {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  return asText(a, caseSensitive) === asText(b, caseSensitive);
}

/** Numbers compare as numbers, ISO dates as dates, everything else as text. */
function compare(a: unknown, b: unknown): number | undefined {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (typeof a === 'string' && typeof b === 'string') {
    const da = Date.parse(a);
    const db = Date.parse(b);
    if (!Number.isNaN(da) && !Number.isNaN(db) && /\d{4}-\d{2}-\d{2}/.test(a) && /\d{4}-\d{2}-\d{2}/.test(b)) return da - db;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

function contains(haystack: unknown, needle: unknown, caseSensitive: boolean): boolean {
  if (Array.isArray(haystack)) return haystack.some((v) => equals(v, needle, caseSensitive));
  return asText(haystack, caseSensitive).includes(asText(needle, caseSensitive));
}

function truthy(value: unknown): boolean {
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  return value === true;
}

export function evaluateCondition(condition: Condition): boolean {
  const { left, right, caseSensitive } = condition;
  switch (condition.operator) {
    case 'equals':
      return equals(left, right, caseSensitive);
    case 'notEquals':
      return !equals(left, right, caseSensitive);
    case 'gt':
      return (compare(left, right) ?? NaN) > 0;
    case 'gte':
      return (compare(left, right) ?? NaN) >= 0;
    case 'lt':
      return (compare(left, right) ?? NaN) < 0;
    case 'lte':
      return (compare(left, right) ?? NaN) <= 0;
    case 'contains':
      return contains(left, right, caseSensitive);
    case 'notContains':
      return !contains(left, right, caseSensitive);
    case 'startsWith':
      return asText(left, caseSensitive).startsWith(asText(right, caseSensitive));
    case 'endsWith':
      return asText(left, caseSensitive).endsWith(asText(right, caseSensitive));
    case 'exists':
      return left !== undefined && left !== null;
    case 'notExists':
      return left === undefined || left === null;
    case 'isEmpty':
      return isEmpty(left);
    case 'isNotEmpty':
      return !isEmpty(left);
    case 'isTrue':
      return truthy(left);
    case 'isFalse':
      return !truthy(left);
    default:
      return assertUnreachable(condition.operator);
  }
}

export function evaluateGroup(group: ConditionGroup): boolean {
  return group.combine === 'and' ? group.conditions.every(evaluateCondition) : group.conditions.some(evaluateCondition);
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled operator ${String(value)}`);
}
