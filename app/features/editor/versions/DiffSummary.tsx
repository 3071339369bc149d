'use client';

import { useState } from 'react';
import type * as Y from 'yjs';
import { nodesOf } from '../../../../collab/workflow-doc.ts';
import type { DefinitionDiff, NodeChange } from '../../../../collab/version-diff.ts';
import type { WorkflowEdge, WorkflowNode } from '../../../../engine/definition.ts';
import { XIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';
import { canvasBridgeOf } from '../canvas/canvas-bridge.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { CompactButton } from './CompactButton.tsx';
import { nodeCounts } from './diff-overlay.ts';
import { FieldDiff } from './FieldDiff.tsx';
import { fieldRows } from './field-rows.ts';
import type { ComparedVersion } from './live-diff.ts';
import { ChevronRightIcon } from './version-icons.tsx';

type Mark = 'added' | 'removed' | 'changed' | 'moved';

type NodeEntry = { id: string; name: string; type: string; mark: Mark; change?: NodeChange };

const MARK_DOT: Record<Mark, string> = {
  added: 'bg-success-text',
  removed: 'bg-danger-text',
  changed: 'bg-warning-text',
  moved: 'bg-faint',
};
const MARK_TEXT: Record<Mark, string> = {
  added: 'text-success-text',
  removed: 'text-danger-text',
  changed: 'text-warning-text',
  moved: 'text-faint',
};

function entriesOf(diff: DefinitionDiff): NodeEntry[] {
  const fromNode = (n: WorkflowNode, mark: Mark): NodeEntry => ({ id: n.id, name: n.name, type: n.type, mark });
  return [
    ...diff.nodes.changed.filter((c) => !c.movedOnly).map((c): NodeEntry => ({ id: c.id, name: c.name, type: c.type, mark: 'changed', change: c })),
    ...diff.nodes.added.map((n) => fromNode(n, 'added')),
    ...diff.nodes.removed.map((n) => fromNode(n, 'removed')),
    ...diff.nodes.changed.filter((c) => c.movedOnly).map((c): NodeEntry => ({ id: c.id, name: c.name, type: c.type, mark: 'moved', change: c })),
  ];
}

/**
 * The diff painted on the canvas, as a list: counts, then every node that differs. Clicking a
 * node selects it on the canvas; an edited node also opens its field-by-field changes.
 */
export function DiffSummary({ version, diff, onHide }: { version: ComparedVersion; diff: DefinitionDiff; onHide(): void }) {
  const session = useEditorSession();
  const [openId, setOpenId] = useState<string | null>(null);
  const counts = nodeCounts(diff);
  const entries = entriesOf(diff);
  const edges: { edge: WorkflowEdge; mark: Mark }[] = [
    ...diff.edges.added.map((edge) => ({ edge, mark: 'added' as const })),
    ...diff.edges.removed.map((edge) => ({ edge, mark: 'removed' as const })),
  ];
  const changedEdges = diff.edges.changed.length;
  const nothing = entries.length === 0 && edges.length === 0 && changedEdges === 0;

  const nameOf = (id: string) => {
    const live = nodesOf(session.doc).get(id)?.get('name');
    if (typeof live === 'string') return live;
    return version.definition.nodes.find((n) => n.id === id)?.name ?? id;
  };
  const typeName = (type: string) => session.nodeTypes.get(type)?.displayName ?? type;

  const pick = (entry: NodeEntry) => {
    if (entry.mark !== 'removed') {
      session.store.getState().setSelection([entry.id]);
      centerOn(session.doc, entry.id);
    }
    if (entry.mark === 'changed') setOpenId((id) => (id === entry.id ? null : entry.id));
  };

  return (
    <section className="border-b border-line bg-subtle/50" data-testid="diff-summary" aria-label={`Changes since version ${version.number}`}>
      <div className="flex items-center gap-2 px-4 pt-3">
        <h3 className="min-w-0 flex-1 truncate text-[13px] font-semibold text-fg">
          Changes since version {version.number}
          <span className="font-normal text-faint"> → now</span>
        </h3>
        <CompactButton className="-mr-2" icon={<XIcon size={13} />} onClick={onHide} data-testid="diff-close">
          Hide changes
        </CompactButton>
      </div>
      <p className="flex flex-wrap gap-x-3 gap-y-1 px-4 pt-1 pb-2.5 text-xs" data-testid="diff-counts">
        <Count n={counts.added} label="added" mark="added" />
        <Count n={counts.removed} label="removed" mark="removed" />
        <Count n={counts.changed} label="changed" mark="changed" />
        {counts.moved ? <Count n={counts.moved} label="moved" mark="moved" /> : null}
      </p>

      {nothing ? (
        <p className="px-4 pb-3 text-xs text-muted">No differences: the workflow is exactly as in version {version.number}.</p>
      ) : (
        <ul className="px-2 pb-2" aria-label="Changed nodes">
          {entries.map((entry) => {
            const open = openId === entry.id && entry.change;
            return (
              <li key={entry.id}>
                <button
                  type="button"
                  onClick={() => pick(entry)}
                  aria-expanded={entry.mark === 'changed' ? openId === entry.id : undefined}
                  disabled={entry.mark === 'removed'}
                  data-testid={`diff-node-${entry.id}`}
                  className={cn(
                    'flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-[13px] transition-colors',
                    entry.mark === 'removed' ? 'cursor-default' : 'hover:bg-hover',
                    open && 'bg-hover',
                  )}
                >
                  <span className={cn('size-2 shrink-0 rounded-full', MARK_DOT[entry.mark])} aria-hidden />
                  <span className={cn('min-w-0 truncate font-medium', entry.mark === 'removed' ? 'text-muted line-through decoration-danger-text/50' : 'text-fg')}>
                    {entry.name}
                  </span>
                  <span className="min-w-0 truncate text-xs text-faint">{typeName(entry.type)}</span>
                  <span className={cn('ml-auto shrink-0 text-[11px] font-medium', MARK_TEXT[entry.mark])}>
                    {entry.mark === 'changed' && entry.change ? `${entry.change.fields.length} ${entry.change.fields.length === 1 ? 'field' : 'fields'}` : entry.mark}
                  </span>
                  {entry.mark === 'changed' ? (
                    <ChevronRightIcon size={13} className={cn('shrink-0 text-faint transition-transform', open && 'rotate-90')} />
                  ) : null}
                </button>
                {open && entry.change ? (
                  <div className="mx-2 mt-1 mb-2 rounded-md border border-line bg-surface p-3">
                    <FieldDiff rows={fieldRows(entry.change)} />
                  </div>
                ) : null}
              </li>
            );
          })}
          {edges.length || changedEdges ? (
            <li className="px-2 pt-2 pb-1 text-[11px] font-medium tracking-wide text-faint uppercase" aria-hidden>
              Connections
            </li>
          ) : null}
          {edges.map(({ edge, mark }) => (
            <li key={edge.id} className="flex items-center gap-2 px-2 py-1 text-xs" data-testid={`diff-edge-${edge.id}`}>
              <span className={cn('size-2 shrink-0 rounded-full', MARK_DOT[mark])} aria-hidden />
              <span className="min-w-0 truncate text-muted">
                {nameOf(edge.source)} <span className="text-faint">→</span> {nameOf(edge.target)}
              </span>
              <span className={cn('ml-auto shrink-0 text-[11px] font-medium', MARK_TEXT[mark])}>{mark}</span>
            </li>
          ))}
          {changedEdges ? (
            <li className="flex items-center gap-2 px-2 py-1 text-xs text-muted">
              <span className={cn('size-2 shrink-0 rounded-full', MARK_DOT.changed)} aria-hidden />
              {changedEdges} {changedEdges === 1 ? 'connection' : 'connections'} rewired
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

function Count({ n, label, mark }: { n: number; label: string; mark: Mark }) {
  return (
    <span className={cn('inline-flex items-center gap-1.5', n === 0 ? 'text-faint' : MARK_TEXT[mark])}>
      <span className={cn('size-1.5 rounded-full', n === 0 ? 'bg-line-strong' : MARK_DOT[mark])} aria-hidden />
      <span className="font-semibold tabular-nums">{n}</span> {label}
    </span>
  );
}

/** Brings a node into view when the canvas offers it (a `centerOn` on its bridge). */
function centerOn(doc: Y.Doc, nodeId: string) {
  const bridge = canvasBridgeOf(doc);
  if (bridge && 'centerOn' in bridge && typeof bridge.centerOn === 'function') (bridge.centerOn as (id: string) => void)(nodeId);
}
