'use client';

/** Placeholder; replaced by the part that owns this folder. */
export function RunsPanel(): null {
  return null;
}
