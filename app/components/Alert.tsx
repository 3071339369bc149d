import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { AlertIcon, CheckCircleIcon, InfoIcon, XIcon } from './Icons.tsx';

type Tone = 'error' | 'warning' | 'info' | 'success';

const tones: Record<Tone, string> = {
  error: 'border-danger/30 bg-danger-soft text-danger-text',
  warning: 'border-warning-text/25 bg-warning-soft text-warning-text',
  info: 'border-accent/25 bg-accent-soft text-accent-text',
  success: 'border-success-text/25 bg-success-soft text-success-text',
};

const icons: Record<Tone, ReactNode> = {
  error: <AlertIcon size={16} />,
  warning: <AlertIcon size={16} />,
  info: <InfoIcon size={16} />,
  success: <CheckCircleIcon size={16} />,
};

/** An inline message. Errors are announced at once (role="alert"). */
export function Alert({
  tone = 'error',
  title,
  children,
  onDismiss,
  className,
  ...rest
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  onDismiss?: () => void;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('flex items-start gap-2.5 rounded-lg border px-3 py-2.5 text-[13px]', tones[tone], className)}
      {...rest}
    >
      <span className="mt-px shrink-0">{icons[tone]}</span>
      <div className="min-w-0 flex-1 break-words">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={cn(title ? 'mt-0.5 opacity-90' : undefined)}>{children}</div> : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          className="-m-1 shrink-0 rounded p-1 opacity-70 hover:opacity-100"
          aria-label="Dismiss"
        >
          <XIcon size={14} />
        </button>
      ) : null}
    </div>
  );
}
