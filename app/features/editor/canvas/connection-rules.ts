import { MAIN_PORT } from '../../../../engine/definition.ts';

export type ConnectionAttempt = {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
  targetHandle?: string | null;
};

type EdgeEnds = { source: string; target: string; sourceOutput: string; targetInput: string };

/**
 * Whether a new edge may be drawn: both ends set, not a node to itself, and not a copy of an
 * edge that already joins the same two ports. (Cycles are the compiler's to report: a user
 * may draw one on the way to rewiring.)
 */
export function canConnect(attempt: ConnectionAttempt, existing: Iterable<EdgeEnds>): boolean {
  const { source, target } = attempt;
  if (!source || !target || source === target) return false;
  const sourceOutput = attempt.sourceHandle || MAIN_PORT;
  const targetInput = attempt.targetHandle || MAIN_PORT;
  for (const edge of existing) {
    if (edge.source === source && edge.target === target && edge.sourceOutput === sourceOutput && edge.targetInput === targetInput) {
      return false;
    }
  }
  return true;
}
