/**
 * How row values look in the grid and in the row editor. In the editor a value is typed as
 * text: `42`, `true`, `null`, `[1,2]`, `{"a":1}` and `"quoted"` are read as JSON; anything
 * else is a string. Strings that would read as something else are shown quoted, so editing
 * a row and saving it unchanged never changes a value's type.
 */

/** Short one-line text for a grid cell. */
export function formatCell(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The kind of a value, for styling cells (numbers right-aligned, JSON in mono). */
export function cellKind(value: unknown): 'empty' | 'null' | 'string' | 'number' | 'boolean' | 'json' {
  if (value === undefined) return 'empty';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'json';
}

/** The editor text for a value. */
export function formatForEdit(value: unknown): string {
  if (typeof value === 'string') return readsAsJson(value) ? JSON.stringify(value) : value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** The value of editor text. */
export function parseEdited(text: string): unknown {
  const trimmed = text.trim();
  if (readsAsJson(text)) return JSON.parse(trimmed) as unknown;
  return text;
}

function readsAsJson(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed !== text) return false;
  if (!/^(?:-?\d|true$|false$|null$|[[{"])/.test(trimmed)) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}
