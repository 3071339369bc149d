import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const items = [{ id: 1 }, { id: 2, bad: true }, { id: 3 }];

describe('executeRun: onError', () => {
  it('stop: fails the run at the failing node; nothing after it runs', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['f', 'test.flaky'], ['r', 'test.record']], ['t -> f', 'f -> r']),
    );
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'TEST_FAILURE', nodeId: 'f' } });
    expect(h.store.getNodeRun(outcome.runId, 'f')).toMatchObject({ status: 'failed', error: { code: 'TEST_FAILURE' } });
    expect(h.store.getNodeRun(outcome.runId, 'r')).toBeUndefined();
    expect(h.sink.trace().slice(-2)).toEqual(['node.failed:f', 'run.finished']);
    expect(h.sink.events.at(-1)?.data).toMatchObject({ status: 'failed', error: { code: 'TEST_FAILURE' } });
  });

  it('stop: cancels branches still running elsewhere', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow([['t', 'core.manualTrigger'], ['g', 'test.gate'], ['f', 'test.flaky']], ['t -> g', 't -> f']),
    );
    expect(outcome.status).toBe('failed');
    expect(h.store.getNodeRun(outcome.runId, 'g')).toMatchObject({ status: 'cancelled', error: { code: 'NODE_CANCELLED' } });
    expect(h.sink.ofType('node.cancelled').map((e) => [e.nodeId, e.data?.reason])).toEqual([['g', 'stopped']]);
  });

  it('continue: passes failing items through and marks the node failed-but-continued', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['e', 'test.emit', { items }],
          ['f', 'test.flaky', { failWhen: 'bad' }, { onError: 'continue' }],
          ['r', 'test.record'],
        ],
        ['t -> e', 'e -> f', 'f -> r'],
      ),
    );
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.map((i) => i.json.id)).toEqual([1, 2, 3]);
    expect(h.store.getNodeRun(outcome.runId, 'f')).toMatchObject({
      status: 'failed',
      continued: true,
      error: { code: 'TEST_FAILURE', nodeId: 'f' },
      output: { main: [{ json: { id: 1 } }, { json: { id: 2, bad: true } }, { json: { id: 3 } }] },
    });
    expect(h.sink.ofNode('f').at(-1)).toMatchObject({ type: 'node.failed', data: { continued: true, errorCount: 1 } });
  });

  it('continue: a whole-list node passes its input on', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['w', 'core.wait', { mode: 'until', until: 'not a date' }, { onError: 'continue' }],
          ['r', 'test.record'],
        ],
        ['t -> w', 'w -> r'],
      ),
    );
    expect(outcome).toMatchObject({ status: 'succeeded', output: [{ json: { path: ['r'] } }] });
    expect(h.store.getNodeRun(outcome.runId, 'w')).toMatchObject({ status: 'failed', continued: true, error: { code: 'WAIT_INVALID_TIME' } });
  });

  it('error-output: routes failing items to the error port with the error attached', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['e', 'test.emit', { items }],
          ['f', 'test.flaky', { failWhen: 'bad' }, { onError: 'error-output' }],
          ['ok', 'test.record'],
          ['handler', 'test.record'],
        ],
        ['t -> e', 'e -> f', 'f -> ok', 'f.error -> handler'],
      ),
    );
    expect(outcome.status).toBe('succeeded');
    const ok = h.store.getNodeRun(outcome.runId, 'ok');
    const handler = h.store.getNodeRun(outcome.runId, 'handler');
    expect(ok?.output?.main?.map((i) => i.json.id)).toEqual([1, 3]);
    expect(handler?.output?.main).toEqual([
      { json: { id: 2, bad: true, error: { message: 'boom', code: 'TEST_FAILURE', nodeId: 'f' }, path: ['handler'] } },
    ]);
    expect(h.store.getNodeRun(outcome.runId, 'f')).toMatchObject({ status: 'succeeded', continued: true });
  });

  it('error-output: when everything fails, the main branch is skipped', async () => {
    const h = createHarness();
    const outcome = await h.run(
      workflow(
        [
          ['t', 'core.manualTrigger'],
          ['f', 'test.flaky', {}, { onError: 'error-output' }],
          ['ok', 'test.record'],
          ['handler', 'test.record'],
        ],
        ['t -> f', 'f -> ok', 'f.error -> handler'],
      ),
    );
    expect(outcome.status).toBe('succeeded');
    expect(h.store.getNodeRun(outcome.runId, 'ok')?.status).toBe('skipped');
    expect(h.probe.count('handler')).toBe(1);
  });
});
