import { defineNode } from '../node-api.ts';
import { ConditionGroupSchema, evaluateGroup } from './shared/conditions.ts';

export const filter = defineNode({
  type: 'core.filter',
  version: 1,
  displayName: 'Filter',
  description: 'Keeps only the items that match the conditions.',
  docs: [
    'Evaluates the conditions for every item and passes on the items that match; the others are dropped.',
    'If no item matches, the nodes after the filter are skipped.',
  ].join('\n'),
  category: 'flow',
  icon: '🔍',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: ConditionGroupSchema,
  run(ctx) {
    return evaluateGroup(ctx.params) && ctx.item ? [ctx.item] : [];
  },
});
