import { describe, expect, it } from 'vitest';
import { flushAsync } from '../testing/fake-clock.ts';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const never = { conditions: [{ left: 1, operator: 'equals', right: 2 }] };
const always = { conditions: [{ left: 1, operator: 'equals', right: 1 }] };

describe('executeRun: flow', () => {
  it('runs a diamond: both branches after the trigger, the merge after both', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['a', 'test.record'],
          ['b', 'test.record'],
          ['m', 'core.merge'],
          ['end', 'test.record'],
        ],
        ['t -> a', 't -> b', 'a -> m.input1', 'b -> m.input2', 'm -> end'],
      ),
    );
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toEqual([{ json: { path: ['a', 'end'] } }, { json: { path: ['b', 'end'] } }]);
    const trace = h.sink.trace();
    const at = (e: string) => trace.indexOf(e);
    expect(trace[0]).toBe('run.started');
    expect(trace.at(-1)).toBe('run.finished');
    expect(at('node.succeeded:t')).toBeLessThan(at('node.started:a'));
    expect(at('node.succeeded:t')).toBeLessThan(at('node.started:b'));
    expect(at('node.started:m')).toBeGreaterThan(Math.max(at('node.succeeded:a'), at('node.succeeded:b')));
    expect(at('node.started:end')).toBeGreaterThan(at('node.succeeded:m'));
    expect(h.probe.log).toEqual(['start:a', 'end:a', 'start:b', 'end:b', 'start:end', 'end:end']);
  });

  it('runs independent branches concurrently: both start before either finishes', async () => {
    const h = createHarness();
    const done = h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['g1', 'test.gate'],
          ['g2', 'test.gate'],
        ],
        ['t -> g1', 't -> g2'],
      ),
    );
    await h.probe.waitFor('start:g1');
    await h.probe.waitFor('start:g2');
    expect(h.probe.log).toEqual(['start:g1', 'start:g2']);
    h.probe.release('g2');
    h.probe.release('g1');
    expect((await done).status).toBe('succeeded');
    expect(h.probe.log.slice(2).sort()).toEqual(['end:g1', 'end:g2']);
  });

  it('bounds concurrency: with 1, the second branch waits for the first', async () => {
    const h = createHarness();
    const done = h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['g1', 'test.gate'],
          ['g2', 'test.gate'],
        ],
        ['t -> g1', 't -> g2'],
      ),
      { concurrency: 1 },
    );
    await h.probe.waitFor('start:g1');
    await flushAsync(5);
    expect(h.probe.log).toEqual(['start:g1']);
    h.probe.release('g1');
    await h.probe.waitFor('start:g2');
    h.probe.release('g2');
    expect((await done).status).toBe('succeeded');
    expect(h.probe.log).toEqual(['start:g1', 'end:g1', 'start:g2', 'end:g2']);
  });

  it('skips untaken If branches all the way down, and Merge still runs with what it got', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['if', 'core.if', never],
          ['yes', 'test.record'],
          ['yes2', 'test.record'],
          ['no', 'test.record'],
          ['m', 'core.merge'],
        ],
        ['t -> if', 'if.true -> yes', 'yes -> yes2', 'if.false -> no', 'yes2 -> m.input1', 'no -> m.input2'],
      ),
    );
    expect(outcome).toMatchObject({ status: 'succeeded', output: [{ json: { path: ['no'] } }] });
    expect(h.probe.count('yes')).toBe(0);
    expect(h.probe.count('yes2')).toBe(0);
    const run = outcome.runId;
    expect(h.store.getNodeRun(run, 'yes')).toMatchObject({ status: 'skipped', skipReason: 'no-input' });
    expect(h.store.getNodeRun(run, 'yes2')).toMatchObject({ status: 'skipped', skipReason: 'no-input' });
    expect(h.store.getNodeRun(run, 'm')).toMatchObject({ status: 'succeeded' });
    expect(h.sink.trace()).toContain('node.skipped:yes2');
  });

  it('skips a node whose every input branch was skipped', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['f', 'core.filter', never],
          ['a', 'test.record'],
          ['b', 'test.record'],
          ['m', 'core.merge'],
          ['after', 'test.record'],
        ],
        ['t -> f', 'f -> a', 'f -> b', 'a -> m.input1', 'b -> m.input2', 'm -> after'],
      ),
    );
    expect(outcome.status).toBe('succeeded');
    for (const id of ['a', 'b', 'm', 'after']) expect(h.store.getNodeRun(outcome.runId, id)?.status).toBe('skipped');
    expect(outcome.output).toEqual([]);
  });

  it('passes input through disabled nodes', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['d', 'test.record', {}, { disabled: true }],
          ['r', 'test.record'],
        ],
        ['t -> d', 'd -> r'],
      ),
    );
    expect(outcome.output).toEqual([{ json: { path: ['r'] } }]);
    expect(h.probe.count('d')).toBe(0);
    expect(h.store.getNodeRun(outcome.runId, 'd')).toMatchObject({ status: 'skipped', skipReason: 'disabled', output: { main: [{ json: {} }] } });
  });

  it('runs only the trigger that fired; the others are skipped', async () => {
    const h = createHarness();
    const def = workflow(
      [
        ['manual', 'core.manualTrigger'],
        ['hook', 'core.webhookTrigger', { path: 'in' }],
        ['r', 'test.record'],
      ],
      ['manual -> r', 'hook -> r'],
    );
    const outcome = await h.run(def, { trigger: { nodeId: 'hook', kind: 'webhook', items: [{ json: { body: 1 } }] } });
    expect(outcome.output).toEqual([{ json: { body: 1, path: ['r'] } }]);
    expect(h.store.getNodeRun(outcome.runId, 'manual')).toMatchObject({ status: 'skipped', skipReason: 'trigger-not-fired' });
    await expect(h.run(def, { trigger: { nodeId: 'r' } })).rejects.toMatchObject({ code: 'UNKNOWN_TRIGGER' });
  });

  it('routes Switch outputs and runs per item by default', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['e', 'test.emit', { items: [{ n: 1 }, { n: 2 }, { n: 3 }] }],
          ['s', 'core.switch', { rules: [never, always], fallback: 'output' }],
          ['r0', 'test.record'],
          ['r1', 'test.record'],
        ],
        ['t -> e', 'e -> s', 's.0 -> r0', 's.1 -> r1'],
      ),
    );
    expect(h.store.getNodeRun(outcome.runId, 's')?.output).toEqual({
      '0': [],
      '1': [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }],
      fallback: [],
    });
    expect(h.store.getNodeRun(outcome.runId, 'r0')?.status).toBe('skipped');
    expect(outcome.output).toHaveLength(3);
  });

  it('returns the stored outcome when a finished run is executed again', async () => {
    const h = createHarness();
    const def = workflow([['t', 'core.manualTrigger'], ['r', 'test.record']], ['t -> r']);
    const first = await h.run(def, { runId: 'same' });
    const eventsBefore = h.sink.events.length;
    const second = await h.run(def, { runId: 'same' });
    expect(second).toEqual(first);
    expect(h.probe.count('r')).toBe(1);
    expect(h.sink.events.length).toBe(eventsBefore);
  });
});
