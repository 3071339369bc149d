import { z } from 'zod';
import { fetchFeed } from '../feeds/fetch-feed.ts';
import { FeedUrl } from '../feeds/feed-url.ts';
import { FEED_LIMITS } from '../feeds/parse-feed.ts';
import { defineNode } from '../node-api.ts';

export const RssReadParams = z.object({
  url: FeedUrl,
  limit: z
    .number()
    .int()
    .min(1)
    .max(FEED_LIMITS.maxItems)
    .default(50)
    .describe('Most entries to output, in the order the feed lists them (usually newest first)'),
});
export type RssReadParams = z.infer<typeof RssReadParams>;

export const rssRead = defineNode({
  type: 'core.rssRead',
  version: 1,
  displayName: 'RSS Read',
  description: 'Reads an RSS or Atom feed and outputs one item per entry.',
  docs: [
    'Fetches the feed at **url** (RSS 2.0, RSS 1.0/RDF or Atom) once per input item and outputs up to **limit** entries,',
    'each as `{ id, title, link, summary, contentSnippet, content?, author?, publishedAt, categories }`:',
    '- **id** is the guid (RSS), id (Atom) or rdf:about (RDF), else the link;',
    '- **summary** is the description/summary as given (often HTML), **contentSnippet** its plain text (500 characters at most),',
    '  **content** the full content (`content:encoded` or Atom content) when the feed has it;',
    '- **publishedAt** is an ISO 8601 date or null.',
    'Anything that is not a feed (an HTML page, malformed XML) fails with `FEED_INVALID`; feeds above 5 MB with `FEED_TOO_LARGE`;',
    'HTTP errors with `FEED_HTTP_STATUS` (429 and 5xx are retryable).',
    'Private, loopback and cloud-metadata addresses are refused unless the server\'s HTTP allow-list permits them.',
    'To start a workflow when a feed gets new entries, use the RSS Feed Trigger instead.',
  ].join('\n'),
  category: 'integration',
  icon: '📰',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: RssReadParams,
  async run(ctx) {
    const result = await fetchFeed(ctx.fetch, ctx.params.url, { signal: ctx.signal });
    // No validators were sent, so a 304 cannot happen; treat one as an empty feed.
    if (result.notModified) return [];
    return result.feed.items.slice(0, ctx.params.limit).map((item) => ({ json: item }));
  },
});
