import {
  ERROR_PORT,
  findDuplicateNodes,
  parseDefinitionStructure,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from './definition.ts';
import type { CompiledDag, DagNode, DagWire } from './dag.ts';
import { reachableFrom, stronglyConnectedComponents, topologicalLevels } from './graph.ts';
import { resolvePorts, type AnyNodeDefinition, type PortDef } from './node-api.ts';
import type { NodeRegistry } from './registry.ts';
import { containsExpression, findExpressionErrors, validateParamsStatically } from './static-params.ts';

export const CompileErrorCode = {
  InvalidDefinition: 'INVALID_DEFINITION',
  UnsupportedSchemaVersion: 'UNSUPPORTED_SCHEMA_VERSION',
  DuplicateNodeId: 'DUPLICATE_NODE_ID',
  DuplicateNodeName: 'DUPLICATE_NODE_NAME',
  UnknownNodeType: 'UNKNOWN_NODE_TYPE',
  InvalidParams: 'INVALID_PARAMS',
  DanglingEdge: 'DANGLING_EDGE',
  DuplicateEdge: 'DUPLICATE_EDGE',
  UnknownPort: 'UNKNOWN_PORT',
  Cycle: 'CYCLE',
  NoTrigger: 'NO_TRIGGER',
  MultipleTriggers: 'MULTIPLE_TRIGGERS',
  UnreachableNode: 'UNREACHABLE_NODE',
  Internal: 'INTERNAL_ERROR',
} as const;
export type CompileErrorCode = (typeof CompileErrorCode)[keyof typeof CompileErrorCode];

export interface CompileError {
  code: CompileErrorCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Path relative to the node or edge (`params.url`, `sourceOutput`), or into the document when neither is set. */
  field?: string;
  /** CYCLE: every node of the strongly connected component. */
  nodeIds?: string[];
}

export interface CompileOptions {
  /** `single` rejects workflows with more than one enabled trigger. Default `multiple`. */
  triggerPolicy?: 'single' | 'multiple';
}

export type CompileResult = { ok: true; dag: CompiledDag } | { ok: false; errors: CompileError[] };

interface NodeFacts {
  node: WorkflowNode;
  def: AnyNodeDefinition | undefined;
  inputs: readonly PortDef[];
  outputs: readonly PortDef[];
  hasExpressions: boolean;
  staticParams: unknown;
}

function portNames(ports: readonly PortDef[]): string {
  return ports.length === 0 ? 'none' : ports.map((p) => `"${p.name}"`).join(', ');
}

function analyseNode(node: WorkflowNode, registry: NodeRegistry, errors: CompileError[]): NodeFacts {
  const def = registry.get(node.type, node.typeVersion);
  if (!def) {
    const latest = registry.get(node.type);
    errors.push({
      code: 'UNKNOWN_NODE_TYPE',
      message: latest
        ? `Node type "${node.type}" has no version ${node.typeVersion} (latest is ${latest.version})`
        : `Unknown node type "${node.type}"`,
      nodeId: node.id,
      field: latest ? 'typeVersion' : 'type',
    });
    return { node, def, inputs: [], outputs: [], hasExpressions: false, staticParams: undefined };
  }
  const inputs = resolvePorts(def.inputs, node.params);
  const declared = resolvePorts(def.outputs, node.params);
  const outputs = node.settings.onError === 'error-output' ? [...declared, { name: ERROR_PORT, label: 'Error' }] : declared;
  const hasExpressions = containsExpression(node.params, def.rawParams);
  let staticParams: unknown;
  // Disabled nodes never run, so half-filled params must not block the workflow.
  if (!node.settings.disabled) {
    const { issues, parsed } = validateParamsStatically(def.params, node.params, def.rawParams);
    if (hasExpressions) issues.push(...findExpressionErrors(node.params, def.rawParams));
    for (const issue of issues) {
      const field = issue.path === '' ? 'params' : `params.${issue.path}`;
      errors.push({ code: 'INVALID_PARAMS', message: `${field}: ${issue.message}`, nodeId: node.id, field });
    }
    if (!hasExpressions) staticParams = parsed;
  }
  return { node, def, inputs, outputs, hasExpressions, staticParams };
}

function checkEdges(
  edges: readonly WorkflowEdge[],
  facts: ReadonlyMap<string, NodeFacts>,
  errors: CompileError[],
): WorkflowEdge[] {
  const ids = new Set<string>();
  const connections = new Set<string>();
  const graphEdges: WorkflowEdge[] = [];
  for (const edge of edges) {
    if (ids.has(edge.id)) {
      errors.push({ code: 'DUPLICATE_EDGE', message: `Edge id "${edge.id}" is used more than once`, edgeId: edge.id, field: 'id' });
      continue;
    }
    ids.add(edge.id);
    const source = facts.get(edge.source);
    const target = facts.get(edge.target);
    if (!source) {
      errors.push({ code: 'DANGLING_EDGE', message: `Edge source "${edge.source}" is not a node`, edgeId: edge.id, field: 'source' });
    }
    if (!target) {
      errors.push({ code: 'DANGLING_EDGE', message: `Edge target "${edge.target}" is not a node`, edgeId: edge.id, field: 'target' });
    }
    if (!source || !target) continue;
    const key = JSON.stringify([edge.source, edge.sourceOutput, edge.target, edge.targetInput]);
    if (connections.has(key)) {
      errors.push({
        code: 'DUPLICATE_EDGE',
        message: `"${edge.source}".${edge.sourceOutput} is already connected to "${edge.target}".${edge.targetInput}`,
        edgeId: edge.id,
      });
      continue;
    }
    connections.add(key);
    // Ports of unknown node types are unknown too; that node already has an error.
    if (source.def && !source.outputs.some((p) => p.name === edge.sourceOutput)) {
      const hint = edge.sourceOutput === ERROR_PORT ? ' (set settings.onError to "error-output" to get an error output)' : '';
      errors.push({
        code: 'UNKNOWN_PORT',
        message: `Node "${edge.source}" has no output "${edge.sourceOutput}" (outputs: ${portNames(source.outputs)})${hint}`,
        edgeId: edge.id,
        nodeId: edge.source,
        field: 'sourceOutput',
      });
    }
    if (target.def && !target.inputs.some((p) => p.name === edge.targetInput)) {
      errors.push({
        code: 'UNKNOWN_PORT',
        message: `Node "${edge.target}" has no input "${edge.targetInput}" (inputs: ${portNames(target.inputs)})`,
        edgeId: edge.id,
        nodeId: edge.target,
        field: 'targetInput',
      });
    }
    graphEdges.push(edge);
  }
  return graphEdges;
}

function compileChecked(input: unknown, registry: NodeRegistry, options: CompileOptions): CompileResult {
  const structure = parseDefinitionStructure(input);
  if (!structure.ok) {
    return {
      ok: false,
      errors: structure.errors.map((e) => {
        const error: CompileError = { code: e.code, message: e.message };
        if (e.nodeId !== undefined) error.nodeId = e.nodeId;
        if (e.path !== '') error.field = e.path;
        return error;
      }),
    };
  }
  const definition: WorkflowDefinition = structure.definition;
  const errors: CompileError[] = findDuplicateNodes(definition).map((e) => ({
    code: e.code,
    message: e.message,
    nodeId: e.nodeId,
    field: e.code === 'DUPLICATE_NODE_ID' ? 'id' : 'name',
  }));

  // First occurrence of an id wins; later duplicates are already reported.
  const facts = new Map<string, NodeFacts>();
  for (const node of definition.nodes) {
    if (!facts.has(node.id)) facts.set(node.id, analyseNode(node, registry, errors));
  }
  const graphEdges = checkEdges(definition.edges, facts, errors);

  const list = [...facts.values()];
  const indexOf = new Map(list.map((f, i) => [f.node.id, i]));
  const n = list.length;
  const adjacency: number[][] = list.map(() => []);
  for (const edge of graphEdges) {
    const s = indexOf.get(edge.source) as number;
    const t = indexOf.get(edge.target) as number;
    if (!(adjacency[s] as number[]).includes(t)) (adjacency[s] as number[]).push(t);
  }

  const triggerIdx = list.flatMap((f, i) => (f.def?.isTrigger ? [i] : []));
  const enabledTriggers = triggerIdx.filter((i) => !list[i]?.node.settings.disabled);
  if (enabledTriggers.length === 0) {
    errors.push({ code: 'NO_TRIGGER', message: 'The workflow needs an enabled trigger node to start from' });
  } else if (options.triggerPolicy === 'single' && enabledTriggers.length > 1) {
    for (const i of enabledTriggers.slice(1)) {
      errors.push({
        code: 'MULTIPLE_TRIGGERS',
        message: 'Only one enabled trigger is allowed here',
        nodeId: list[i]?.node.id as string,
      });
    }
  }

  for (const component of stronglyConnectedComponents(n, adjacency)) {
    const only = component[0] as number;
    if (component.length === 1 && !(adjacency[only] as number[]).includes(only)) continue;
    const ids = component.map((i) => list[i]?.node.id as string);
    errors.push({
      code: 'CYCLE',
      message: `These nodes form a cycle: ${ids.map((id) => `"${id}"`).join(' → ')}`,
      nodeId: ids[0] as string,
      nodeIds: ids,
    });
  }

  if (enabledTriggers.length > 0) {
    const reached = reachableFrom(n, adjacency, triggerIdx);
    list.forEach((f, i) => {
      if (!reached[i]) {
        errors.push({
          code: 'UNREACHABLE_NODE',
          message: `Node "${f.node.name}" cannot be reached from a trigger`,
          nodeId: f.node.id,
        });
      }
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  const sorted = topologicalLevels(n, adjacency);
  if (!sorted) return { ok: false, errors: [{ code: 'INTERNAL_ERROR', message: 'Cycle not caught by analysis' }] };
  return { ok: true, dag: buildDag(definition, list, graphEdges, sorted.order, sorted.level) };
}

function buildDag(
  definition: WorkflowDefinition,
  list: readonly NodeFacts[],
  edges: readonly WorkflowEdge[],
  order: readonly number[],
  level: Int32Array,
): CompiledDag {
  const position = new Map<string, number>();
  order.forEach((original, pos) => position.set(list[original]?.node.id as string, pos));
  const nodes: DagNode[] = order.map((original, pos) => {
    const f = list[original] as NodeFacts;
    return {
      id: f.node.id,
      name: f.node.name,
      type: f.node.type,
      typeVersion: f.node.typeVersion,
      index: pos,
      level: level[original] as number,
      definition: f.def as AnyNodeDefinition,
      settings: f.node.settings,
      params: f.node.params,
      hasExpressions: f.hasExpressions,
      staticParams: f.staticParams,
      inputs: f.inputs,
      outputs: f.outputs,
      incoming: [],
      outgoing: [],
      upstream: [],
      downstream: [],
      isTrigger: f.def?.isTrigger ?? false,
    };
  });
  for (const edge of edges) {
    const sourceIndex = position.get(edge.source) as number;
    const targetIndex = position.get(edge.target) as number;
    const wire: DagWire = {
      edgeId: edge.id,
      source: edge.source,
      sourceIndex,
      sourceOutput: edge.sourceOutput,
      target: edge.target,
      targetIndex,
      targetInput: edge.targetInput,
    };
    const source = nodes[sourceIndex] as DagNode;
    const target = nodes[targetIndex] as DagNode;
    (source.outgoing as DagWire[]).push(wire);
    (target.incoming as DagWire[]).push(wire);
    if (!source.downstream.includes(targetIndex)) (source.downstream as number[]).push(targetIndex);
    if (!target.upstream.includes(sourceIndex)) (target.upstream as number[]).push(sourceIndex);
  }
  for (const node of nodes) {
    const portOrder = new Map(node.inputs.map((p, i) => [p.name, i]));
    (node.incoming as DagWire[]).sort(
      (a, b) => (portOrder.get(a.targetInput) ?? 0) - (portOrder.get(b.targetInput) ?? 0) || a.sourceIndex - b.sourceIndex,
    );
  }
  const levels: string[][] = [];
  for (const node of nodes) (levels[node.level] ??= []).push(node.id);
  return {
    definition,
    nodes,
    byId: new Map(nodes.map((node) => [node.id, node])),
    byName: new Map(nodes.map((node) => [node.name, node])),
    levels,
    triggers: nodes.filter((node) => node.isTrigger).map((node) => node.id),
  };
}

/**
 * Checks a workflow definition (any input: it is parsed and upgraded first)
 * against the registry and returns an executable DAG, or every problem found
 * at once, each pointing at the node, edge and field. Never throws.
 */
export function compile(definition: unknown, registry: NodeRegistry, options: CompileOptions = {}): CompileResult {
  try {
    return compileChecked(definition, registry, options);
  } catch (err) {
    return {
      ok: false,
      errors: [{ code: 'INTERNAL_ERROR', message: `Compiler failure: ${err instanceof Error ? err.message : String(err)}` }],
    };
  }
}
