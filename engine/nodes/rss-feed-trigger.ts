import { z } from 'zod';
import { fetchFeed } from '../feeds/fetch-feed.ts';
import { FeedUrl } from '../feeds/feed-url.ts';
import { defineNode } from '../node-api.ts';

export const RssFeedTriggerParams = z.object({
  url: FeedUrl,
  pollMinutes: z.number().int().min(1).max(1440).default(15).describe('How often to check the feed, in minutes (1 to 1440)'),
});
export type RssFeedTriggerParams = z.infer<typeof RssFeedTriggerParams>;

export const rssFeedTrigger = defineNode({
  type: 'core.rssFeedTrigger',
  version: 1,
  displayName: 'RSS Feed Trigger',
  description: 'Starts the workflow for every new entry of an RSS or Atom feed.',
  docs: [
    'While the workflow is active, the server checks the feed at **url** every **pollMinutes** minutes and starts',
    'one run per entry it has not seen before, oldest first. The run starts with that entry as its only item:',
    '`{ id, title, link, summary, contentSnippet, content?, author?, publishedAt, categories }` (see RSS Read).',
    '- The first check after activation only records what the feed already lists: old entries start no runs.',
    '  Activating a new version with the same url continues where the previous one left off.',
    '- An entry counts as new by its id (guid / Atom id / link); an edited entry with the same id does not start again.',
    '- A feed that fails (HTTP error, not a feed) is logged and checked again at the next interval.',
    'Run by hand from the editor (no entry given), the node fetches the feed and outputs its first entry as a sample.',
    'Private, loopback and cloud-metadata addresses are refused unless the server\'s HTTP allow-list permits them.',
  ].join('\n'),
  category: 'trigger',
  icon: '📰',
  inputs: [],
  outputs: [{ name: 'main' }],
  params: RssFeedTriggerParams,
  isTrigger: true,
  runsPerItem: false,
  async run(ctx) {
    // Started by the poller (or a retry of such a run): the entries are the run's items.
    const entries = ctx.items.filter((item) => Object.keys(item.json).length > 0);
    if (entries.length > 0) return entries;
    const result = await fetchFeed(ctx.fetch, ctx.params.url, { signal: ctx.signal, maxItems: 1 });
    return result.notModified ? [] : result.feed.items.slice(0, 1).map((item) => ({ json: item }));
  },
});
