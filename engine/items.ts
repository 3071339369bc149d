/** The unit of data that flows between nodes: one JSON object per item. */
export type JsonObject = Record<string, unknown>;

export interface Item {
  json: JsonObject;
}

/** Items keyed by port name, e.g. `{ main: [...] }` or `{ true: [...], false: [...] }`. */
export type PortItems = Record<string, Item[]>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isItem(value: unknown): value is Item {
  return isJsonObject(value) && isJsonObject(value.json);
}

/**
 * Turns whatever user code produced into items: `{ json }` objects are kept,
 * plain objects are wrapped, and primitives become `{ json: { value } }`.
 */
export function toItems(values: unknown): Item[] {
  const list = Array.isArray(values) ? values : values === undefined || values === null ? [] : [values];
  return list.map((value) => {
    if (isItem(value) && Object.keys(value).length === 1) return { json: value.json };
    if (isJsonObject(value)) return { json: value };
    return { json: { value } };
  });
}

export function countItems(ports: PortItems): number {
  let n = 0;
  for (const key in ports) n += ports[key]?.length ?? 0;
  return n;
}

/** Reads a dotted path (`a.b.0.c`) from a JSON value; undefined when any step is missing. */
export function getPath(value: unknown, path: string | readonly (string | number)[]): unknown {
  const parts = typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path;
  let current: unknown = value;
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part as string];
  }
  return current;
}

/** Returns a copy of `target` with `value` written at the dotted path, creating objects on the way. */
export function setPath(target: JsonObject, path: string, value: unknown): JsonObject {
  const parts = path.split('.');
  const root: JsonObject = { ...target };
  let current: JsonObject = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    const next = current[key];
    const copy: JsonObject = isJsonObject(next) ? { ...next } : {};
    current[key] = copy;
    current = copy;
  }
  current[parts[parts.length - 1] as string] = value;
  return root;
}

/** Returns a copy of `target` without the value at the dotted path. */
export function deletePath(target: JsonObject, path: string): JsonObject {
  const parts = path.split('.');
  const root: JsonObject = { ...target };
  let current: JsonObject = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    const next = current[key];
    if (!isJsonObject(next)) return root;
    const copy = { ...next };
    current[key] = copy;
    current = copy;
  }
  delete current[parts[parts.length - 1] as string];
  return root;
}
