import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { listCredentialKinds } from '../../../engine/credentials.ts';
import { isTestable } from '../../credentials/credential-testers.ts';
import { defaultRegistry } from '../../versions/default-registry.ts';
import { inspectDefinition, type InspectResult } from '../../workflows/inspect-definition.ts';
import { Id } from '../schemas.ts';
import { authedProcedure, memberProcedure, router } from '../trpc.ts';

/** Largest document `inspect` reads; a real workflow of hundreds of nodes is a few hundred KB. */
const MAX_INSPECT_BYTES = 2 * 1024 * 1024;

/** Serialized size, or null for values JSON cannot hold (cycles, BigInt). */
function jsonSize(value: unknown): number | null {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return null;
  }
}

export const nodeTypeRouter = router({
  /** Everything the palette, config forms and copilot read: node types (params as JSON Schema) and credential kinds. */
  list: authedProcedure.query(() => ({
    nodeTypes: defaultRegistry().list(),
    credentialKinds: listCredentialKinds().map((k) => ({ ...k, testable: isTestable(k.kind) })),
  })),

  /**
   * Compiles a draft as the editor has it: problems per node and field, and each node's current
   * ports. Called on every (debounced) edit, so it only computes; never throws on a bad document.
   * A mutation only for transport: a query's input travels in the URL, which a workflow of a few
   * hundred nodes overflows (431); this one is POSTed. It changes nothing.
   */
  inspect: memberProcedure('viewer')
    .input(z.object({ workflowId: Id, definition: z.unknown() }))
    .mutation(({ input }): InspectResult => {
      const size = jsonSize(input.definition);
      if (size === null) {
        return { issues: [{ nodeId: null, field: null, code: 'INVALID_DEFINITION', message: 'The definition is not plain JSON' }], ports: {} };
      }
      if (size > MAX_INSPECT_BYTES) {
        throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: `The definition is larger than ${MAX_INSPECT_BYTES / 1024 / 1024} MB` });
      }
      return inspectDefinition(input.definition, defaultRegistry());
    }),
});
