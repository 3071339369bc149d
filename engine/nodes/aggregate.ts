import { z } from 'zod';
import { getPath } from '../items.ts';
import { defineNode } from '../node-api.ts';

export const aggregate = defineNode({
  type: 'core.aggregate',
  version: 1,
  displayName: 'Aggregate',
  description: 'Combines all items into a single item.',
  docs: [
    '- **allItems**: one item whose **destination** field holds the JSON of every input item.',
    '- **fields**: one item with, for each listed field, the list of its values across items',
    '  (missing values are left out unless **keepMissing** is on, then they appear as null).',
  ].join('\n'),
  category: 'data',
  icon: '🧺',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: z.object({
    mode: z.enum(['allItems', 'fields']).default('allItems').describe('What to collect'),
    destination: z.string().min(1).default('data').describe('allItems: field that receives the list'),
    fields: z
      .array(
        z.object({
          field: z.string().min(1).describe('Field to collect (dots for nested fields)'),
          as: z.string().min(1).optional().describe('Output field name; default the field path'),
        }),
      )
      .default([])
      .describe('fields: fields to collect'),
    keepMissing: z.boolean().default(false).describe('fields: keep missing values as null'),
  }),
  runsPerItem: false,
  run(ctx) {
    const p = ctx.params;
    if (p.mode === 'allItems') return [{ json: { [p.destination]: ctx.items.map((i) => i.json) } }];
    const json: Record<string, unknown[]> = {};
    for (const f of p.fields) {
      const values: unknown[] = [];
      for (const item of ctx.items) {
        const value = getPath(item.json, f.field);
        if (value !== undefined) values.push(value);
        else if (p.keepMissing) values.push(null);
      }
      json[f.as ?? f.field] = values;
    }
    return [{ json }];
  },
});
