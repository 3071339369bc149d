import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const rule = (value: string) => ({ conditions: [{ left: '{{ $json.kind }}', operator: 'equals', right: value }] });
const items = [{ kind: 'a' }, { kind: 'b' }, { kind: 'z' }, { kind: 'a' }];

async function route(params: Record<string, unknown>) {
  const h = createHarness();
  const outcome = await h.run(workflow([['t', 'core.manualTrigger'], ['e', 'test.emit', { items }], ['s', 'core.switch', params]], ['t -> e', 'e -> s']));
  const output = h.store.getNodeRun(outcome.runId, 's')?.output ?? {};
  return Object.fromEntries(Object.entries(output).map(([port, list]) => [port, list.map((i) => i.json.kind)]));
}

describe('Switch node', () => {
  it('sends each item to the first matching rule, the rest to fallback', async () => {
    expect(await route({ rules: [rule('a'), rule('b')], fallback: 'output' })).toEqual({ '0': ['a', 'a'], '1': ['b'], fallback: ['z'] });
  });

  it('drops unmatched items without a fallback output', async () => {
    expect(await route({ rules: [rule('a')] })).toEqual({ '0': ['a', 'a'] });
  });

  it('sends to every matching rule in "all" mode', async () => {
    const any = { conditions: [{ left: '{{ $json.kind }}', operator: 'isNotEmpty' }] };
    expect(await route({ rules: [rule('a'), any], mode: 'all' })).toEqual({ '0': ['a', 'a'], '1': ['a', 'b', 'z', 'a'] });
  });
});
