import type { ReactNode, SVGProps } from 'react';

/** Player and run icons the shared set lacks (same 24-unit stroke style as app/components/Icons). */
type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function icon(paths: ReactNode, displayName: string) {
  function Icon({ size = 16, ...props }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden={props['aria-label'] ? undefined : true}
        focusable="false"
        {...props}
      >
        {paths}
      </svg>
    );
  }
  Icon.displayName = displayName;
  return Icon;
}

export const PlayIcon = icon(<path d="M7 4.5v15l12-7.5-12-7.5Z" fill="currentColor" />, 'PlayIcon');
export const PauseIcon = icon(
  <>
    <rect x="6" y="4.5" width="4" height="15" rx="1" fill="currentColor" />
    <rect x="14" y="4.5" width="4" height="15" rx="1" fill="currentColor" />
  </>,
  'PauseIcon',
);
export const StopIcon = icon(<rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />, 'StopIcon');
export const StepForwardIcon = icon(<path d="M6 5v14l9-7-9-7ZM18 5v14" />, 'StepForwardIcon');
export const StepBackIcon = icon(<path d="M18 5v14l-9-7 9-7ZM6 5v14" />, 'StepBackIcon');
export const SkipEndIcon = icon(<path d="m5 5 7 7-7 7M13 5l7 7-7 7" />, 'SkipEndIcon');
export const RetryIcon = icon(<path d="M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5" />, 'RetryIcon');
export const PresentIcon = icon(
  <>
    <path d="M2 8V6a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-6" />
    <path d="M2 12a9 9 0 0 1 8 8M2 16a5 5 0 0 1 4 4M2 20h.01" />
  </>,
  'PresentIcon',
);
export const HistoryIcon = icon(
  <>
    <path d="M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5" />
    <path d="M12 7v5l3 2" />
  </>,
  'HistoryIcon',
);
export const BracesIcon = icon(
  <path d="M8 3H7a2 2 0 0 0-2 2v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5a2 2 0 0 0 2 2h1M16 21h1a2 2 0 0 0 2-2v-5a2 2 0 0 1 2-2 2 2 0 0 1-2-2V5a2 2 0 0 0-2-2h-1" />,
  'BracesIcon',
);
export const TableIcon = icon(
  <>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 10h18M9 10v10" />
  </>,
  'TableIcon',
);
export const ChevronRightIcon = icon(<path d="m9 6 6 6-6 6" />, 'ChevronRightIcon');
