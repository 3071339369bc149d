'use client';

import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { useThemePreference, type ThemePreference } from '../lib/theme.ts';
import { MonitorIcon, MoonIcon, SunIcon } from './Icons.tsx';

const OPTIONS: { value: ThemePreference; label: string; icon: ReactNode }[] = [
  { value: 'system', label: 'Match system theme', icon: <MonitorIcon size={14} /> },
  { value: 'light', label: 'Light theme', icon: <SunIcon size={14} /> },
  { value: 'dark', label: 'Dark theme', icon: <MoonIcon size={14} /> },
];

/** System / light / dark, one click each. */
export function ThemeToggle({ className }: { className?: string }) {
  const [preference, setPreference] = useThemePreference();
  return (
    <div
      role="radiogroup"
      aria-label="Theme"
      data-testid="theme-toggle"
      className={cn('inline-flex items-center gap-0.5 rounded-lg border border-line bg-subtle p-0.5', className)}
    >
      {OPTIONS.map((option) => {
        const active = preference === option.value;
        return (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={active}
            aria-label={option.label}
            title={option.label}
            data-testid={`theme-${option.value}`}
            onClick={() => setPreference(option.value)}
            className={cn(
              'flex size-6 items-center justify-center rounded-md transition-colors',
              active ? 'bg-surface text-fg shadow-card' : 'text-faint hover:text-fg',
            )}
          >
            {option.icon}
          </button>
        );
      })}
    </div>
  );
}
