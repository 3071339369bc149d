import type { PrismaClient } from '../../generated/prisma/client.ts';
import { trimJson } from './trim-json.ts';

export type NodeOutputSample = { itemCount: number; sample: unknown };
export type LatestOutputs = { runId: string | null; nodes: Record<string, NodeOutputSample> };

/** How many recent runs are searched for a node's last success. */
const RECENT_RUNS = 20;
const SAMPLE_BYTES = 8 * 1024;

type PortItems = Record<string, { json?: unknown }[] | undefined>;

/** The first item of the main port, else of the first other non-error port that has one. */
function firstItemJson(output: unknown): unknown {
  if (!output || typeof output !== 'object') return null;
  const ports = output as PortItems;
  const names = Object.keys(ports).filter((p) => p !== 'error').sort((a, b) => Number(b === 'main') - Number(a === 'main'));
  for (const name of names) {
    const first = ports[name]?.[0];
    if (first && typeof first === 'object') return first.json ?? null;
  }
  return null;
}

/**
 * For expression autocomplete: per node, a trimmed sample (first output item's json) of its most
 * recent succeeded node run among the workflow's last runs, and how many items it produced.
 * Outputs are stored redacted, so no credential value can come back through here.
 */
export async function latestOutputs(db: PrismaClient, workflowId: string): Promise<LatestOutputs> {
  const runs = await db.execution.findMany({ where: { workflowId }, orderBy: { id: 'desc' }, take: RECENT_RUNS, select: { id: true } });
  if (runs.length === 0) return { runId: null, nodes: {} };
  const order = new Map(runs.map((r, i) => [r.id, i]));
  // Choose first without the (possibly large) outputs, then read only the winners.
  const candidates = await db.nodeRun.findMany({
    where: { executionId: { in: runs.map((r) => r.id) }, status: 'succeeded' },
    select: { id: true, nodeId: true, executionId: true, attempt: true },
  });
  const best = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates) {
    const seen = best.get(c.nodeId);
    const newer = !seen || order.get(c.executionId)! < order.get(seen.executionId)! || (c.executionId === seen.executionId && c.attempt > seen.attempt);
    if (newer) best.set(c.nodeId, c);
  }
  const rows = best.size
    ? await db.nodeRun.findMany({ where: { id: { in: [...best.values()].map((c) => c.id) } }, select: { nodeId: true, output: true, itemCount: true, meta: true } })
    : [];
  const nodes = new Map<string, NodeOutputSample>();
  for (const row of rows.sort((a, b) => a.nodeId.localeCompare(b.nodeId))) {
    const truncated = (row.meta as { outputTruncated?: { itemCount?: number } } | null)?.outputTruncated;
    nodes.set(row.nodeId, { itemCount: truncated?.itemCount ?? row.itemCount ?? 0, sample: trimJson(firstItemJson(row.output), SAMPLE_BYTES) });
  }
  return { runId: runs[0]!.id, nodes: Object.fromEntries(nodes) };
}
