import { listCredentialKinds } from '../../../engine/credentials.ts';
import { defaultRegistry } from '../../versions/default-registry.ts';
import { authedProcedure, router } from '../trpc.ts';

export const nodeTypeRouter = router({
  /** Everything the palette, config forms and copilot read: node types (params as JSON Schema) and credential kinds. */
  list: authedProcedure.query(() => ({
    nodeTypes: defaultRegistry().list(),
    credentialKinds: listCredentialKinds(),
  })),
});
