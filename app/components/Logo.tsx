import { cn } from '../lib/cn.ts';

/** The FlowForge mark: two nodes joined by an edge. */
export function LogoMark({ size = 24, className }: { size?: number; className?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden className={cn('shrink-0', className)}>
      <rect width="32" height="32" rx="8" fill="var(--ff-accent)" />
      <path d="M11 11h4.5a4 4 0 0 1 4 4v2a4 4 0 0 0 4 4H24" fill="none" stroke="white" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="9.5" cy="11" r="3" fill="white" />
      <circle cx="22.5" cy="21" r="3" fill="white" fillOpacity="0.85" />
    </svg>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 text-[15px] font-semibold tracking-tight text-fg', className)}>
      <LogoMark />
      FlowForge
    </span>
  );
}
