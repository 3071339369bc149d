/**
 * Text colour readable on a user's colour: white on dark and saturated colours, near-black
 * on light ones (the palette has a yellow that white text would vanish on).
 */
export function readableTextOn(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#ffffff';
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white vs. against #18181b (luminance ≈ 0.0093): pick the larger one.
  const onWhite = 1.05 / (luminance + 0.05);
  const onDark = (luminance + 0.05) / (0.0093 + 0.05);
  return onWhite >= onDark ? '#ffffff' : '#18181b';
}
