import type { FieldChange, FieldChangeKind, NodeChange } from '../../../../collab/version-diff.ts';
import { diffLines, foldUnchanged, type LineDiffRow } from './line-diff.ts';

/**
 * What the panel shows for one changed node: a row per changed field, with the value before
 * and after in short form, or a folded line diff when either side is long text.
 */
export type FieldRow = {
  path: string;
  /** "Name", "Position", "url", "options.timeout", "retries". */
  label: string;
  group: 'node' | 'settings' | 'params';
  kind: FieldChangeKind;
  before?: string;
  after?: string;
  /** Present instead of before/after when the values are long or span lines. */
  lines?: LineDiffRow[];
};

/** Past this many characters a value is diffed line by line rather than shown whole. */
export const LONG_TEXT = 80;
const SHORT_MAX = 160;

const NODE_LABELS: Record<string, string> = { name: 'Name', type: 'Type', typeVersion: 'Type version', position: 'Position' };

function labelOf(path: string): { group: FieldRow['group']; label: string } {
  if (path.startsWith('params.')) return { group: 'params', label: path.slice('params.'.length) };
  if (path.startsWith('settings.')) return { group: 'settings', label: path.slice('settings.'.length) };
  return { group: 'node', label: NODE_LABELS[path] ?? path };
}

const isPosition = (v: unknown): v is { x: number; y: number } =>
  typeof v === 'object' && v !== null && typeof (v as { x?: unknown }).x === 'number' && typeof (v as { y?: unknown }).y === 'number';

/** A value in one line: text as is, `(empty)` for "", JSON for the rest; cut at SHORT_MAX. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === '') return '(empty)';
  if (isPosition(value)) return `${Math.round(value.x)}, ${Math.round(value.y)}`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SHORT_MAX ? `${text.slice(0, SHORT_MAX - 1)}…` : text;
}

/** Text that reads better as lines: multi-line strings, or long strings and structures. */
function asLongText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.includes('\n') || value.length > LONG_TEXT ? value : null;
  if (typeof value === 'object') {
    const compact = JSON.stringify(value);
    return compact.length > LONG_TEXT ? JSON.stringify(value, null, 2) : null;
  }
  return null;
}

const textOf = (value: unknown): string =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);

export function fieldRow(change: FieldChange): FieldRow {
  const { group, label } = labelOf(change.path);
  const row: FieldRow = { path: change.path, label, group, kind: change.kind };
  const longBefore = asLongText(change.before);
  const longAfter = asLongText(change.after);
  if (longBefore !== null || longAfter !== null) {
    // An added or removed value has no other side to diff against: all of it is new, or gone.
    if (change.kind === 'added') row.lines = textOf(change.after).split('\n').map((text) => ({ op: 'added', text }));
    else if (change.kind === 'removed') row.lines = textOf(change.before).split('\n').map((text) => ({ op: 'removed', text }));
    else row.lines = foldUnchanged(diffLines(longBefore ?? textOf(change.before), longAfter ?? textOf(change.after)));
    return row;
  }
  if (change.kind !== 'added') row.before = formatValue(change.before);
  if (change.kind !== 'removed') row.after = formatValue(change.after);
  return row;
}

const GROUP_ORDER: Record<FieldRow['group'], number> = { node: 0, params: 1, settings: 2 };

/** The rows of a changed node: node fields first, then params, then settings; position last of the node fields. */
export function fieldRows(change: NodeChange): FieldRow[] {
  return change.fields
    .map(fieldRow)
    .sort((a, b) => GROUP_ORDER[a.group] - GROUP_ORDER[b.group] || Number(a.path === 'position') - Number(b.path === 'position'));
}
