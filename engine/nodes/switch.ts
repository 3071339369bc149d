import { z } from 'zod';
import { defineNode, type PortDef } from '../node-api.ts';
import type { Item } from '../items.ts';
import { ConditionGroupSchema, evaluateGroup } from './shared/conditions.ts';

export const FALLBACK_PORT = 'fallback';

const RuleSchema = ConditionGroupSchema.extend({
  label: z.string().optional().describe('Name shown on the output'),
});

const SwitchParams = z.object({
  rules: z.array(RuleSchema).min(1).max(32).describe('One output per rule, named "0", "1", … in order'),
  mode: z.enum(['first', 'all']).default('first').describe('Send an item to the first matching rule only, or to every matching rule'),
  fallback: z.enum(['none', 'output']).default('none').describe('Items matching no rule: drop them, or send them to the "fallback" output'),
});

/** Ports follow the rules: "0" … "n-1", plus "fallback" when enabled. */
function switchOutputs(params: Record<string, unknown>): PortDef[] {
  const rules = Array.isArray(params.rules) ? params.rules : [];
  const ports: PortDef[] = rules.map((rule: unknown, i) => {
    const label = typeof rule === 'object' && rule !== null && typeof (rule as { label?: unknown }).label === 'string'
      ? ((rule as { label: string }).label)
      : `Rule ${i}`;
    return { name: String(i), label };
  });
  if (params.fallback === 'output') ports.push({ name: FALLBACK_PORT, label: 'Fallback' });
  return ports;
}

export const switchNode = defineNode({
  type: 'core.switch',
  version: 1,
  displayName: 'Switch',
  description: 'Routes each item to the output of the rule it matches.',
  docs: [
    'Each rule is a condition group and has its own output, named by its position ("0", "1", …).',
    'In **first** mode an item goes to the first matching rule; in **all** mode to every matching rule.',
    'Items that match nothing are dropped, or go to **fallback** when that output is enabled.',
    'Outputs that receive no items are untaken branches: the nodes after them are skipped.',
  ].join('\n'),
  category: 'flow',
  icon: '🚦',
  inputs: [{ name: 'main' }],
  outputs: switchOutputs,
  params: SwitchParams,
  run(ctx) {
    const { rules, mode, fallback } = ctx.params;
    const item = ctx.item ?? { json: {} };
    const out: Record<string, Item[]> = {};
    let matched = false;
    for (let i = 0; i < rules.length; i++) {
      if (!evaluateGroup(rules[i] as z.infer<typeof RuleSchema>)) continue;
      out[String(i)] = [item];
      matched = true;
      if (mode === 'first') break;
    }
    if (!matched && fallback === 'output') out[FALLBACK_PORT] = [item];
    return out;
  },
});
