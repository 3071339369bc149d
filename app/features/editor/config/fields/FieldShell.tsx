'use client';

import { createContext, useContext, useId, type FocusEvent, type ReactNode } from 'react';
import { AlertIcon } from '../../../../components/Icons.tsx';
import { cn } from '../../../../lib/cn.ts';
import type { CompileIssue } from '../../editor-store.ts';
import { usePeerEditing, useSetEditingField } from '../../presence/use-peer-editing.ts';
import { readableTextOn } from '../../presence/readable-text.ts';
import { issueText } from '../issue-placement.ts';

export type ControlIds = { id: string; describedBy: string | undefined; invalid: boolean };

/** Inside repeated items help texts become tooltips, so a list of ten headers stays readable. */
export const CompactFields = createContext(false);

const sameWords = (a: ReactNode, b: ReactNode) =>
  typeof a === 'string' && typeof b === 'string' && a.replace(/[.\s]+$/, '').toLowerCase() === b.replace(/[.\s]+$/, '').toLowerCase();

type Props = {
  nodeId: string;
  /** Dotted param path: the presence key and the suffix of the test ids. */
  path: string;
  label: ReactNode;
  required?: boolean;
  help?: ReactNode;
  issues?: readonly CompileIssue[];
  /** Extra local problem (a number that does not parse). */
  localError?: string | null;
  /** Right side of the label row (the expression toggle, a counter). */
  aside?: ReactNode;
  /** Label and control on one row (switches). */
  inline?: boolean;
  /** Announces focus inside as "editing this field" to peers; off for containers. */
  presence?: boolean;
  /** Help right under the label (containers, whose content can be long). */
  helpFirst?: boolean;
  children(ids: ControlIds): ReactNode;
};

/**
 * A form row: label (with required marker), who else is editing it, the control, help text and
 * the compiler's findings for this path. Focus inside tells peers this user is editing it.
 */
export function FieldShell({ nodeId, path, label, required, help: rawHelp, issues = [], localError, aside, inline, presence = true, helpFirst, children }: Props) {
  const id = useId();
  const compact = useContext(CompactFields);
  // Help that only repeats the label says nothing.
  const meaningful = rawHelp && !sameWords(rawHelp, label) ? rawHelp : undefined;
  const help = compact ? undefined : meaningful;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const setEditing = useSetEditingField();
  const invalid = issues.length > 0 || !!localError;
  const describedBy = [help ? helpId : null, invalid ? errorId : null].filter(Boolean).join(' ') || undefined;
  const focusHandlers = presence
    ? {
        onFocus: () => setEditing({ nodeId, param: path }),
        onBlur: (event: FocusEvent) => {
          if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) setEditing(null);
        },
      }
    : {};

  const labelRow = (
    <div className={cn('flex min-h-5 min-w-0 items-center gap-2', inline && 'flex-1')}>
      <label htmlFor={id} className="truncate text-[12px] font-medium text-fg" title={compact && typeof meaningful === 'string' ? meaningful : undefined}>
        {label}
        {required ? (
          <span className="ml-0.5 text-danger-text" aria-hidden title="Required">
            *
          </span>
        ) : null}
        {required ? <span className="sr-only"> (required)</span> : null}
      </label>
      <PeerEditingChips nodeId={nodeId} param={path} />
      {aside ? <div className="ml-auto flex shrink-0 items-center gap-1">{aside}</div> : null}
    </div>
  );

  const helpText = help ? (
    <p id={helpId} className="text-[11.5px] leading-snug text-faint">
      {help}
    </p>
  ) : null;

  return (
    <div className="group/field flex min-w-0 flex-col gap-1" data-testid={`field-${path}`} {...focusHandlers}>
      {inline ? (
        <div className="flex items-center gap-3">
          {labelRow}
          {children({ id, describedBy, invalid })}
        </div>
      ) : (
        <>
          {labelRow}
          {helpFirst ? helpText : null}
          {children({ id, describedBy, invalid })}
        </>
      )}
      {helpFirst && !inline ? null : helpText}
      {invalid ? (
        <div id={errorId} className="flex flex-col gap-0.5">
          {localError ? <ErrorLine path={path} text={localError} /> : null}
          {issues.map((issue, index) => (
            <ErrorLine key={`${issue.code}:${index}`} path={path} text={issueText(issue)} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function ErrorLine({ path, text }: { path: string; text: string }) {
  return (
    <p className="flex items-start gap-1 text-[11.5px] leading-snug font-medium text-danger-text" data-testid={`param-error-${path}`}>
      <AlertIcon size={12} className="mt-px shrink-0" />
      <span className="min-w-0 break-words">{text}</span>
    </p>
  );
}

/** "Ana is editing" in Ana's colour, one chip per peer on this field. */
export function PeerEditingChips({ nodeId, param }: { nodeId: string; param: string }) {
  const peers = usePeerEditing(nodeId, param);
  if (peers.length === 0) return null;
  return (
    <span className="flex min-w-0 items-center gap-1" data-testid={`peer-editing-${param}`}>
      {peers.map((peer) => (
        <span
          key={peer.clientId}
          className="inline-flex h-4 max-w-32 items-center truncate rounded-full px-1.5 text-[10.5px] font-medium"
          style={{ background: peer.color, color: readableTextOn(peer.color) }}
          title={`${peer.name} is editing this field`}
        >
          {peer.name} is editing
        </span>
      ))}
    </span>
  );
}
