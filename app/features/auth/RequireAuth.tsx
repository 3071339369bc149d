'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { PageSpinner } from '../../components/Spinner.tsx';
import { ErrorScreen } from '../../components/ErrorScreen.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from './use-session.ts';

/** Renders its children for a signed-in user; sends everyone else to sign in and back here. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const signedOut = session.data === null;

  useEffect(() => {
    if (signedOut) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [signedOut, pathname, router]);

  if (session.isError) {
    return <ErrorScreen title="FlowForge is not answering" message={errorMessage(session.error)} onRetry={() => session.refetch()} />;
  }
  if (!session.data) return <PageSpinner />;
  return children;
}
