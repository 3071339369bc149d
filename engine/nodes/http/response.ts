import { NodeError } from '../../errors.ts';
import { getPath, isJsonObject, type Item } from '../../items.ts';

export type ResponseFormat = 'auto' | 'json' | 'text';

/** Reads the body as JSON or text. `auto` parses JSON when the content type says so. */
export async function readBody(response: Response, format: ResponseFormat, method: string): Promise<unknown> {
  if (method === 'HEAD' || response.status === 204 || response.status === 304) {
    await response.body?.cancel();
    return undefined;
  }
  const text = await response.text();
  const isJsonType = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
  if (format === 'text' || (format === 'auto' && !isJsonType)) return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (format === 'auto') return text;
    throw new NodeError('Response body is not valid JSON', { code: 'HTTP_INVALID_JSON', retryable: false, details: { status: response.status } });
  }
}

export function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * Items from one response: the array at `itemsPath` (or a top-level array) gives
 * one item per element; an object gives one item; text gives `{ body }`.
 * With `full`, one item `{ statusCode, headers, body }` instead.
 */
export function responseItems(
  body: unknown,
  response: Response,
  options: { full: boolean; splitArray: boolean; itemsPath?: string | undefined },
): Item[] {
  if (options.full) return [{ json: { statusCode: response.status, headers: headersObject(response.headers), body: body ?? null } }];
  let data = body;
  if (options.itemsPath) {
    data = getPath(body, options.itemsPath);
    if (data === undefined) return [];
  }
  if (Array.isArray(data) && (options.splitArray || options.itemsPath)) {
    return data.map((value) => ({ json: isJsonObject(value) ? value : { value } }));
  }
  if (data === undefined) return [{ json: {} }];
  if (isJsonObject(data)) return [{ json: data }];
  if (typeof data === 'string') return [{ json: { body: data } }];
  return [{ json: { value: data } }];
}
