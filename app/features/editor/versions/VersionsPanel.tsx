'use client';

/** Placeholder; replaced by the part that owns this folder. */
export function VersionsPanel(): null {
  return null;
}
