import { diffDefinitions, type DefinitionDiff } from '../../collab/version-diff.ts';
import { definitionFromDoc } from '../../collab/workflow-doc.ts';
import type { WorkflowDefinition } from '../../engine/definition.ts';
import type { VersionDeps } from './create-version.ts';
import { loadVersionDetail } from './version-rows.ts';
import type { VersionRef, VersionSummary } from './version-types.ts';

export type DiffSide = { kind: 'draft' } | { kind: 'version'; version: VersionSummary };

async function resolve(deps: VersionDeps, workflowId: string, ref: VersionRef): Promise<{ side: DiffSide; definition: WorkflowDefinition }> {
  if ('draft' in ref) return { side: { kind: 'draft' }, definition: definitionFromDoc(await deps.collab.read(workflowId)) };
  const { definition, errors: _errors, ...version } = await loadVersionDetail(deps.db, workflowId, ref.versionId);
  return { side: { kind: 'version', version }, definition };
}

/** What changed from `from` to `to` (any two versions, or a version and the live draft). */
export async function diffVersions(
  deps: VersionDeps,
  input: { workflowId: string; from: VersionRef; to: VersionRef },
): Promise<{ from: DiffSide; to: DiffSide; diff: DefinitionDiff }> {
  const [from, to] = await Promise.all([resolve(deps, input.workflowId, input.from), resolve(deps, input.workflowId, input.to)]);
  return { from: from.side, to: to.side, diff: diffDefinitions(from.definition, to.definition) };
}
