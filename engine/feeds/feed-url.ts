import { z } from 'zod';

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Param schema of a feed address; shared by the RSS Read node and the feed trigger. */
export const FeedUrl = z
  .string()
  .min(1)
  .refine(isHttpUrl, { error: 'Must be an http:// or https:// URL' })
  .describe('Address of the feed (RSS 2.0, RSS 1.0/RDF or Atom), e.g. https://example.com/feed.xml');
