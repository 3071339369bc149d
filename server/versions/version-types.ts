import type { CompileError } from '../../engine/compile.ts';
import type { WorkflowDefinition } from '../../engine/definition.ts';

/** One row of the version list. */
export type VersionSummary = {
  id: string;
  workflowId: string;
  number: number;
  message: string;
  /** Whether the definition compiled when the version was made (invalid drafts may be saved). */
  valid: boolean;
  errorCount: number;
  createdAt: Date;
  author: { id: string; name: string } | null;
};

export type VersionDetail = VersionSummary & {
  definition: WorkflowDefinition;
  /** The compiler's errors for an invalid version, each pointing at its node, edge and field. */
  errors: CompileError[];
};

/** A side of a diff: a stored version, or the live draft (the current document). */
export type VersionRef = { versionId: string } | { draft: true };
