import { z } from 'zod';
import { defineNode } from '../node-api.ts';

export const manualTrigger = defineNode({
  type: 'core.manualTrigger',
  version: 1,
  displayName: 'Manual Trigger',
  description: 'Starts the workflow when someone clicks Run in the editor.',
  docs: [
    'Starts a run from the editor or the API. It emits the items the run was started with,',
    'or a single empty item `{}` when none were given, so the next node runs exactly once.',
  ].join('\n'),
  category: 'trigger',
  icon: '▶️',
  inputs: [],
  outputs: [{ name: 'main' }],
  params: z.object({}),
  isTrigger: true,
  runsPerItem: false,
  run(ctx) {
    return ctx.items.length > 0 ? ctx.items : [{ json: {} }];
  },
});
