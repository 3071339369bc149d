import type { PortItems } from '../items.ts';
import { defineNode } from '../node-api.ts';
import { ConditionGroupSchema, evaluateGroup } from './shared/conditions.ts';

export const ifNode = defineNode({
  type: 'core.if',
  version: 1,
  displayName: 'If',
  description: 'Routes each item to the true or false output.',
  docs: [
    'Evaluates the conditions for every item: matching items go to **true**, the rest to **false**.',
    'An output that receives no items is an untaken branch: the nodes after it are skipped,',
    'and a Merge after both branches still runs with what it got.',
  ].join('\n'),
  category: 'flow',
  icon: '🔀',
  inputs: [{ name: 'main' }],
  outputs: [
    { name: 'true', label: 'True' },
    { name: 'false', label: 'False' },
  ],
  params: ConditionGroupSchema,
  run(ctx): PortItems {
    const item = ctx.item ?? { json: {} };
    return evaluateGroup(ctx.params) ? { true: [item] } : { false: [item] };
  },
});
