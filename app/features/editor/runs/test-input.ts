import { z } from 'zod';

/**
 * The items a "Run with test input" starts with, typed as JSON by the user. Accepts the item
 * list as the server takes it (`[{"json": {…}}]`), and for convenience a single item or a bare
 * object, which are wrapped. Mirrors the server's limits so mistakes show before sending.
 */

export const DEFAULT_TEST_INPUT = '[\n  {\n    "json": {}\n  }\n]';
export const MAX_TEST_ITEMS = 1000;

const ItemSchema = z.object({ json: z.record(z.string(), z.unknown()) }).strict();
export type TestItem = z.infer<typeof ItemSchema>;

export type ParsedTestInput = { ok: true; items: TestItem[] } | { ok: false; error: string };

export function parseTestInput(text: string): ParsedTestInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return { ok: false, error: 'Give at least one item' };
  if (list.length > MAX_TEST_ITEMS) return { ok: false, error: `At most ${MAX_TEST_ITEMS} items` };
  const items: TestItem[] = [];
  for (const [i, entry] of list.entries()) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return { ok: false, error: `Item ${i + 1} must be an object like {"json": {…}}` };
    }
    const parsed = ItemSchema.safeParse(entry);
    if (!parsed.success && 'json' in entry && Object.keys(entry).length === 1) {
      return { ok: false, error: `Item ${i + 1}: "json" must be an object` };
    }
    // A bare object is taken as the item's json.
    items.push(parsed.success ? parsed.data : { json: entry as Record<string, unknown> });
  }
  return { ok: true, items };
}
