import type { RouterInputs } from '../../lib/trpc.ts';
import { formatCell, parseEdited } from './cell-values.ts';

export type RowFilter = NonNullable<RouterInputs['dataTable']['rows']['filters']>[number];

export type FilterQuery = {
  filters: RowFilter[];
  /** Free text matched anywhere in a row (when the box holds no conditions). */
  search: string;
  /** How the box was read, for the hint under it. */
  summary: string;
};

const OPERATORS: Array<[string, RowFilter['op']]> = [
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['!=', 'neq'],
  ['=', 'eq'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['~', 'contains'],
];
const LABEL: Record<RowFilter['op'], string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', in: 'in', exists: 'exists', notExists: 'is missing' };
const FIELD = String.raw`([\p{L}\p{N}_$-][\p{L}\p{N}_$.-]*)`;
const COMPARISON = new RegExp(`^${FIELD}\\s*(>=|<=|!=|=|>|<|~)\\s*(.*)$`, 'u');
const WORDY = new RegExp(`^${FIELD}\\s+(contains|exists|is missing|missing)(?:\\s+(.*))?$`, 'iu');

/**
 * Reads the filter box: `stage = replied`, `score >= 10`, `email ~ acme` (or `contains`),
 * `phone exists`, `phone missing`, joined with `and` or commas. Values read like the row
 * editor's (`10` is a number, `"10"` a string). Anything else is a text search.
 */
export function parseFilterQuery(text: string): FilterQuery {
  const trimmed = text.trim();
  if (!trimmed) return { filters: [], search: '', summary: '' };
  const parts = trimmed.split(/\s+and\s+|\s*,\s*/i).filter(Boolean);
  const filters: RowFilter[] = [];
  for (const part of parts) {
    const filter = parseCondition(part);
    if (!filter) return { filters: [], search: trimmed, summary: `Rows containing “${trimmed}”` };
    filters.push(filter);
  }
  return { filters, search: '', summary: `Rows where ${filters.map(describe).join(' and ')}` };
}

function parseCondition(part: string): RowFilter | null {
  const wordy = WORDY.exec(part);
  if (wordy) {
    const [, field, word, rest] = wordy as unknown as [string, string, string, string | undefined];
    const op = word.toLowerCase();
    if (op === 'contains') return rest?.trim() ? { field, op: 'contains', value: parseEdited(rest.trim()) } : null;
    if (rest?.trim()) return null;
    return { field, op: op === 'exists' ? 'exists' : 'notExists' };
  }
  const match = COMPARISON.exec(part);
  if (!match) return null;
  const [, field, symbol, raw] = match as unknown as [string, string, string, string];
  const op = OPERATORS.find(([s]) => s === symbol)![1];
  const valueText = raw.trim();
  if (!valueText) return null;
  const value = parseEdited(valueText);
  // Order comparisons take numbers or text; `contains` looks for text.
  if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && typeof value !== 'number' && typeof value !== 'string') return null;
  return { field, op, value: op === 'contains' && typeof value !== 'string' ? valueText : value };
}

function describe(f: RowFilter): string {
  if (f.op === 'exists' || f.op === 'notExists') return `${f.field} ${LABEL[f.op]}`;
  const v = typeof f.value === 'string' ? `“${f.value}”` : formatCell(f.value);
  return `${f.field} ${LABEL[f.op]} ${v}`;
}
