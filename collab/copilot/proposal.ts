import { z } from 'zod';

/**
 * A copilot proposal: edits to a workflow document, as the model returns them. New nodes are
 * named by a `ref` the model picks; edges join refs or existing node ids. Nothing here is
 * trusted: the plan step resolves references and the server compiles the result.
 */
export const PROPOSAL_LIMITS = { nodes: 60, edges: 120, removals: 300, text: 20_000 } as const;

const Ref = z.string().trim().min(1).max(120);
const Name = z.string().trim().min(1).max(200);

export const ProposedNodeSchema = z.object({
  ref: Ref.describe('Short unique reference for this new node, used by edges (e.g. "feed")'),
  type: z.string().min(1).max(200).describe('Node type from the catalog'),
  name: Name.describe('Human-readable, unique name'),
  params: z.record(z.string(), z.unknown()).default({}).describe('Params matching the node type\'s schema'),
});

export const NodeUpdateSchema = z.object({
  id: Ref.describe('Id of an existing node'),
  name: Name.optional(),
  params: z.record(z.string(), z.unknown()).optional().describe('Params to set (others are kept)'),
});

export const ProposedEdgeSchema = z.object({
  from: Ref.describe('Ref of a new node or id of an existing node'),
  fromOutput: z.string().min(1).max(100).default('main').describe('Output port of the source'),
  to: Ref,
  toInput: z.string().min(1).max(100).default('main').describe('Input port of the target'),
});

export const ProposalSchema = z.object({
  summary: z.string().max(PROPOSAL_LIMITS.text).default('').describe('One or two sentences on what the change does'),
  addNodes: z.array(ProposedNodeSchema).max(PROPOSAL_LIMITS.nodes).default([]),
  updateNodes: z.array(NodeUpdateSchema).max(PROPOSAL_LIMITS.removals).default([]),
  removeNodes: z.array(Ref).max(PROPOSAL_LIMITS.removals).default([]),
  addEdges: z.array(ProposedEdgeSchema).max(PROPOSAL_LIMITS.edges).default([]),
  removeEdges: z.array(Ref).max(PROPOSAL_LIMITS.removals).default([]),
});

export type Proposal = z.output<typeof ProposalSchema>;
export type ProposalInput = z.input<typeof ProposalSchema>;

/** Who a draft was made for, stored on each node it added or changed (shown on the canvas). */
export const DraftMarkSchema = z.object({
  by: z.literal('ai'),
  forUserId: z.string().min(1).max(200),
  forName: z.string().max(200),
  at: z.number(),
});
export type DraftMark = z.infer<typeof DraftMarkSchema>;
