import { cloneElement, isValidElement, useId, type ComponentProps, type ReactElement, type ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { ChevronDownIcon } from './Icons.tsx';

const control =
  'w-full rounded-md border border-line-strong bg-surface text-fg shadow-card placeholder:text-faint transition-colors ' +
  'hover:border-faint/60 focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/20 ' +
  'disabled:cursor-not-allowed disabled:opacity-60 aria-[invalid=true]:border-danger aria-[invalid=true]:focus:ring-danger/20';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(control, 'h-9 px-3 text-sm', className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(control, 'min-h-20 resize-y px-3 py-2 text-sm leading-relaxed', className)} {...props} />;
}

export function Select({ className, children, ...props }: ComponentProps<'select'>) {
  return (
    <span className={cn('relative inline-flex', className)}>
      <select className={cn(control, 'h-9 appearance-none pr-8 pl-3 text-sm')} {...props}>
        {children}
      </select>
      <ChevronDownIcon size={14} className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 text-faint" />
    </span>
  );
}

type FieldProps = {
  label: ReactNode;
  /** The single input, textarea or select this label belongs to; it receives id and aria wiring. */
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  /** Extra content at the right of the label row (a "Forgot?" link, a counter). */
  aside?: ReactNode;
};

/** Label, control, hint and error wired together for screen readers. */
export function Field({ label, children, hint, error, className, aside }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })
    : children;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-[13px] font-medium text-fg">
          {label}
        </label>
        {aside}
      </div>
      {control}
      {hint && !error ? (
        <p id={hintId} className="text-xs text-faint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-danger-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}
