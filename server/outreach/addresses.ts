/** The lower-cased bare address of "Jane Doe <Jane@Example.com>" or "jane@example.com"; null if there is none. */
export function bareAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text || text.length > 500) return null;
  const angled = /<\s*([^<>\s]+@[^<>\s]+)\s*>/.exec(text);
  const candidate = angled ? angled[1]! : (/[^\s<>"',;:]+@[^\s<>"',;:]+/.exec(text)?.[0] ?? '');
  const address = candidate.replace(/^mailto:/i, '').toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$|^[^\s@]+@localhost$/.test(address) ? address : null;
}

/** Every address in a header like "a@x.com, B <b@y.org>". */
export function addressList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return [...new Set(value.split(/[,;]/).map(bareAddress).filter((a): a is string => a !== null))];
}
