import { z } from 'zod';
import { defineNode } from '../node-api.ts';
import type { Item } from '../items.ts';

export const splitInBatches = defineNode({
  type: 'core.splitInBatches',
  version: 1,
  displayName: 'Loop Over Items (Split in Batches)',
  description: 'Groups items into batches so the following nodes run once per batch.',
  docs: [
    'Workflows are acyclic, so a loop is expressed by batching: this node emits one item per batch,',
    '`{ batchIndex, batchCount, items: [ …json of the batch… ] }`, and every per-item node after it runs once per batch',
    '(for example one HTTP request per 100 records with the body `{{ $json.items }}`).',
    'With **mode** `items` the original items are passed on unchanged but annotated with `batchIndex`.',
  ].join('\n'),
  category: 'flow',
  icon: '🔁',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: z.object({
    batchSize: z.number().int().min(1).max(100_000).default(10).describe('Items per batch'),
    mode: z
      .enum(['batches', 'items'])
      .default('batches')
      .describe('batches: one item per batch; items: the items themselves, each with batchIndex'),
  }),
  runsPerItem: false,
  run(ctx) {
    const { batchSize, mode } = ctx.params;
    const batchCount = Math.ceil(ctx.items.length / batchSize);
    const out: Item[] = [];
    for (let b = 0; b < batchCount; b++) {
      const batch = ctx.items.slice(b * batchSize, (b + 1) * batchSize);
      if (mode === 'batches') out.push({ json: { batchIndex: b, batchCount, items: batch.map((i) => i.json) } });
      else for (const item of batch) out.push({ json: { ...item.json, batchIndex: b } });
    }
    return out;
  },
});
