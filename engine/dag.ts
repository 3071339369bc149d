import type { NodeSettings, WorkflowDefinition } from './definition.ts';
import type { AnyNodeDefinition, PortDef } from './node-api.ts';

/** One edge, resolved to node indexes so the executor never looks ids up on the hot path. */
export interface DagWire {
  edgeId: string;
  source: string;
  sourceIndex: number;
  sourceOutput: string;
  target: string;
  targetIndex: number;
  targetInput: string;
}

export interface DagNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  /** Position in `CompiledDag.nodes` (a topological order). */
  index: number;
  /** Longest distance from a trigger; nodes of one level are independent. */
  level: number;
  definition: AnyNodeDefinition;
  settings: NodeSettings;
  /** Params as written in the definition (expressions unresolved). */
  params: Record<string, unknown>;
  /** Whether any non-raw param contains `{{ }}`; if not, `staticParams` is used as is. */
  hasExpressions: boolean;
  /** Params parsed by the node's schema at compile time (defaults applied); set when `hasExpressions` is false. */
  staticParams: unknown;
  inputs: readonly PortDef[];
  /** Declared outputs, plus `error` when settings.onError is `error-output`. */
  outputs: readonly PortDef[];
  /** Incoming wires sorted by input port order, then by the source's topological position. */
  incoming: readonly DagWire[];
  outgoing: readonly DagWire[];
  /** Distinct direct predecessors / successors (indexes). */
  upstream: readonly number[];
  downstream: readonly number[];
  isTrigger: boolean;
}

export interface CompiledDag {
  definition: WorkflowDefinition;
  /** Nodes in a stable topological order. */
  nodes: readonly DagNode[];
  byId: ReadonlyMap<string, DagNode>;
  byName: ReadonlyMap<string, DagNode>;
  /** Node ids per level; every edge goes from a lower to a higher level. */
  levels: readonly (readonly string[])[];
  /** Ids of trigger nodes (enabled or not), in topological order. */
  triggers: readonly string[];
}
