/** Marker left where a value was cut, so a reader knows the sample is partial. */
export const TRIMMED = '…';

const STRING_MAX = 500;
const ARRAY_MAX = 20;
const DEPTH_MAX = 12;

/**
 * A JSON value cut down to about `budget` bytes of JSON while keeping its shape: every key
 * path that fits survives (what expression autocomplete needs), long strings are shortened,
 * long arrays keep their first elements, and what no longer fits becomes "…" (keys of an object
 * that overflow are still listed, up to a quarter of the budget more, so paths stay discoverable).
 */
export function trimJson(value: unknown, budget = 8 * 1024): unknown {
  let left = budget;
  const walk = (v: unknown, depth: number): unknown => {
    if (left <= 0) return TRIMMED;
    if (v === null || typeof v === 'boolean' || typeof v === 'number') {
      left -= String(v).length + 1;
      return typeof v === 'number' && !Number.isFinite(v) ? null : v;
    }
    if (typeof v === 'string') {
      const max = Math.max(0, Math.min(STRING_MAX, left - 2));
      const s = v.length > max ? `${v.slice(0, max)}${TRIMMED}` : v;
      left -= s.length + 3;
      return s;
    }
    if (typeof v !== 'object') return null;
    if (depth >= DEPTH_MAX) {
      left -= 3;
      return TRIMMED;
    }
    left -= 2;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const el of v.slice(0, ARRAY_MAX)) {
        if (left <= 0) break;
        out.push(walk(el, depth + 1));
      }
      if (out.length < v.length) out.push(TRIMMED);
      return out;
    }
    const out = new Map<string, unknown>();
    for (const [k, el] of Object.entries(v as Record<string, unknown>)) {
      if (left <= 0) {
        out.set(k, TRIMMED);
        left -= k.length + 6;
        if (left < -budget / 4) break;
        continue;
      }
      left -= k.length + 4;
      out.set(k, walk(el, depth + 1));
    }
    return Object.fromEntries(out);
  };
  return walk(value, 0);
}
