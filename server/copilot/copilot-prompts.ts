import type { WorkflowDefinition } from '../../engine/definition.ts';
import type { NodeTypeDescription } from '../../engine/registry.ts';
import { latestVersions } from './proposal-json-schema.ts';

/** The node catalog as the model reads it: type, ports, what it does, and its params schema. */
export function nodeCatalog(types: readonly NodeTypeDescription[]): string {
  return latestVersions(types)
    .map((t) => {
      const ports = `inputs: ${portList(t.inputs, t.dynamicInputs)}; outputs: ${portList(t.outputs, t.dynamicOutputs)}`;
      const trigger = t.isTrigger ? ' [trigger — a workflow starts here]' : '';
      const creds = t.credentials.length ? `; credentials: ${t.credentials.map((c) => c.kind).join(', ')} (leave credential ids empty; the user picks them)` : '';
      return `### ${t.type} — ${t.displayName}${trigger}\n${t.description}\n${t.docs}\n${ports}${creds}\nparams schema: ${JSON.stringify(t.paramsJsonSchema)}`;
    })
    .join('\n\n');
}

const portList = (ports: readonly { name: string }[], dynamic: boolean) =>
  ports.length === 0 ? 'none' : `${ports.map((p) => p.name).join(', ')}${dynamic ? ' (depends on params)' : ''}`;

const RULES = [
  'You are the copilot of FlowForge, a workflow automation editor. You edit the workflow by answering with ONE JSON object',
  'matching the given schema: summary, addNodes, updateNodes, removeNodes, addEdges, removeEdges. Rules:',
  '- Use only node types from the catalog. Params must match each type\'s params schema; omit params that have defaults you do not need.',
  '- A new workflow starts with exactly one trigger node; every other node must be reachable from it through edges.',
  '- Edges go from an output port ("main" unless the type says otherwise, e.g. IF has "true"/"false") to an input port ("main"; Merge uses "input1", "input2", …).',
  '- No cycles. Give new nodes short refs ("feed", "enrich") and clear, unique names.',
  '- Data between nodes are items { json }. In string params, {{ }} expressions read the current item ({{ $json.field }}) and earlier nodes ({{ $node["Name"].json.field }}).',
  '- Never invent API keys or credential ids; leave credential fields empty.',
  '- Refer to existing nodes by their id. Change only what the request needs.',
].join('\n');

export function draftSystemPrompt(types: readonly NodeTypeDescription[]): string {
  return `${RULES}\n\n## Node catalog\n\n${nodeCatalog(types)}`;
}

/** The current workflow as compact JSON (ids, types, names, params, edges); positions left out. */
export function describeWorkflow(definition: WorkflowDefinition): string {
  if (definition.nodes.length === 0) return 'The workflow is empty.';
  const nodes = definition.nodes.map((n) => ({ id: n.id, type: n.type, name: n.name, params: n.params }));
  const edges = definition.edges.map((e) => ({ id: e.id, from: e.source, fromOutput: e.sourceOutput, to: e.target, toInput: e.targetInput }));
  return `Current workflow:\n${JSON.stringify({ nodes, edges })}`;
}

export interface FailureContext {
  nodeId: string;
  nodeName: string;
  error: { code: string; message: string };
  input: unknown;
}

export function draftUserPrompt(mode: 'create' | 'change' | 'fix', request: string, current: WorkflowDefinition, failure?: FailureContext): string {
  const parts = [describeWorkflow(current)];
  if (mode === 'create') parts.push(`Build this (add to the workflow; do not remove existing nodes unless asked):\n${request}`);
  if (mode === 'change') parts.push(`Change the workflow as follows:\n${request}`);
  if (mode === 'fix' && failure) {
    parts.push(
      `A run failed at node "${failure.nodeName}" (id ${failure.nodeId}) with ${failure.error.code}: ${failure.error.message}`,
      `Its input (trimmed): ${JSON.stringify(failure.input).slice(0, 4000)}`,
      `Propose the smallest change that fixes it.${request ? ` The user adds: ${request}` : ''}`,
    );
  }
  return parts.join('\n\n');
}

export function explainSystemPrompt(types: readonly NodeTypeDescription[]): string {
  const names = latestVersions(types)
    .map((t) => `${t.type}: ${t.displayName} — ${t.description}`)
    .join('\n');
  return [
    'You explain FlowForge workflows to the people who build them. Be concrete and brief: what starts the workflow,',
    'what each step does with the data, where it branches, what it sends where, and any risks (missing credentials,',
    'unbounded loops, rate limits). Use short paragraphs or a numbered list. Node types:',
    names,
  ].join('\n');
}
