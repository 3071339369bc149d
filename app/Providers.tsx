'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from './components/Toast.tsx';
import { errorCode, isClientError } from './lib/errors.ts';
import { useThemePreference } from './lib/theme.ts';
import { TRPCProvider, createApiClient } from './lib/trpc.ts';

const AUTH_PAGES = ['/sign-in', '/sign-up'];

/** A call answered "sign in first": the session ended, so send the user to sign in and back. */
function onUnauthorized(error: unknown) {
  if (errorCode(error) !== 'UNAUTHORIZED' || typeof window === 'undefined') return;
  const { pathname, search } = window.location;
  if (AUTH_PAGES.includes(pathname)) return;
  window.location.assign(`/sign-in?next=${encodeURIComponent(pathname + search)}`);
}

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onUnauthorized }),
    mutationCache: new MutationCache({ onError: onUnauthorized }),
    defaultOptions: {
      queries: {
        staleTime: 20_000,
        // Answers such as NOT_FOUND or FORBIDDEN will not change by asking again.
        retry: (failures, error) => !isClientError(error) && failures < 2,
      },
    },
  });
}

/** Follows the OS theme while the user has not picked one, on every page. */
function ThemeSync() {
  useThemePreference();
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(createApiClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ToastProvider>
          <ThemeSync />
          {children}
        </ToastProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
