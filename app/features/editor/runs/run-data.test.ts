import { describe, expect, it } from 'vitest';
import { attemptsOf, errorOf, eventsOf, portsOf, reusedBase, type StoredNodeRun } from './run-data.ts';

const nodeRun = (over: Partial<StoredNodeRun>): StoredNodeRun => ({
  nodeId: 'n',
  attempt: 1,
  status: 'succeeded',
  input: null,
  output: null,
  error: null,
  itemCount: null,
  meta: null,
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('stored run data', () => {
  it('turns event rows into sorted run events', () => {
    const rows = [
      { executionId: 'r', seq: 2, type: 'node.started', nodeId: 'a', at: new Date(20), data: null },
      { executionId: 'r', seq: 1, type: 'run.started', nodeId: null, at: new Date(10), data: { x: 1 } },
    ];
    expect(eventsOf(rows)).toEqual([
      { runId: 'r', seq: 1, type: 'run.started', at: 10, data: { x: 1 } },
      { runId: 'r', seq: 2, type: 'node.started', nodeId: 'a', at: 20 },
    ]);
  });

  it('paints reused nodes of a re-run from their checkpoints', () => {
    const base = reusedBase([
      nodeRun({ nodeId: 'a', meta: { seq: 0, reusedFrom: 'r0' }, output: { main: [{ json: {} }, { json: {} }] }, startedAt: new Date(0), finishedAt: new Date(15) }),
      nodeRun({ nodeId: 'b', meta: { seq: 4 } }),
    ]);
    expect(base).toEqual({ a: { status: 'succeeded', retries: 0, attempt: 1, itemCount: 2, outputs: { main: 2 }, durationMs: 15 } });
  });

  it('lists attempts oldest first and reads ports and errors defensively', () => {
    const runs = [nodeRun({ attempt: 2 }), nodeRun({ nodeId: 'x' }), nodeRun({ attempt: 1 })];
    expect(attemptsOf(runs, 'n').map((r) => r.attempt)).toEqual([1, 2]);
    expect(portsOf({ main: [1], bad: 3 })).toEqual({ main: [1] });
    expect(portsOf([1])).toEqual({});
    expect(errorOf({ code: 'HTTP_500', message: 'boom', nodeId: 'n' })).toEqual({ code: 'HTTP_500', message: 'boom' });
    expect(errorOf({ message: 'plain' })).toEqual({ code: 'ERROR', message: 'plain' });
    expect(errorOf('x')).toBeNull();
  });
});
