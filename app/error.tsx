'use client';

import { ErrorScreen } from './components/ErrorScreen.tsx';

/** Anything a page throws while rendering lands here instead of a blank screen. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-dvh flex-col">
      <ErrorScreen
        title="Something went wrong on this page"
        message={error.digest ? `Error reference ${error.digest}. Try again, or go back to your workspaces.` : error.message}
        onRetry={reset}
        homeHref="/"
      />
    </main>
  );
}
