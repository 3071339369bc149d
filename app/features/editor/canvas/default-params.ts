/**
 * The params a new node starts with: every top-level property of the type's params JSON Schema
 * that declares a `default`. Properties without one stay unset so the config form shows them
 * empty and the compiler points at the required ones.
 */
export function defaultParams(schema: unknown): Record<string, unknown> {
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const params: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    if (isRecord(property) && 'default' in property && property.default !== undefined) {
      params[key] = structuredClone(property.default);
    }
  }
  return params;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
