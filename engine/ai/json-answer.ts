import { z } from 'zod';

export type JsonAnswer = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** Builds a validator from a JSON Schema given in params; a schema zod cannot read is a clear error. */
export function compileJsonSchema(schema: unknown): { ok: true; validator: z.ZodType } | { ok: false; error: string } {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return { ok: false, error: 'The JSON Schema must be an object' };
  try {
    return { ok: true, validator: z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]) };
  } catch (err) {
    return { ok: false, error: `The JSON Schema is not usable: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * The JSON in a model's answer: the whole text, or the first fenced ```json block (models often
 * wrap JSON in prose or fences even when asked not to).
 */
export function extractJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = text.trim();
  const candidates = [trimmed];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(trimmed);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const first = trimmed.search(/[[{]/);
  const last = Math.max(trimmed.lastIndexOf('}'), trimmed.lastIndexOf(']'));
  if (first > 0 && last > first) candidates.push(trimmed.slice(first, last + 1));
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) as unknown };
    } catch {
      // try the next reading
    }
  }
  return { ok: false, error: 'The answer is not valid JSON' };
}

/** Parses and validates an answer; errors are phrased for the model to fix in a repair turn. */
export function readJsonAnswer(text: string, validator: z.ZodType): JsonAnswer {
  const parsed = extractJson(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const checked = validator.safeParse(parsed.value);
  if (checked.success) return { ok: true, value: checked.data };
  return {
    ok: false,
    errors: checked.error.issues.slice(0, 20).map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`),
  };
}
