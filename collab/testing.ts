import * as Y from 'yjs';
import { parseDefinition, type WorkflowDefinition, type WorkflowDefinitionInput } from '../engine/definition.ts';

/** A parsed definition for tests (defaults applied); throws on a bad fixture. */
export function definition(input: Omit<WorkflowDefinitionInput, 'schemaVersion'>): WorkflowDefinition {
  const parsed = parseDefinition({ schemaVersion: 1, ...input });
  if (!parsed.ok) throw new Error(`bad fixture: ${JSON.stringify(parsed.errors)}`);
  return parsed.definition;
}

/** Exchanges every missing update between in-memory docs, like a server would. */
export function syncDocs(...docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}
