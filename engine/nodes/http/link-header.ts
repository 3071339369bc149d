/** The URL of the `rel="next"` entry of an RFC 8288 Link header, if any. */
export function nextLinkFromHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = part.match(/^\s*<([^>]*)>(.*)$/);
    if (!match) continue;
    const params = match[2] ?? '';
    const rel = params.match(/;\s*rel\s*=\s*"?([^";]+)"?/i);
    if (rel && (rel[1] as string).toLowerCase().split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}
