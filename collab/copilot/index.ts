export { ProposalSchema, ProposedNodeSchema, ProposedEdgeSchema, NodeUpdateSchema, DraftMarkSchema, PROPOSAL_LIMITS, type Proposal, type ProposalInput, type DraftMark } from './proposal.ts';
export { planProposal, type ProposalPlan, type PlanResult } from './plan-proposal.ts';
export { applyPlan, readDraftMark, DRAFT_MARK_FIELD } from './apply-plan.ts';
