import { z } from 'zod';
import { defineNode } from '../node-api.ts';

export const noOp = defineNode({
  type: 'core.noOp',
  version: 1,
  displayName: 'No Operation',
  description: 'Passes its input through unchanged.',
  docs: 'Does nothing and passes every input item on as is. Useful as a junction to collect several branches, or as a placeholder.',
  category: 'utility',
  icon: '➡️',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: z.object({}),
  runsPerItem: false,
  run(ctx) {
    return ctx.items;
  },
});
