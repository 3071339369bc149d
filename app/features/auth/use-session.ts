import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';

/** The signed-in user, or `null` when signed out (`data` is undefined while loading). */
export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.me.queryOptions(undefined, { staleTime: 60_000 }));
}
