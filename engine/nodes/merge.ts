import { z } from 'zod';
import { NodeError } from '../errors.ts';
import { getPath, type Item } from '../items.ts';
import { defineNode, type PortDef } from '../node-api.ts';

export const MERGE_MAX_INPUTS = 10;

const MergeParams = z.object({
  mode: z
    .enum(['append', 'combineByKey', 'combineByPosition', 'waitForAll'])
    .default('append')
    .describe('append: all items one input after another; combineByKey: join items with equal keys; combineByPosition: join the n-th items; waitForAll: pass items on only when every input has some'),
  inputs: z.number().int().min(2).max(MERGE_MAX_INPUTS).default(2).describe('Number of inputs (input1 … inputN)'),
  key: z.string().min(1).optional().describe('combineByKey: field compared between inputs (dots for nested fields)'),
  join: z
    .enum(['inner', 'left', 'outer'])
    .default('inner')
    .describe('combine modes: keep only matches (inner), every item of input1 (left), or every item of every input (outer)'),
  outputInput: z
    .number()
    .int()
    .min(1)
    .max(MERGE_MAX_INPUTS)
    .optional()
    .describe('waitForAll: emit only this input\'s items (1-based); default all inputs appended'),
}).refine((p) => p.mode !== 'combineByKey' || p.key !== undefined, { error: 'combineByKey needs a key', path: ['key'] });

type MergeParams = z.infer<typeof MergeParams>;

function inputCount(params: Record<string, unknown>): number {
  const n = params.inputs;
  return typeof n === 'number' && Number.isInteger(n) && n >= 2 && n <= MERGE_MAX_INPUTS ? n : 2;
}

function mergeInputs(params: Record<string, unknown>): PortDef[] {
  return Array.from({ length: inputCount(params) }, (_, i) => ({ name: `input${i + 1}`, label: `Input ${i + 1}` }));
}

function keyOf(item: Item, key: string): string | undefined {
  const value = getPath(item.json, key);
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

/** Joins two lists on a key; later inputs' fields win on conflicts. */
function joinByKey(left: Item[], right: Item[], key: string, join: MergeParams['join']): Item[] {
  const index = new Map<string, Item[]>();
  for (const item of right) {
    const k = keyOf(item, key);
    if (k === undefined) continue;
    const list = index.get(k);
    if (list) list.push(item);
    else index.set(k, [item]);
  }
  const used = new Set<Item>();
  const out: Item[] = [];
  for (const l of left) {
    const k = keyOf(l, key);
    const matches = k === undefined ? undefined : index.get(k);
    if (matches) {
      for (const r of matches) {
        used.add(r);
        out.push({ json: { ...l.json, ...r.json } });
      }
    } else if (join !== 'inner') out.push(l);
  }
  if (join === 'outer') for (const r of right) if (!used.has(r)) out.push(r);
  return out;
}

function joinByPosition(lists: Item[][], join: MergeParams['join']): Item[] {
  const first = lists[0] ?? [];
  const length =
    join === 'inner' ? Math.min(...lists.map((l) => l.length)) : join === 'left' ? first.length : Math.max(...lists.map((l) => l.length));
  const out: Item[] = [];
  for (let i = 0; i < length; i++) {
    let json = {};
    for (const list of lists) if (list[i]) json = { ...json, ...list[i]?.json };
    out.push({ json });
  }
  return out;
}

export const merge = defineNode({
  type: 'core.merge',
  version: 1,
  displayName: 'Merge',
  description: 'Combines the items of two or more branches.',
  docs: [
    'Waits until every branch leading into it has finished or was skipped, then:',
    '- **append**: items of input1, then input2, …',
    '- **combineByKey**: joins items whose **key** field is equal (inner/left/outer join), input by input',
    '- **combineByPosition**: joins the first items, the second items, … of each input',
    '- **waitForAll**: passes items on only if every input received items; otherwise emits nothing, so the nodes after it are skipped',
    'A skipped branch simply contributes no items, so a Merge after an If never waits forever.',
  ].join('\n'),
  category: 'flow',
  icon: '🔗',
  inputs: mergeInputs,
  outputs: [{ name: 'main' }],
  params: MergeParams,
  runsPerItem: false,
  run(ctx) {
    const p = ctx.params;
    const lists = Array.from({ length: p.inputs }, (_, i) => ctx.inputs[`input${i + 1}`] ?? []);
    switch (p.mode) {
      case 'append':
        return lists.flat();
      case 'combineByKey':
        return lists.slice(1).reduce((acc, next) => joinByKey(acc, next, p.key as string, p.join), lists[0] ?? []);
      case 'combineByPosition':
        return joinByPosition(lists, p.join);
      case 'waitForAll': {
        if (lists.some((l) => l.length === 0)) return [];
        if (p.outputInput === undefined) return lists.flat();
        const chosen = lists[p.outputInput - 1];
        if (!chosen) throw new NodeError(`outputInput ${p.outputInput} is beyond the ${p.inputs} inputs`, { code: 'MERGE_BAD_INPUT', retryable: false });
        return chosen;
      }
    }
  },
});
