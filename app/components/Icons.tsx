import type { ReactNode, SVGProps } from 'react';

// Stroke icons on a 24-unit grid (shapes after Lucide, ISC licence). Decorative by default:
// pass `aria-label` only where the icon is the sole content of a control.
export type IconProps = SVGProps<SVGSVGElement> & { size?: number };

/** The 24-unit stroke frame every icon is drawn in; `children` are its paths. */
export function StrokeSvg({ size = 16, children, ...props }: IconProps) {
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
      {children}
    </svg>
  );
}

/** A stroke icon component from its paths; feature folders use it for icons only they need. */
export function strokeIcon(paths: ReactNode, displayName: string) {
  function Icon(props: IconProps) {
    return <StrokeSvg {...props}>{paths}</StrokeSvg>;
  }
  Icon.displayName = displayName;
  return Icon;
}

export const PlusIcon = strokeIcon(<path d="M12 5v14M5 12h14" />, 'PlusIcon');

export const SearchIcon = strokeIcon(
  <>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </>,
  'SearchIcon',
);

export const UploadIcon = strokeIcon(
  <>
    <path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4" />
    <path d="m17 8-5-5-5 5" />
    <path d="M12 3v12" />
  </>,
  'UploadIcon',
);

export const DownloadIcon = strokeIcon(
  <>
    <path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4" />
    <path d="m7 10 5 5 5-5" />
    <path d="M12 15V3" />
  </>,
  'DownloadIcon',
);

export const MoreIcon = strokeIcon(
  <>
    <circle cx="5" cy="12" r="1" />
    <circle cx="12" cy="12" r="1" />
    <circle cx="19" cy="12" r="1" />
  </>,
  'MoreIcon',
);

export const PencilIcon = strokeIcon(
  <>
    <path d="M17 3a2.85 2.85 0 0 1 4 4L7.5 20.5 2 22l1.5-5.5Z" />
    <path d="m15 5 4 4" />
  </>,
  'PencilIcon',
);

export const CopyIcon = strokeIcon(
  <>
    <rect x="9" y="9" width="13" height="13" rx="2" />
    <path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1" />
  </>,
  'CopyIcon',
);

export const ArchiveIcon = strokeIcon(
  <>
    <rect x="2" y="3" width="20" height="5" rx="1" />
    <path d="M4 8v11a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8" />
    <path d="M10 12h4" />
  </>,
  'ArchiveIcon',
);

export const RestoreIcon = strokeIcon(
  <>
    <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
    <path d="M3 3v5h5" />
  </>,
  'RestoreIcon',
);

export const TrashIcon = strokeIcon(
  <>
    <path d="M3 6h18" />
    <path d="M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6" />
    <path d="M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2" />
    <path d="M10 11v6M14 11v6" />
  </>,
  'TrashIcon',
);

export const ChevronDownIcon = strokeIcon(<path d="m6 9 6 6 6-6" />, 'ChevronDownIcon');

export const ChevronsUpDownIcon = strokeIcon(<path d="m7 15 5 5 5-5M7 9l5-5 5 5" />, 'ChevronsUpDownIcon');

export const CheckIcon = strokeIcon(<path d="M20 6 9 17l-5-5" />, 'CheckIcon');

export const XIcon = strokeIcon(<path d="M18 6 6 18M6 6l12 12" />, 'XIcon');

export const ArrowLeftIcon = strokeIcon(<path d="m12 19-7-7 7-7M19 12H5" />, 'ArrowLeftIcon');

export const ArrowRightIcon = strokeIcon(<path d="M5 12h14M12 5l7 7-7 7" />, 'ArrowRightIcon');

export const UsersIcon = strokeIcon(
  <>
    <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2" />
    <circle cx="9" cy="7" r="4" />
    <path d="M22 21v-2a4 4 0 0 0-3-3.87M16 3.13a4 4 0 0 1 0 7.75" />
  </>,
  'UsersIcon',
);

export const WorkflowIcon = strokeIcon(
  <>
    <rect x="3" y="3" width="7" height="7" rx="1.5" />
    <rect x="14" y="14" width="7" height="7" rx="1.5" />
    <path d="M10 6.5h4a3 3 0 0 1 3 3V14" />
  </>,
  'WorkflowIcon',
);

export const LogOutIcon = strokeIcon(
  <>
    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
    <path d="m16 17 5-5-5-5M21 12H9" />
  </>,
  'LogOutIcon',
);

export const SunIcon = strokeIcon(
  <>
    <circle cx="12" cy="12" r="4" />
    <path d="M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M6.34 17.66l-1.41 1.41M19.07 4.93l-1.41 1.41" />
  </>,
  'SunIcon',
);

export const MoonIcon = strokeIcon(<path d="M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z" />, 'MoonIcon');

export const MonitorIcon = strokeIcon(
  <>
    <rect x="2" y="3" width="20" height="14" rx="2" />
    <path d="M8 21h8M12 17v4" />
  </>,
  'MonitorIcon',
);

export const LinkIcon = strokeIcon(
  <>
    <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
    <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
  </>,
  'LinkIcon',
);

export const AlertIcon = strokeIcon(
  <>
    <path d="m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3Z" />
    <path d="M12 9v4M12 17h.01" />
  </>,
  'AlertIcon',
);

export const InfoIcon = strokeIcon(
  <>
    <circle cx="12" cy="12" r="10" />
    <path d="M12 16v-4M12 8h.01" />
  </>,
  'InfoIcon',
);

export const CheckCircleIcon = strokeIcon(
  <>
    <circle cx="12" cy="12" r="10" />
    <path d="m9 12 2 2 4-4" />
  </>,
  'CheckCircleIcon',
);

export const ExternalIcon = strokeIcon(
  <>
    <path d="M15 3h6v6M10 14 21 3" />
    <path d="M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6" />
  </>,
  'ExternalIcon',
);

export const DoorIcon = strokeIcon(
  <>
    <path d="M13 4h3a2 2 0 0 1 2 2v14" />
    <path d="M2 20h3M13 20h9" />
    <path d="M10 12v.01" />
    <path d="M13 4.56v16.1a.5.5 0 0 1-.63.48L5 19V5.56a1 1 0 0 1 .76-.97l6-1.5A1 1 0 0 1 13 4.06Z" />
  </>,
  'DoorIcon',
);

export const SparkleIcon = strokeIcon(
  <>
    <path d="M9.94 14.06 8.5 19.5l-1.44-5.44L1.5 12.5l5.56-1.44L8.5 5.5l1.44 5.56L15.5 12.5Z" />
    <path d="M19 3v4M21 5h-4M18 16v4M20 18h-4" />
  </>,
  'SparkleIcon',
);
