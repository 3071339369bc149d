import { strokeIcon } from '../../components/Icons.tsx';

/** A grid: the Data tables page and its nav link. */
export const TableIcon = strokeIcon(
  <>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 10h18M3 15h18M9 10v10" />
  </>,
  'TableIcon',
);
