import { compile } from '../../engine/compile.ts';
import { parseDefinitionStructure, type WorkflowDefinition } from '../../engine/definition.ts';
import type { NodeRegistry } from '../../engine/registry.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { definitionFromDoc, encodeDoc } from '../../collab/workflow-doc.ts';
import { sameDefinition } from '../../collab/version-diff.ts';
import { CollabRefusal } from '../collab/collab-refusal.ts';
import type { CollabService } from '../collab/collab-service.ts';
import { defaultRegistry } from './default-registry.ts';
import { VersionError } from './version-errors.ts';
import { authorsOf, storedDefinition, toSummary, versionSelect } from './version-rows.ts';
import type { VersionSummary } from './version-types.ts';

export type VersionDeps = { db: PrismaClient; collab: CollabService; registry?: NodeRegistry };

export type CreateVersionInput = {
  workflowId: string;
  authorId: string | null;
  message?: string;
  /** Return the latest version instead of a new one when the document has not changed since. */
  reuseUnchanged?: boolean;
};

export type CreateVersionResult = { version: VersionSummary; created: boolean };

/** Number allocation races with other creators; the unique (workflowId, number) index decides. */
const MAX_ATTEMPTS = 5;

/**
 * Snapshots the workflow's current document as a new, immutable version: the definition read
 * from the document, the document's Yjs state, and the compiler's verdict. A draft that does
 * not compile is saved too, marked `valid: false` with its errors — saving work is never
 * blocked; running or activating an invalid version is.
 */
export async function createVersion(deps: VersionDeps, input: CreateVersionInput): Promise<CreateVersionResult> {
  const { db } = deps;
  const doc = await deps.collab.read(input.workflowId).catch((err: unknown) => {
    if (err instanceof CollabRefusal) throw new VersionError('WORKFLOW_NOT_FOUND', 'Workflow not found');
    throw err;
  });
  const raw = definitionFromDoc(doc);
  const structure = parseDefinitionStructure(raw);
  const definition: WorkflowDefinition = structure.ok ? structure.definition : raw;
  const compiled = compile(raw, deps.registry ?? defaultRegistry());
  const ydoc = new Uint8Array(encodeDoc(doc)) as Uint8Array<ArrayBuffer>;

  for (let attempt = 1; ; attempt++) {
    const latest = await db.workflowVersion.findFirst({
      where: { workflowId: input.workflowId },
      orderBy: { number: 'desc' },
      select: { ...versionSelect, definition: true },
    });
    if (input.reuseUnchanged && latest && sameDefinition(storedDefinition(latest.definition), definition)) {
      return { version: toSummary(latest, await authorsOf(db, [latest])), created: false };
    }
    try {
      const row = await db.workflowVersion.create({
        data: {
          workflowId: input.workflowId,
          number: (latest?.number ?? 0) + 1,
          definition: definition as unknown as Prisma.InputJsonValue,
          ydoc,
          valid: compiled.ok,
          errors: compiled.ok ? undefined : (compiled.errors as unknown as Prisma.InputJsonValue),
          message: input.message ?? '',
          authorId: input.authorId,
        },
        select: versionSelect,
      });
      return { version: toSummary(row, await authorsOf(db, [row])), created: true };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'P2002' && attempt < MAX_ATTEMPTS) continue;
      if (code === 'P2003') throw new VersionError('WORKFLOW_NOT_FOUND', 'Workflow not found');
      throw err;
    }
  }
}
