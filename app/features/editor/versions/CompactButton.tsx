import type { ComponentProps, ReactNode } from 'react';
import { Spinner } from '../../../components/Spinner.tsx';
import { cn } from '../../../lib/cn.ts';

const tones = {
  ghost: 'text-muted hover:bg-hover hover:text-fg',
  outline: 'border border-line-strong bg-surface text-fg shadow-card hover:bg-subtle',
  pressed: 'bg-accent-soft text-accent-text',
} as const;

/**
 * A button one step smaller than Button's `sm` (24–28px high, 12px text) for dense rows in side
 * panels and dialogs. Button's sizes cannot be overridden by className (`cn` does not merge
 * conflicting utilities), hence this small sibling.
 */
export function CompactButton({
  tone = 'ghost',
  height = 'h-7',
  icon,
  loading,
  disabled,
  className,
  children,
  type = 'button',
  ...props
}: ComponentProps<'button'> & { tone?: keyof typeof tones; height?: 'h-6' | 'h-7'; icon?: ReactNode; loading?: boolean }) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={cn(
        'inline-flex shrink-0 items-center justify-center gap-1 rounded-md px-2 text-xs font-medium whitespace-nowrap transition-colors select-none',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:pointer-events-none disabled:opacity-50',
        height,
        tones[tone],
        className,
      )}
      {...props}
    >
      {loading ? <Spinner size={12} /> : icon}
      {children}
    </button>
  );
}
