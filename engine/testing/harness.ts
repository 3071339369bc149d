import { compile, type CompileOptions } from '../compile.ts';
import type { CompiledDag } from '../dag.ts';
import { executeRun } from '../executor/execute-run.ts';
import { MemoryCheckpointStore } from '../executor/memory-store.ts';
import type { ExecuteRunOptions, RunOutcome } from '../executor/options.ts';
import { createDefaultRegistry, type NodeRegistry } from '../registry.ts';
import { CollectingEventSink } from './collecting-sink.ts';
import { FakeClock } from './fake-clock.ts';
import { createTestNodes, TestProbe } from './test-nodes.ts';

/** Compiles or throws with every compile error in the message: tests should not hide bad fixtures. */
export function compileOrThrow(definition: unknown, registry: NodeRegistry, options?: CompileOptions): CompiledDag {
  const result = compile(definition, registry, options);
  if (!result.ok) throw new Error(`Workflow does not compile: ${JSON.stringify(result.errors, null, 2)}`);
  return result.dag;
}

/** Everything an executor test needs, wired with real in-memory implementations and a fake clock. */
export function createHarness(options: { autoAdvance?: boolean; start?: number } = {}) {
  const probe = new TestProbe();
  const registry = createDefaultRegistry().register(createTestNodes(probe));
  const clock = new FakeClock(options.start, { autoAdvance: options.autoAdvance ?? false });
  const store = new MemoryCheckpointStore();
  const sink = new CollectingEventSink();
  let counter = 0;
  return {
    probe,
    registry,
    clock,
    store,
    sink,
    compile: (definition: unknown) => compileOrThrow(definition, registry),
    /** Compiles and runs with the harness' clock, store and sink; `overrides` win. */
    run(definition: unknown, overrides: Partial<ExecuteRunOptions> = {}): Promise<RunOutcome> {
      return executeRun({
        runId: overrides.runId ?? `run-${++counter}`,
        dag: overrides.dag ?? compileOrThrow(definition, registry),
        store,
        sink,
        clock,
        random: () => 0.5,
        ...overrides,
      });
    },
  };
}
