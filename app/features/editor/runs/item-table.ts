/**
 * Items as a table: one row per item, one column per top-level key of `item.json` (the union
 * over all items, in order of first appearance). Pure.
 */

export const MAX_COLUMNS = 60;

export interface TableColumns {
  columns: string[];
  /** Keys left out past MAX_COLUMNS. */
  hidden: number;
}

export function tableColumns(items: readonly unknown[], max = MAX_COLUMNS): TableColumns {
  const seen = new Set<string>();
  for (const item of items) {
    const json = jsonOf(item);
    if (!json) continue;
    for (const key of Object.keys(json)) seen.add(key);
  }
  const all = [...seen];
  return { columns: all.slice(0, max), hidden: Math.max(0, all.length - max) };
}

/** The item's `json` object (or the value itself when it is a plain object without one). */
export function jsonOf(item: unknown): Record<string, unknown> | null {
  if (!isObject(item)) return null;
  return isObject(item.json) ? item.json : item;
}

/** A short, one-line rendering of a cell; objects and arrays as compact JSON. */
export function cellText(value: unknown, maxLength = 120): string {
  if (value === undefined) return '';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === null || typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
