import type { CompiledDag, DagNode } from '../dag.ts';
import type { NodeRunRecord, StoredRun } from './checkpoint-store.ts';
import { measurePorts } from './output-limit.ts';
import type { NodeResult } from './run-env.ts';

export interface Hydrated {
  results: (NodeResult | undefined)[];
  priorAttempts: number[];
  /** Waiting nodes whose time has come: they complete at the start of this execution. */
  dueWaiting: { index: number; record: NodeRunRecord }[];
}

function settledResult(record: NodeRunRecord): NodeResult | undefined {
  const output = record.output ?? {};
  let sizes: Record<string, number>;
  try {
    sizes = measurePorts(output);
  } catch {
    return undefined;
  }
  const result: NodeResult = {
    status: record.status as NodeResult['status'],
    output,
    sizes,
    attempt: record.attempt,
    seq: record.seq,
  };
  if (record.error) result.error = record.error;
  if (record.continued) result.continued = true;
  if (record.resumeAt !== undefined) result.resumeAt = record.resumeAt;
  return result;
}

/**
 * Rebuilds results from a run's checkpoints so that finished nodes are not run
 * again. A finished node whose stored output was cut to the size limit is
 * re-run only if a node that still has to run consumes it directly.
 */
export function hydrate(dag: CompiledDag, stored: StoredRun | undefined, now: number): Hydrated {
  const n = dag.nodes.length;
  const results: (NodeResult | undefined)[] = new Array(n).fill(undefined);
  const priorAttempts: number[] = new Array(n).fill(0);
  const dueWaiting: Hydrated['dueWaiting'] = [];
  if (!stored) return { results, priorAttempts, dueWaiting };
  const truncated = new Uint8Array(n);
  for (const record of stored.nodes) {
    const node = dag.byId.get(record.nodeId);
    if (!node) continue;
    priorAttempts[node.index] = record.attempt;
    const finished =
      record.status === 'succeeded' || record.status === 'skipped' || (record.status === 'failed' && record.continued === true);
    if (finished) {
      results[node.index] = settledResult(record);
      if (record.outputTruncated) truncated[node.index] = 1;
    } else if (record.status === 'waiting' && record.resumeAt !== undefined) {
      if (now >= record.resumeAt) dueWaiting.push({ index: node.index, record });
      else results[node.index] = settledResult(record);
    }
  }
  // Reverse topological order: a re-run node may need its own truncated inputs re-run too.
  for (let i = n - 1; i >= 0; i--) {
    if (!truncated[i]) continue;
    const node = dag.nodes[i] as DagNode;
    if (node.downstream.some((d) => results[d] === undefined && !dueWaiting.some((w) => w.index === d))) results[i] = undefined;
  }
  return { results, priorAttempts, dueWaiting };
}
