'use client';

import { useState, type KeyboardEvent } from 'react';
import * as Y from 'yjs';
import { nodesOf, removeNode, renameNodeWithReferences } from '../../../../collab/index.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import { ChevronDownIcon, InfoIcon, TrashIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';
import type { CompileIssue } from '../editor-store.ts';
import { useSetEditingField } from '../presence/use-peer-editing.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { tintOf } from '../canvas/category-style.ts';
import { NodeTypeIcon } from '../canvas/NodeTypeIcon.tsx';
import { IconButton } from './controls.tsx';
import { issueText } from './issue-placement.ts';
import { NodeDocs } from './NodeDocs.tsx';
import { PeerEditingChips } from './fields/FieldShell.tsx';

const MAX_NAME = 200;

/** Why a name cannot be used, or null. Names must be unique: expressions refer to nodes by name. */
export function nameProblem(doc: Y.Doc, nodeId: string, name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'A node needs a name';
  if (trimmed.length > MAX_NAME) return `At most ${MAX_NAME} characters`;
  for (const [id, map] of nodesOf(doc).entries()) {
    if (id !== nodeId && map instanceof Y.Map && map.get('name') === trimmed) return `Another node is already called “${trimmed}”`;
  }
  return null;
}

/** Icon, editable name, type and description, the docs, and delete. */
export function NodeHeader({
  nodeId,
  name,
  type,
  description,
  readOnly,
  nameIssues,
}: {
  nodeId: string;
  name: string;
  type: string;
  description: NodeTypeDescription | undefined;
  readOnly: boolean;
  nameIssues: readonly CompileIssue[];
}) {
  const session = useEditorSession();
  const setEditing = useSetEditingField();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [docsOpen, setDocsOpen] = useState(false);

  /** Renames when the draft is a usable name; false (with the reason shown) when it is not. */
  const commit = (): boolean => {
    if (draft === null) return true;
    const next = draft.trim();
    const problem = nameProblem(session.doc, nodeId, next);
    if (problem) {
      setError(problem);
      return false;
    }
    if (next !== name) renameNodeWithReferences(session.doc, nodeId, next, session.origin);
    setDraft(null);
    setError(null);
    return true;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (commit()) event.currentTarget.blur();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDraft(null);
      setError(null);
      event.currentTarget.blur();
    }
  };
  const remove = () => {
    removeNode(session.doc, nodeId, session.origin);
    const { selectedNodeIds, setSelection } = session.store.getState();
    setSelection(selectedNodeIds.filter((id) => id !== nodeId));
  };
  const shownErrors = [...(error ? [error] : []), ...nameIssues.map(issueText)];

  return (
    <div className="border-b border-line px-4 pt-3.5 pb-3">
      <div className="flex items-start gap-2.5">
        <span
          className={cn('mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-lg leading-none', tintOf(description?.category))}
          aria-hidden
          data-testid="node-config-icon"
        >
          <NodeTypeIcon description={description} fallbackName={name} size={18} />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1.5">
            <input
              value={draft ?? name}
              disabled={readOnly}
              aria-label="Node name"
              aria-invalid={shownErrors.length > 0 || undefined}
              maxLength={MAX_NAME}
              spellCheck={false}
              onChange={(event) => {
                setDraft(event.target.value);
                setError(null);
              }}
              onFocus={() => setEditing({ nodeId, param: 'name' })}
              onBlur={() => {
                setEditing(null);
                // Leaving the field keeps a valid new name and drops an invalid one (the stored name stays).
                if (!commit()) {
                  setDraft(null);
                  setError(null);
                }
              }}
              onKeyDown={onKeyDown}
              className={cn(
                '-mx-1 h-7 min-w-0 flex-1 truncate rounded-md border border-transparent bg-transparent px-1 text-[15px] font-semibold text-fg transition-colors',
                'hover:border-line focus:border-accent focus:bg-surface focus:ring-3 focus:ring-accent/20 focus:outline-none disabled:hover:border-transparent',
                'aria-[invalid=true]:border-danger',
              )}
              data-testid="node-name-input"
            />
            <PeerEditingChips nodeId={nodeId} param="name" />
            {readOnly ? null : (
              <IconButton label="Delete node" onClick={remove} className="hover:bg-danger-soft hover:text-danger-text" data-testid="node-delete">
                <TrashIcon size={14} />
              </IconButton>
            )}
          </div>
          <p className="mt-0.5 flex items-center gap-1.5 text-[12px] text-muted" data-testid="node-config-type">
            <span className="truncate">{description?.displayName ?? type}</span>
            {description ? <span className="text-faint">· v{description.version}</span> : null}
          </p>
        </div>
      </div>
      {shownErrors.length > 0 ? (
        <p className="mt-1.5 text-[11.5px] font-medium text-danger-text" role="alert" data-testid="node-name-error">
          {shownErrors.join(' · ')}
        </p>
      ) : null}
      {description ? (
        <>
          <p className="mt-2 text-[12.5px] leading-relaxed text-muted" data-testid="node-config-description">
            {description.description}
          </p>
          {description.docs ? (
            <div className="mt-1.5">
              <button
                type="button"
                aria-expanded={docsOpen}
                onClick={() => setDocsOpen(!docsOpen)}
                className="-ml-1 inline-flex h-6 items-center gap-1 rounded px-1 text-[12px] font-medium text-accent-text hover:bg-accent-soft"
                data-testid="node-docs-toggle"
              >
                <InfoIcon size={12} />
                {docsOpen ? 'Hide documentation' : 'Documentation'}
                <ChevronDownIcon size={12} className={cn('transition-transform', docsOpen && 'rotate-180')} />
              </button>
              {docsOpen ? (
                <div className="mt-1.5 rounded-lg border border-line bg-subtle/50 px-3 py-2.5">
                  <NodeDocs markdown={description.docs} />
                </div>
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
