import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

describe('executeRun: expression scope', () => {
  it('resolves params per item with $json, $index, $input, $node, $run, $workflow and $now', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['source', 'test.emit', { items: [{ v: 'first' }, { v: 'second' }] }],
          [
            's',
            'core.set',
            {
              keepOthers: false,
              fields: [
                { name: 'v', value: '{{ $json.v }}' },
                { name: 'index', value: '{{ $index }}' },
                { name: 'same', value: '{{ $item.json.v === $json.v }}' },
                { name: 'count', value: '{{ $input.all().length }}' },
                { name: 'firstInput', value: '{{ $input.first().json.v }}' },
                { name: 'fromNode', value: '{{ $node["source"].json.v }}' },
                { name: 'nodeAll', value: '{{ $node["source"].all().length }}' },
                { name: 'nodeItem', value: '{{ $node["source"].item(1).json.v }}' },
                { name: 'run', value: '{{ $run.id }}/{{ $run.trigger.kind }}' },
                { name: 'wf', value: '{{ $workflow.name }}@{{ $workflow.versionId }}' },
                { name: 'now', value: '{{ $now }}' },
              ],
            },
          ],
        ],
        ['t -> source', 'source -> s'],
      ),
      { runId: 'scope-1', workflow: { id: 'w1', name: 'Orders', versionId: 'v7' } },
    );
    expect(outcome.status).toBe('succeeded');
    const common = { count: 2, firstInput: 'first', fromNode: 'first', nodeAll: 2, nodeItem: 'second', run: 'scope-1/manual', wf: 'Orders@v7', now: h.clock.now(), same: true };
    expect(outcome.output).toEqual([{ json: { v: 'first', index: 0, ...common } }, { json: { v: 'second', index: 1, ...common } }]);
  });

  it('exposes only upstream nodes in $node, never parallel branches', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['side', 'test.emit', { items: [{ x: 1 }] }],
          ['s', 'core.set', { fields: [{ name: 'seen', value: '{{ Object.keys($node).sort().join(",") }}' }] }],
        ],
        ['t -> side', 't -> s'],
      ),
    );
    expect(outcome.output).toEqual([{ json: { seen: 't' } }]);
  });

  it('wraps expression errors with the node id, param path and expression', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['s', 'core.set', { fields: [{ name: 'a', value: '{{ $json.missing.deep }}' }] }]], ['t -> s']),
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { nodeId: 's', field: 'params.fields.0.value', expression: expect.stringContaining('$json.missing.deep') },
    });
    expect(outcome.error?.code).toMatch(/^EXPRESSION_/);
    expect(outcome.error?.message).toContain('params.fields.0.value');
  });

  it('validates params again once expressions are resolved', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['w', 'core.wait', { amount: '{{ "soon" }}' }]], ['t -> w']),
    );
    expect(outcome.error).toMatchObject({ code: 'PARAMS_INVALID', nodeId: 'w', field: 'params.amount' });
  });
});
