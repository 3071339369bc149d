import type { ReactNode } from 'react';
import { Button, ButtonLink } from './Button.tsx';
import { AlertIcon } from './Icons.tsx';

/** A whole page or panel that could not load: what happened and the way out. */
export function ErrorScreen({
  title,
  message,
  onRetry,
  homeHref,
  homeLabel = 'Go to your workspaces',
  icon = <AlertIcon size={20} />,
}: {
  title: string;
  message?: ReactNode;
  onRetry?: () => void;
  homeHref?: string;
  homeLabel?: string;
  icon?: ReactNode;
}) {
  return (
    <div className="flex min-h-[60vh] flex-1 flex-col items-center justify-center px-6 text-center" data-testid="error-screen">
      <div className="mb-4 flex size-11 items-center justify-center rounded-xl border border-line bg-subtle text-muted">{icon}</div>
      <h1 className="text-base font-semibold text-fg">{title}</h1>
      {message ? <p className="mt-1.5 max-w-md text-[13px] text-muted">{message}</p> : null}
      <div className="mt-5 flex gap-2">
        {onRetry ? (
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
        {homeHref ? (
          <ButtonLink href={homeHref} variant="primary">
            {homeLabel}
          </ButtonLink>
        ) : null}
      </div>
    </div>
  );
}
