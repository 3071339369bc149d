import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';
// Types only: the server's code never reaches the browser bundle.
import type { AppRouter } from '../../server/api/routers/app.ts';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type Role = RouterOutputs['workspace']['get']['role'];
export type WorkflowSummary = RouterOutputs['workflow']['list']['items'][number];

/**
 * One client per browser tab; calls made in the same tick share one HTTP request, and
 * subscriptions (streamed copilot text) arrive as server-sent events.
 */
export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/api/trpc', transformer: superjson }),
        false: httpBatchLink({ url: '/api/trpc', transformer: superjson, maxURLLength: 4000 }),
      }),
    ],
  });
}
