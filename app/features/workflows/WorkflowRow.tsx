'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Badge } from '../../components/Badge.tsx';
import {
  ArchiveIcon,
  CopyIcon,
  DownloadIcon,
  ExternalIcon,
  MoreIcon,
  PencilIcon,
  RestoreIcon,
  TrashIcon,
  WorkflowIcon,
} from '../../components/Icons.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../components/Menu.tsx';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format.ts';
import type { WorkflowSummary } from '../../lib/trpc.ts';
import type { useWorkflowActions } from './use-workflow-actions.ts';

type Props = {
  workflow: WorkflowSummary;
  href: string;
  canEdit: boolean;
  isOwner: boolean;
  actions: ReturnType<typeof useWorkflowActions>;
  onRename: (workflow: WorkflowSummary) => void;
  onDelete: (workflow: WorkflowSummary) => void;
};

/** One workflow: the whole row opens it; the ⋯ menu offers what the user's role allows. */
export function WorkflowRow({ workflow, href, canEdit, isOwner, actions, onRename, onDelete }: Props) {
  const router = useRouter();
  const archived = workflow.archivedAt !== null;
  const id = { workflowId: workflow.id };

  return (
    <li
      className="group relative flex items-center gap-3 border-b border-line px-4 py-3 transition-colors last:border-b-0 hover:bg-subtle/70"
      data-testid="workflow-row"
      data-workflow-id={workflow.id}
    >
      <span
        className={
          'flex size-8 shrink-0 items-center justify-center rounded-lg border border-line ' +
          (archived ? 'bg-subtle text-faint' : 'bg-accent-soft text-accent-text')
        }
      >
        <WorkflowIcon size={15} />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 items-center gap-2">
          <Link
            href={href}
            className="truncate text-[13px] font-medium text-fg after:absolute after:inset-0 after:content-[''] focus-visible:outline-none group-has-[a:focus-visible]:underline"
            data-testid="workflow-link"
          >
            {workflow.name}
          </Link>
          {archived ? <Badge>Archived</Badge> : null}
          {workflow.activeVersionId ? <Badge tone="success">Active</Badge> : null}
        </div>
        <p className="mt-0.5 truncate text-xs text-faint">{workflow.description || 'No description'}</p>
      </div>
      <time
        dateTime={workflow.updatedAt.toISOString()}
        title={`Updated ${formatDateTime(workflow.updatedAt)}`}
        className="hidden w-32 shrink-0 text-xs text-muted tabular-nums sm:block"
      >
        {formatRelative(workflow.updatedAt)}
      </time>
      <time
        dateTime={workflow.createdAt.toISOString()}
        title={`Created ${formatDateTime(workflow.createdAt)}`}
        className="hidden w-28 shrink-0 text-xs text-muted tabular-nums lg:block"
      >
        {formatDate(workflow.createdAt)}
      </time>
      <div className="relative z-10 shrink-0">
        <Menu
          label={`Actions for ${workflow.name}`}
          align="end"
          width={208}
          triggerTestId="workflow-actions"
          triggerClassName="flex size-7 items-center justify-center rounded-md text-faint transition-colors hover:bg-hover hover:text-fg aria-expanded:bg-hover aria-expanded:text-fg"
          trigger={<MoreIcon size={16} />}
        >
          <MenuItem icon={<ExternalIcon size={14} />} onSelect={() => router.push(href)} data-testid="action-open">
            Open
          </MenuItem>
          {canEdit ? (
            <>
              <MenuItem icon={<PencilIcon size={14} />} onSelect={() => onRename(workflow)} data-testid="action-rename">
                Rename
              </MenuItem>
              <MenuItem icon={<CopyIcon size={14} />} onSelect={() => actions.duplicate.mutate(id)} data-testid="action-duplicate">
                Duplicate
              </MenuItem>
            </>
          ) : null}
          <MenuItem icon={<DownloadIcon size={14} />} onSelect={() => void actions.exportJson(workflow)} data-testid="action-export">
            Export as JSON
          </MenuItem>
          {canEdit ? (
            archived ? (
              <MenuItem icon={<RestoreIcon size={14} />} onSelect={() => actions.restore.mutate(id)} data-testid="action-restore">
                Restore
              </MenuItem>
            ) : (
              <MenuItem icon={<ArchiveIcon size={14} />} onSelect={() => actions.archive.mutate(id)} data-testid="action-archive">
                Archive
              </MenuItem>
            )
          ) : null}
          {isOwner ? (
            <>
              <MenuSeparator />
              <MenuItem tone="danger" icon={<TrashIcon size={14} />} onSelect={() => onDelete(workflow)} data-testid="action-delete">
                Delete…
              </MenuItem>
            </>
          ) : null}
        </Menu>
      </div>
    </li>
  );
}
