import { strokeIcon } from '../../../components/Icons.tsx';

// Icons this panel needs that app/components/Icons.tsx lacks, drawn the same way (Lucide
// shapes, 24-unit grid, stroke 2). Decorative unless given an aria-label.

export const DiffIcon = strokeIcon(
  <>
    <path d="M12 3v14M5 10h14M5 21h14" />
  </>,
  'DiffIcon',
);

export const BoltIcon = strokeIcon(<path d="M13 2 3 14h9l-1 8 10-12h-9l1-8z" />, 'BoltIcon');

export const PowerIcon = strokeIcon(
  <>
    <path d="M12 2v10" />
    <path d="M18.4 6.6a9 9 0 1 1-12.77.04" />
  </>,
  'PowerIcon',
);

export const HistoryIcon = strokeIcon(
  <>
    <path d="M3 12a9 9 0 1 0 9-9 9.75 9.75 0 0 0-6.74 2.74L3 8" />
    <path d="M3 3v5h5" />
    <path d="M12 7v5l4 2" />
  </>,
  'HistoryIcon',
);

export const SaveIcon = strokeIcon(
  <>
    <path d="M15.2 3a2 2 0 0 1 1.4.6l3.8 3.8a2 2 0 0 1 .6 1.4V19a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z" />
    <path d="M17 21v-7a1 1 0 0 0-1-1H8a1 1 0 0 0-1 1v7" />
    <path d="M7 3v4a1 1 0 0 0 1 1h7" />
  </>,
  'SaveIcon',
);

export const ChevronRightIcon = strokeIcon(<path d="m9 18 6-6-6-6" />, 'ChevronRightIcon');
