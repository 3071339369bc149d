import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';

export function EmptyState({
  icon,
  title,
  children,
  actions,
  className,
  ...rest
}: {
  icon?: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <div className={cn('flex flex-col items-center px-6 py-14 text-center', className)} {...rest}>
      {icon ? (
        <div className="mb-4 flex size-11 items-center justify-center rounded-xl border border-line bg-subtle text-muted">{icon}</div>
      ) : null}
      <h3 className="text-[15px] font-semibold text-fg">{title}</h3>
      {children ? <div className="mt-1.5 max-w-sm text-[13px] leading-relaxed text-muted">{children}</div> : null}
      {actions ? <div className="mt-5 flex flex-wrap items-center justify-center gap-2">{actions}</div> : null}
    </div>
  );
}
