/**
 * Node names are unique in a workflow because expressions refer to nodes by name
 * (`$node["HTTP Request"]`). A taken name gets the smallest free number: "HTTP Request 2".
 */

/** "HTTP Request 3" → "HTTP Request"; names without a trailing number are their own base. */
export function baseName(name: string): string {
  const match = /^(.*\S)\s+\d+$/.exec(name);
  return match ? match[1]! : name;
}

export function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  const name = wanted.trim() || 'Node';
  if (!taken.has(name)) return name;
  const base = baseName(name);
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
