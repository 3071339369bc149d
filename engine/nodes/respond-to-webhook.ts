import { z } from 'zod';
import { defineNode } from '../node-api.ts';
import { NameValueListSchema } from './shared/name-value.ts';

export const respondToWebhook = defineNode({
  type: 'core.respondToWebhook',
  version: 1,
  displayName: 'Respond to Webhook',
  description: 'Sends the HTTP response of a webhook-triggered run.',
  docs: [
    'Used with a Webhook trigger whose response mode is **respondNode**. Sends status, headers and a body built from',
    '**respondWith**: the first item\'s JSON, all items\' JSON as an array, a JSON value, a text, or nothing.',
    'Only the first response of a run is sent. The items pass through unchanged.',
  ].join('\n'),
  category: 'core',
  icon: '↩️',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: z.object({
    status: z.number().int().min(100).max(599).default(200).describe('HTTP status code'),
    headers: NameValueListSchema.describe('Response headers'),
    respondWith: z
      .enum(['firstItem', 'allItems', 'json', 'text', 'noData'])
      .default('firstItem')
      .describe('What the body contains'),
    json: z.unknown().optional().describe('respondWith json: the body'),
    text: z.string().optional().describe('respondWith text: the body'),
  }),
  runsPerItem: false,
  run(ctx) {
    const p = ctx.params;
    const headers: Record<string, string> = {};
    for (const h of p.headers) headers[h.name.toLowerCase()] = String(h.value);
    let body: unknown;
    switch (p.respondWith) {
      case 'firstItem':
        body = ctx.items[0]?.json ?? {};
        break;
      case 'allItems':
        body = ctx.items.map((i) => i.json);
        break;
      case 'json':
        body = p.json ?? null;
        break;
      case 'text':
        body = p.text ?? '';
        headers['content-type'] ??= 'text/plain; charset=utf-8';
        break;
      case 'noData':
        body = undefined;
        break;
    }
    if (body !== undefined && p.respondWith !== 'text') headers['content-type'] ??= 'application/json; charset=utf-8';
    ctx.respond({ status: p.status, headers, body });
    return ctx.items;
  },
});
