import { strokeIcon } from '../../../components/Icons.tsx';

// Canvas-only stroke icons in the style of app/components/Icons.tsx (shapes after Lucide, ISC licence).

export const UndoIcon = strokeIcon(
  <>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </>,
  'UndoIcon',
);

export const RedoIcon = strokeIcon(
  <>
    <path d="m15 14 5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </>,
  'RedoIcon',
);

export const ZoomInIcon = strokeIcon(
  <>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5M11 8v6M8 11h6" />
  </>,
  'ZoomInIcon',
);

export const ZoomOutIcon = strokeIcon(
  <>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5M8 11h6" />
  </>,
  'ZoomOutIcon',
);

export const FitViewIcon = strokeIcon(
  <>
    <path d="M8 3H5a2 2 0 0 0-2 2v3M21 8V5a2 2 0 0 0-2-2h-3M3 16v3a2 2 0 0 0 2 2h3M16 21h3a2 2 0 0 0 2-2v-3" />
  </>,
  'FitViewIcon',
);

export const LayoutIcon = strokeIcon(
  <>
    <rect x="3" y="4" width="6" height="5" rx="1" />
    <rect x="15" y="4" width="6" height="5" rx="1" />
    <rect x="15" y="15" width="6" height="5" rx="1" />
    <path d="M9 6.5h6M12 6.5v11h3" />
  </>,
  'LayoutIcon',
);

export const KeyboardIcon = strokeIcon(
  <>
    <rect x="2" y="5" width="20" height="14" rx="2" />
    <path d="M6 9h.01M10 9h.01M14 9h.01M18 9h.01M6 13h.01M18 13h.01M10 13h4M7 16h10" />
  </>,
  'KeyboardIcon',
);

export const PanelLeftIcon = strokeIcon(
  <>
    <rect x="3" y="3" width="18" height="18" rx="2" />
    <path d="M9 3v18" />
  </>,
  'PanelLeftIcon',
);

export const MapIcon = strokeIcon(
  <>
    <path d="M14.1 5.1 9.9 3 3 5.8v15.3l6.9-2.8 4.2 2.1 6.9-2.8V2.3Z" />
    <path d="M9.9 3v15.3M14.1 5.1v15.3" />
  </>,
  'MapIcon',
);

export const RetryIcon = strokeIcon(
  <>
    <path d="M21 12a9 9 0 1 1-3-6.7L21 8" />
    <path d="M21 3v5h-5" />
  </>,
  'RetryIcon',
);
