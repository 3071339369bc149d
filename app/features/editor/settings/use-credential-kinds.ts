'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts';

export type CredentialKindInfo = RouterOutputs['nodeType']['list']['credentialKinds'][number];

/**
 * Credential kinds from the node catalog. The editor page loads the same query once, so inside
 * the editor this answers from cache; outside it (or in a test page) it fetches.
 */
export function useCredentialKinds(): { kinds: readonly CredentialKindInfo[]; byKind: ReadonlyMap<string, CredentialKindInfo>; loading: boolean } {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.nodeType.list.queryOptions(undefined, { staleTime: Infinity }));
  const kinds = catalog.data?.credentialKinds ?? [];
  return { kinds, byKind: new Map(kinds.map((k) => [k.kind, k])), loading: catalog.isPending };
}
