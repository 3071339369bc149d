import type { NodeTypeDescription } from '../../../../engine/registry.ts';

const EMOJI = /\p{Extended_Pictographic}/u;

/** The type's emoji, or the first letter of its name when the icon is a name we cannot draw. */
export function iconGlyph(description: Pick<NodeTypeDescription, 'icon' | 'displayName'> | undefined, fallbackName: string): string {
  if (description?.icon && (EMOJI.test(description.icon) || description.icon.length <= 2)) return description.icon;
  return (description?.displayName ?? fallbackName).charAt(0).toUpperCase() || '?';
}
