import { initials } from '../../../lib/format.ts';
import { readableTextOn } from './readable-text.ts';

/** A person's initials on their presence colour (the colour of their cursor and outlines). */
export function PeerAvatar({ name, color, size = 28 }: { name: string; color: string; size?: number }) {
  return (
    <span
      aria-hidden
      className="inline-flex shrink-0 items-center justify-center rounded-full font-semibold select-none"
      style={{ width: size, height: size, fontSize: Math.round(size * 0.39), background: color, color: readableTextOn(color) }}
    >
      {initials(name)}
    </span>
  );
}
