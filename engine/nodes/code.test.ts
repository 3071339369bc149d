import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';
import { normaliseCodeResult } from './code.ts';

const items = [{ price: 2, qty: 3 }, { price: 5, qty: 1 }];

async function runCode(params: Record<string, unknown>) {
  const h = createHarness();
  return h.run(workflow([['t', 'core.manualTrigger'], ['e', 'test.emit', { items }], ['c', 'core.code', params]], ['t -> e', 'e -> c']));
}

describe('Code node', () => {
  it('runs JavaScript over the items in the sandbox', async () => {
    const outcome = await runCode({ code: 'return items.map(({ json }) => ({ ...json, total: json.price * json.qty }));' });
    expect(outcome.output).toEqual([{ json: { price: 2, qty: 3, total: 6 } }, { json: { price: 5, qty: 1, total: 5 } }]);
  });

  it('accepts { json } items back and takes `{{ }}` in code literally', async () => {
    const outcome = await runCode({ code: 'const t = "{{ not an expression }}"; return [{ json: { t, n: items.length } }];' });
    expect(outcome.output).toEqual([{ json: { t: '{{ not an expression }}', n: 2 } }]);
  });

  it('stops runaway code at its time limit', async () => {
    const outcome = await runCode({ code: 'while (true) {}', timeoutMs: 50 });
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_TIMEOUT', nodeId: 'c' } });
  });

  it('reports thrown errors', async () => {
    const outcome = await runCode({ code: 'throw new Error("nope")' });
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_RUNTIME' } });
    expect(outcome.error?.message).toContain('nope');
  });

  it('has no access to the process', async () => {
    const outcome = await runCode({ code: 'return [{ json: { t: typeof process + typeof require } }];' });
    expect(outcome.output).toEqual([{ json: { t: 'undefinedundefined' } }]);
  });

  it('sends console output to the run logger', async () => {
    const h = createHarness();
    const lines: unknown[] = [];
    const log = (message: string, fields?: Record<string, unknown>) => void lines.push([message, fields?.source]);
    await h.run(workflow([['t', 'core.manualTrigger'], ['c', 'core.code', { code: 'console.log("hi", items.length); return items;' }]], ['t -> c']), {
      logger: { debug: log, info: log, warn: log, error: log },
    });
    expect(lines).toEqual([['hi 1', 'code']]);
  });

  it('normalises results', () => {
    expect(normaliseCodeResult([{ a: 1 }, { json: { b: 2 } }])).toEqual([{ json: { a: 1 } }, { json: { b: 2 } }]);
    expect(normaliseCodeResult({ a: 1 })).toEqual([{ json: { a: 1 } }]);
    expect(normaliseCodeResult(undefined)).toEqual([]);
    expect(() => normaliseCodeResult([1])).toThrow(expect.objectContaining({ code: 'CODE_INVALID_RESULT' }));
    expect(() => normaliseCodeResult('x')).toThrow(expect.objectContaining({ code: 'CODE_INVALID_RESULT' }));
  });
});
