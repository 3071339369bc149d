const MAX_STRING = 200;
const MAX_KEYS = 20;
const MAX_ARRAY = 10;
const MAX_DEPTH = 3;

/** A trimmed copy of a JSON value for live events: short strings, few keys, shallow. */
export function previewValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) {
    const head = value.slice(0, MAX_ARRAY).map((v) => previewValue(v, depth + 1));
    if (value.length > MAX_ARRAY) head.push(`… ${value.length - MAX_ARRAY} more`);
    return head;
  }
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const key in value as Record<string, unknown>) {
    if (n++ === MAX_KEYS) {
      out['…'] = 'more keys';
      break;
    }
    out[key] = previewValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}
