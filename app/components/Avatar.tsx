import { cn } from '../lib/cn.ts';
import { initials } from '../lib/format.ts';

const HUES = [250, 200, 160, 30, 330, 280, 10, 180];

function hueOf(seed: string): number {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return HUES[Math.abs(hash) % HUES.length]!;
}

/** Initials on a colour derived from the seed, the same for a person everywhere. */
export function Avatar({ name, seed, size = 28, className }: { name: string; seed?: string; size?: number; className?: string }) {
  const hue = hueOf(seed ?? name);
  return (
    <span
      aria-hidden
      className={cn('inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white', className)}
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.4),
        background: `linear-gradient(135deg, oklch(0.62 0.14 ${hue}), oklch(0.52 0.15 ${hue + 25}))`,
      }}
    >
      {initials(name)}
    </span>
  );
}
