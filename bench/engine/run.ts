/**
 * Engine overhead benchmark: µs of executor work per node for no-op workflows,
 * so the number is the engine's own cost (scheduling, params, checkpoints,
 * events), not the nodes'. Run: `npx tsx bench/engine/run.ts`.
 * Other stores plug in through benchEngine({ name: () => store }).
 */
import { pathToFileURL } from 'node:url';
import { compile } from '../../engine/compile.ts';
import type { CompiledDag } from '../../engine/dag.ts';
import type { WorkflowDefinitionInput } from '../../engine/definition.ts';
import type { CheckpointStore } from '../../engine/executor/checkpoint-store.ts';
import type { EventSink } from '../../engine/executor/events.ts';
import { executeRun } from '../../engine/executor/execute-run.ts';
import { MemoryCheckpointStore } from '../../engine/executor/memory-store.ts';
import { createDefaultRegistry } from '../../engine/registry.ts';

export type StoreFactory = () => CheckpointStore | Promise<CheckpointStore>;

export interface BenchOptions {
  warmupRuns?: number;
  runs?: number;
  concurrency?: number;
}

export interface BenchRow {
  scenario: string;
  store: string;
  nodes: number;
  runs: number;
  meanUsPerNode: number;
  p50UsPerNode: number;
  p95UsPerNode: number;
  meanRunMs: number;
  /** Process CPU time (user + system) per node: insensitive to other processes competing for the cores. */
  cpuUsPerNode: number;
  eventsPerRun: number;
}

function chain(length: number): WorkflowDefinitionInput {
  const nodes = [{ id: 'n0', name: 'n0', type: 'core.manualTrigger' }];
  const edges = [];
  for (let i = 1; i < length; i++) {
    nodes.push({ id: `n${i}`, name: `n${i}`, type: 'core.noOp' });
    edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
  }
  return { schemaVersion: 1, nodes, edges };
}

function fanOutIn(width: number): WorkflowDefinitionInput {
  const nodes = [
    { id: 'start', name: 'start', type: 'core.manualTrigger' },
    { id: 'join', name: 'join', type: 'core.noOp' },
  ];
  const edges = [];
  for (let i = 0; i < width; i++) {
    nodes.push({ id: `b${i}`, name: `b${i}`, type: 'core.noOp' });
    edges.push({ id: `out${i}`, source: 'start', target: `b${i}` }, { id: `in${i}`, source: `b${i}`, target: 'join' });
  }
  return { schemaVersion: 1, nodes, edges };
}

function compileOrThrow(definition: WorkflowDefinitionInput): CompiledDag {
  const result = compile(definition, createDefaultRegistry());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.dag;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] as number;
}

function makeSink(counter: { events: number }): EventSink {
  return {
    emit() {
      counter.events++;
    },
  };
}

async function runOnce(scenario: string, id: string, dag: CompiledDag, store: CheckpointStore, sink: EventSink, concurrency: number) {
  const outcome = await executeRun({ runId: id, dag, store, sink, concurrency });
  if (outcome.status !== 'succeeded') throw new Error(`${scenario} run ${id} ended ${outcome.status}`);
}

async function measure(
  scenario: string,
  storeName: string,
  dag: CompiledDag,
  store: CheckpointStore,
  options: Required<BenchOptions>,
): Promise<BenchRow> {
  const counter = { events: 0 };
  const sink = makeSink(counter);
  const nodes = dag.nodes.length;
  const prefix = `${scenario}-${Date.now().toString(36)}`;
  const perNode: number[] = [];
  let total = 0;
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now();
    await runOnce(scenario, `${prefix}-${i}`, dag, store, sink, options.concurrency);
    const ms = performance.now() - start;
    total += ms;
    perNode.push((ms * 1000) / nodes);
  }
  const cpu = process.cpuUsage(cpuStart);
  perNode.sort((a, b) => a - b);
  return {
    scenario,
    store: storeName,
    nodes,
    runs: options.runs,
    meanUsPerNode: perNode.reduce((a, b) => a + b, 0) / perNode.length,
    p50UsPerNode: percentile(perNode, 0.5),
    p95UsPerNode: percentile(perNode, 0.95),
    meanRunMs: total / options.runs,
    cpuUsPerNode: (cpu.user + cpu.system) / options.runs / nodes,
    eventsPerRun: counter.events / options.runs,
  };
}

/**
 * Runs both scenarios against every store and prints a table; returns the rows.
 * Target: ≤ 20 µs per node in memory. Wall-clock columns include time the
 * process spent descheduled; on a busy machine read the p50 and CPU columns.
 */
export async function benchEngine(storeFactories: Record<string, StoreFactory>, options: BenchOptions = {}): Promise<BenchRow[]> {
  const opts: Required<BenchOptions> = { warmupRuns: 500, runs: 300, concurrency: 8, ...options };
  const scenarios: [string, CompiledDag][] = [
    ['chain-100', compileOrThrow(chain(100))],
    ['fan-out-in-100', compileOrThrow(fanOutIn(100))],
  ];
  const rows: BenchRow[] = [];
  for (const [storeName, factory] of Object.entries(storeFactories)) {
    const store = await factory();
    // Warm every scenario up first, so the JIT has settled before anything is measured.
    const sink = makeSink({ events: 0 });
    for (const [scenario, dag] of scenarios) {
      for (let i = 0; i < opts.warmupRuns; i++) {
        await runOnce(scenario, `${scenario}-warm-${Date.now().toString(36)}-${i}`, dag, store, sink, opts.concurrency);
      }
    }
    for (const [scenario, dag] of scenarios) rows.push(await measure(scenario, storeName, dag, store, opts));
  }
  const fmt = (n: number) => n.toFixed(2);
  console.table(
    rows.map((r) => ({
      scenario: r.scenario,
      store: r.store,
      nodes: r.nodes,
      runs: r.runs,
      'µs/node mean': fmt(r.meanUsPerNode),
      'µs/node p50': fmt(r.p50UsPerNode),
      'µs/node p95': fmt(r.p95UsPerNode),
      'CPU µs/node': fmt(r.cpuUsPerNode),
      'ms/run': fmt(r.meanRunMs),
      'events/run': r.eventsPerRun,
    })),
  );
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchEngine({ memory: () => new MemoryCheckpointStore({ keepEvents: false }) });
}
