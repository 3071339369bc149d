import type { WorkflowNode } from '../../../../engine/definition.ts';

export interface NeededKind {
  kind: string;
  /** Nodes of the workflow that need a credential of this kind and have none set. */
  nodeIds: string[];
}

type TypeInfo = { credentials: readonly { kind: string; required: boolean }[] };

/**
 * Credential kinds the workflow needs but has not got: nodes whose type requires exactly one
 * credential kind (read from the `credentialId` param) and whose credentialId is empty.
 */
export function missingCredentials(nodes: readonly Pick<WorkflowNode, 'id' | 'type' | 'params'>[], types: ReadonlyMap<string, TypeInfo>): NeededKind[] {
  const byKind = new Map<string, string[]>();
  for (const node of nodes) {
    const required = types.get(node.type)?.credentials.filter((c) => c.required) ?? [];
    if (required.length !== 1) continue;
    const id = node.params.credentialId;
    if (typeof id === 'string' && id.trim() !== '') continue;
    const kind = required[0]!.kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), node.id]);
  }
  return [...byKind].map(([kind, nodeIds]) => ({ kind, nodeIds })).sort((a, b) => a.kind.localeCompare(b.kind));
}
