import type { ComponentProps, ReactNode } from 'react';
import { ChevronDownIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';

/**
 * Compact controls for the side panel (the app's Input/Select are sized for pages): same look,
 * one step smaller, so a node's whole form fits the 380px panel.
 */
export const controlFrame =
  'rounded-md border border-line-strong bg-surface text-fg shadow-card transition-colors ' +
  'hover:border-faint/60 focus-within:border-accent focus-within:ring-3 focus-within:ring-accent/20 ' +
  'has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-70 has-[:disabled]:hover:border-line-strong ' +
  'has-[[aria-invalid=true]]:border-danger has-[[aria-invalid=true]]:focus-within:ring-danger/20';

export const controlClass =
  'w-full rounded-md border border-line-strong bg-surface text-fg shadow-card placeholder:text-faint transition-colors ' +
  'hover:border-faint/60 focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/20 ' +
  'disabled:cursor-not-allowed disabled:opacity-70 disabled:hover:border-line-strong ' +
  'aria-[invalid=true]:border-danger aria-[invalid=true]:focus:ring-danger/20';

export function TextInput({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(controlClass, 'h-8 px-2.5 text-[13px]', className)} {...props} />;
}

export function SelectInput({ className, children, ...props }: ComponentProps<'select'>) {
  return (
    <span className={cn('relative flex min-w-0', className)}>
      <select className={cn(controlClass, 'h-8 appearance-none truncate pr-7 pl-2.5 text-[13px]')} {...props}>
        {children}
      </select>
      <ChevronDownIcon size={13} className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 text-faint" />
    </span>
  );
}

export function Switch({
  checked,
  onChange,
  disabled,
  label,
  ...rest
}: {
  checked: boolean;
  onChange(next: boolean): void;
  disabled?: boolean;
  label: string;
  id?: string;
  'data-testid'?: string;
  'aria-describedby'?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cn(
        'relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
        checked ? 'bg-accent' : 'bg-line-strong',
      )}
      {...rest}
    >
      <span className={cn('inline-block size-4 rounded-full bg-white shadow-card transition-transform', checked ? 'translate-x-[18px]' : 'translate-x-0.5')} />
    </button>
  );
}

/** A small square button for row actions (move, remove). */
export function IconButton({ label, children, className, ...props }: ComponentProps<'button'> & { label: string; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={cn(
        'inline-flex size-7 shrink-0 items-center justify-center rounded-md text-faint transition-colors hover:bg-hover hover:text-fg',
        'disabled:pointer-events-none disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-accent',
        className,
      )}
      {...props}
    >
      {children}
    </button>
  );
}
