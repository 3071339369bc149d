import { randomUUID } from 'node:crypto';
import { planProposal, type ProposalPlan } from '../../collab/copilot/plan-proposal.ts';
import { ProposalSchema, type Proposal } from '../../collab/copilot/proposal.ts';
import type { ChatClient, ChatMessage } from '../../engine/ai/chat-client.ts';
import { extractJson } from '../../engine/ai/json-answer.ts';
import { compile, type CompileError } from '../../engine/compile.ts';
import type { WorkflowDefinition } from '../../engine/definition.ts';
import { NodeError } from '../../engine/errors.ts';
import type { NodeUsage } from '../../engine/node-api.ts';
import type { NodeRegistry } from '../../engine/registry.ts';
import { draftSystemPrompt, draftUserPrompt, type FailureContext } from './copilot-prompts.ts';
import { proposalJsonSchema } from './proposal-json-schema.ts';

export type DraftMode = 'create' | 'change' | 'fix';

export type DraftOutcome =
  | { ok: true; proposal: Proposal; plan: ProposalPlan; summary: string; usage: NodeUsage[] }
  | { ok: false; reason: string; problems: string[]; usage: NodeUsage[] };

export interface DraftInput {
  mode: DraftMode;
  request: string;
  current: WorkflowDefinition;
  failure?: FailureContext;
  signal?: AbortSignal;
}

/**
 * Asks the model for a proposal and checks it the way the engine would: schema (zod), references
 * (plan), node types and params and graph (compiler). A proposal with problems is sent back once
 * with them; a second bad one is refused with the reasons. Nothing is written anywhere here.
 */
export async function draftProposal(client: ChatClient, registry: NodeRegistry, input: DraftInput): Promise<DraftOutcome> {
  const types = registry.list();
  const jsonSchema = { name: 'workflow_proposal', schema: proposalJsonSchema(types) };
  const messages: ChatMessage[] = [
    { role: 'system', content: draftSystemPrompt(types) },
    { role: 'user', content: draftUserPrompt(input.mode, input.request, input.current, input.failure) },
  ];
  const usage: NodeUsage[] = [];
  const before = errorKeys(compileErrors(input.current, registry));

  for (let attempt = 1; ; attempt++) {
    let content: string;
    try {
      const answer = await client.complete({ messages, jsonSchema, temperature: 0.2, signal: input.signal });
      usage.push(answer.usage);
      content = answer.content;
    } catch (err) {
      if (err instanceof NodeError) return { ok: false, reason: err.message, problems: [], usage };
      throw err;
    }
    const checked = checkAnswer(content, input.current, registry, before);
    if (checked.ok) return { ok: true, proposal: checked.proposal, plan: checked.plan, summary: checked.proposal.summary, usage };
    if (attempt >= 2) {
      return { ok: false, reason: 'The model\'s proposal was still invalid after one correction, so nothing was applied.', problems: checked.problems, usage };
    }
    messages.push(
      { role: 'assistant', content: content.slice(0, 20_000) },
      { role: 'user', content: `That proposal cannot be applied:\n- ${checked.problems.join('\n- ')}\nAnswer again with the whole corrected proposal.` },
    );
  }
}

type Checked = { ok: true; proposal: Proposal; plan: ProposalPlan } | { ok: false; problems: string[] };

export function checkAnswer(content: string, current: WorkflowDefinition, registry: NodeRegistry, preexisting: ReadonlySet<string>): Checked {
  const json = extractJson(content);
  if (!json.ok) return { ok: false, problems: ['The answer is not JSON'] };
  const parsed = ProposalSchema.safeParse(json.value);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.slice(0, 15).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  }
  const proposal = parsed.data;
  const unknown = proposal.addNodes.filter((n) => !registry.has(n.type)).map((n) => `addNodes "${n.ref}": unknown node type "${n.type}"`);
  if (unknown.length > 0) return { ok: false, problems: unknown };
  if (proposal.addNodes.length + proposal.updateNodes.length + proposal.removeNodes.length + proposal.addEdges.length + proposal.removeEdges.length === 0) {
    return { ok: false, problems: ['The proposal changes nothing'] };
  }
  const planned = planProposal(current, proposal, randomUUID);
  if (!planned.ok) return { ok: false, problems: planned.errors };
  const names = new Map(planned.plan.definition.nodes.map((n) => [n.id, n.name]));
  const problems = compileErrors(planned.plan.definition, registry)
    .filter((e) => !preexisting.has(errorKey(e)))
    .map((e) => describeCompileError(e, names));
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 20) };
  return { ok: true, proposal, plan: planned.plan };
}

function compileErrors(definition: WorkflowDefinition, registry: NodeRegistry): CompileError[] {
  const result = compile(definition, registry);
  return result.ok ? [] : result.errors;
}

const errorKey = (e: CompileError) => `${e.code}|${e.nodeId ?? ''}|${e.edgeId ?? ''}|${e.field ?? ''}`;
const errorKeys = (errors: CompileError[]) => new Set(errors.map(errorKey));

function describeCompileError(e: CompileError, names: Map<string, string>): string {
  const where = e.nodeId ? `node "${names.get(e.nodeId) ?? e.nodeId}"${e.field ? ` ${e.field}` : ''}: ` : '';
  return `${e.code}: ${where}${e.message}`;
}
