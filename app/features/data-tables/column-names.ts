/** Same rule as the server's column names: letters, digits, _ - $ and inner spaces; 1–64 characters. */
const COLUMN = /^[\p{L}\p{N}_$-](?:[\p{L}\p{N}_$ -]{0,62}[\p{L}\p{N}_$-])?$/u;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Why `name` cannot be a column, or null when it can. */
export function columnNameError(name: string): string | null {
  if (!name) return 'A column needs a name';
  if (name.includes('.')) return `“${name}”: dots are not allowed in column names`;
  if (!COLUMN.test(name) || RESERVED.has(name)) return `“${name}” is not a valid column name (letters, digits, _ - $ and inner spaces)`;
  return null;
}
