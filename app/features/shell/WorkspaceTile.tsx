import { cn } from '../../lib/cn.ts';

/** The square initial that stands for a workspace. */
export function WorkspaceTile({ name, size = 24, className }: { name: string; size?: number; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        'inline-flex shrink-0 items-center justify-center rounded-md bg-gradient-to-br from-accent to-accent-hover font-semibold text-accent-fg',
        className,
      )}
      style={{ width: size, height: size, fontSize: Math.round(size * 0.46) }}
    >
      {name.trim()[0]?.toUpperCase() ?? 'W'}
    </span>
  );
}
