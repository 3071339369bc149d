import { z } from 'zod';
import { deletePath, setPath, type JsonObject } from '../items.ts';
import { NodeError } from '../errors.ts';
import { defineNode } from '../node-api.ts';

const FieldSchema = z.object({
  name: z.string().min(1).describe('Field to write; dots make nested fields (address.city)'),
  value: z.unknown().describe('New value; usually an expression such as {{ $json.firstName }}'),
  type: z
    .enum(['auto', 'string', 'number', 'boolean', 'json'])
    .default('auto')
    .describe('Convert the value to this type (json parses a JSON string)'),
});

function convert(value: unknown, type: z.infer<typeof FieldSchema>['type'], name: string): unknown {
  switch (type) {
    case 'auto':
      return value;
    case 'string':
      return typeof value === 'string' ? value : value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) throw new NodeError(`Field "${name}": ${JSON.stringify(value)} is not a number`, { code: 'SET_TYPE_MISMATCH', retryable: false });
      return n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 1 || value === '1') return true;
      if (value === 'false' || value === 0 || value === '0' || value === '') return false;
      throw new NodeError(`Field "${name}": ${JSON.stringify(value)} is not a boolean`, { code: 'SET_TYPE_MISMATCH', retryable: false });
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        throw new NodeError(`Field "${name}": value is not valid JSON`, { code: 'SET_TYPE_MISMATCH', retryable: false });
      }
  }
}

export const set = defineNode({
  type: 'core.set',
  version: 1,
  displayName: 'Edit Fields (Set)',
  description: 'Adds, changes or removes fields of each item.',
  docs: [
    'Writes each field in **fields** (expressions are evaluated per item), optionally converting its type.',
    'With **keepOthers** on (default) the item keeps its other fields; off, the output has only the fields set here.',
    '**remove** lists fields to delete. Dots in names address nested fields.',
  ].join('\n'),
  category: 'data',
  icon: '✏️',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: z.object({
    fields: z.array(FieldSchema).default([]).describe('Fields to write'),
    keepOthers: z.boolean().default(true).describe('Keep fields of the input item that are not set here'),
    remove: z.array(z.string().min(1)).default([]).describe('Fields to delete'),
  }),
  run(ctx) {
    const { fields, keepOthers, remove } = ctx.params;
    let json: JsonObject = keepOthers ? (ctx.item?.json ?? {}) : {};
    for (const field of fields) json = setPath(json, field.name, convert(field.value, field.type, field.name));
    for (const path of remove) json = deletePath(json, path);
    return [{ json }];
  },
});
