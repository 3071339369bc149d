import type { ReactNode } from 'react';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import { StrokeSvg } from '../../../components/Icons.tsx';
import { iconGlyph } from './node-icon.ts';

/*
 * Node types declare an emoji; the canvas draws the common ones as stroke icons (shapes after
 * Lucide, ISC licence) so cards look the same on every platform and in both themes, whatever
 * emoji font the machine has. Unknown icons fall back to the emoji or a letter.
 */
const PATHS: Record<string, ReactNode> = {
  '▶️': <path d="M7 4.5v15l12-7.5Z" />,
  '🪝': (
    <>
      <path d="M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2" />
      <path d="m6 17 3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06" />
      <path d="m12 6 3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8" />
    </>
  ),
  '⏰': (
    <>
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l2 2M5 3 2 6M22 6l-3-3" />
    </>
  ),
  '📰': (
    <>
      <path d="M4 11a9 9 0 0 1 9 9M4 4a16 16 0 0 1 16 16" />
      <circle cx="5" cy="19" r="1" />
    </>
  ),
  '🌐': (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
    </>
  ),
  '↩️': (
    <>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </>
  ),
  '🔀': (
    <>
      <path d="M6 3v12M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z" />
      <path d="M18 9a9 9 0 0 1-9 9" />
    </>
  ),
  '🚦': (
    <>
      <path d="M16 3h5v5M8 3H3v5" />
      <path d="M12 22v-8.3a4 4 0 0 0-1.17-2.83L3 3M21 3l-7.83 7.83" />
    </>
  ),
  '🔍': <path d="M22 3H2l8 9.46V19l4 2v-8.54Z" />,
  '🔗': (
    <>
      <path d="m8 6 4-4 4 4" />
      <path d="M12 2v10.3a4 4 0 0 1-1.17 2.83L4 22M20 22l-5-5" />
    </>
  ),
  '🔁': (
    <>
      <path d="m17 2 4 4-4 4" />
      <path d="M3 11v-1a4 4 0 0 1 4-4h14M7 22l-4-4 4-4" />
      <path d="M21 13v1a4 4 0 0 1-4 4H3" />
    </>
  ),
  '⏳': (
    <>
      <path d="M5 22h14M5 2h14" />
      <path d="M17 22v-4.17a2 2 0 0 0-.59-1.42L12 12l-4.41 4.41A2 2 0 0 0 7 17.83V22M7 2v4.17a2 2 0 0 0 .59 1.42L12 12l4.41-4.41A2 2 0 0 0 17 6.17V2" />
    </>
  ),
  '✏️': (
    <>
      <path d="M17 3a2.85 2.85 0 0 1 4 4L7.5 20.5 2 22l1.5-5.5Z" />
      <path d="m15 5 4 4" />
    </>
  ),
  '🧑‍💻': <path d="m16 18 6-6-6-6M8 6l-6 6 6 6" />,
  '🧺': (
    <>
      <rect x="2" y="4" width="20" height="5" rx="1" />
      <path d="M4 9v9a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9M10 13h4" />
    </>
  ),
  '➡️': <path d="M5 12h14M12 5l7 7-7 7" />,
  '✨': (
    <>
      <path d="M9.94 14.06 8.5 19.5l-1.44-5.44L1.5 12.5l5.56-1.44L8.5 5.5l1.44 5.56L15.5 12.5Z" />
      <path d="M19 3v4M21 5h-4M18 16v4M20 18h-4" />
    </>
  ),
  '✉️': (
    <>
      <rect x="2" y="4" width="20" height="16" rx="2" />
      <path d="m22 7-10 6L2 7" />
    </>
  ),
  '🎯': (
    <>
      <circle cx="12" cy="12" r="9" />
      <circle cx="12" cy="12" r="5" />
      <circle cx="12" cy="12" r="1" />
    </>
  ),
  '📬': (
    <>
      <path d="M22 12h-6l-2 3h-4l-2-3H2" />
      <path d="M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11Z" />
    </>
  ),
  '🔎': (
    <>
      <circle cx="10" cy="7" r="4" />
      <path d="M10.3 15H7a4 4 0 0 0-4 4v2" />
      <circle cx="17" cy="17" r="3" />
      <path d="m21 21-1.9-1.9" />
    </>
  ),
  '🕘': (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  '🗃️': (
    <>
      <ellipse cx="12" cy="5" rx="9" ry="3" />
      <path d="M3 5v14a9 3 0 0 0 18 0V5" />
      <path d="M3 12a9 3 0 0 0 18 0" />
    </>
  ),
  '🧲': (
    <>
      <path d="M3 7V5a2 2 0 0 1 2-2h2M17 3h2a2 2 0 0 1 2 2v2M21 17v2a2 2 0 0 1-2 2h-2M7 21H5a2 2 0 0 1-2-2v-2" />
      <path d="M7 12h10M7 8h6M7 16h8" />
    </>
  ),
};

export function NodeTypeIcon({ description, fallbackName, size = 18 }: { description: NodeTypeDescription | undefined; fallbackName: string; size?: number }) {
  const paths = description ? PATHS[description.icon] : undefined;
  if (!paths) return <span style={{ fontSize: size * 0.9 }}>{iconGlyph(description, fallbackName)}</span>;
  return <StrokeSvg size={size}>{paths}</StrokeSvg>;
}
