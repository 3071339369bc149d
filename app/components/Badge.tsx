import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import type { Role } from '../lib/trpc.ts';

type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

const tones: Record<Tone, string> = {
  neutral: 'bg-subtle text-muted ring-line',
  accent: 'bg-accent-soft text-accent-text ring-accent/20',
  success: 'bg-success-soft text-success-text ring-success-text/20',
  warning: 'bg-warning-soft text-warning-text ring-warning-text/20',
  danger: 'bg-danger-soft text-danger-text ring-danger/20',
};

export function Badge({ tone = 'neutral', children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex h-5 shrink-0 items-center rounded-full px-2 text-[11px] font-medium ring-1 ring-inset',
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

/** Completes a sentence that starts with the plural role ("Editors …"). */
export const ROLE_DESCRIPTION: Record<Role, string> = {
  owner: 'have full access: they manage members and invites and can delete workflows',
  editor: 'create, edit, duplicate and archive workflows',
  viewer: 'see and export workflows but change nothing',
};

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  const tone: Tone = role === 'owner' ? 'accent' : role === 'editor' ? 'success' : 'neutral';
  return (
    <Badge tone={tone} className={className}>
      {ROLE_LABEL[role]}
    </Badge>
  );
}
