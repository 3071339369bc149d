import { strokeIcon } from '../../../components/Icons.tsx';

/** Player and run icons the shared set lacks (same 24-unit stroke style as app/components/Icons). */

export const PlayIcon = strokeIcon(<path d="M7 4.5v15l12-7.5-12-7.5Z" fill="currentColor" />, 'PlayIcon');
export const PauseIcon = strokeIcon(
  <>
    <rect x="6" y="4.5" width="4" height="15" rx="1" fill="currentColor" />
    <rect x="14" y="4.5" width="4" height="15" rx="1" fill="currentColor" />
  </>,
  'PauseIcon',
);
export const StopIcon = strokeIcon(<rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />, 'StopIcon');
export const StepForwardIcon = strokeIcon(<path d="M6 5v14l9-7-9-7ZM18 5v14" />, 'StepForwardIcon');
export const StepBackIcon = strokeIcon(<path d="M18 5v14l-9-7 9-7ZM6 5v14" />, 'StepBackIcon');
export const SkipEndIcon = strokeIcon(<path d="m5 5 7 7-7 7M13 5l7 7-7 7" />, 'SkipEndIcon');
export const RetryIcon = strokeIcon(<path d="M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5" />, 'RetryIcon');
export const PresentIcon = strokeIcon(
  <>
    <path d="M2 8V6a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-6" />
    <path d="M2 12a9 9 0 0 1 8 8M2 16a5 5 0 0 1 4 4M2 20h.01" />
  </>,
  'PresentIcon',
);
export const HistoryIcon = strokeIcon(
  <>
    <path d="M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5" />
    <path d="M12 7v5l3 2" />
  </>,
  'HistoryIcon',
);
export const BracesIcon = strokeIcon(
  <path d="M8 3H7a2 2 0 0 0-2 2v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5a2 2 0 0 0 2 2h1M16 21h1a2 2 0 0 0 2-2v-5a2 2 0 0 1 2-2 2 2 0 0 1-2-2V5a2 2 0 0 0-2-2h-1" />,
  'BracesIcon',
);
export const TableIcon = strokeIcon(
  <>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 10h18M9 10v10" />
  </>,
  'TableIcon',
);
export const ChevronRightIcon = strokeIcon(<path d="m9 6 6 6-6 6" />, 'ChevronRightIcon');
