'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { SparkleIcon } from '../../../components/Icons.tsx';
import { readDraftMark } from '../../../../collab/copilot/apply-plan.ts';
import { nodeMapOf } from '../../../../collab/workflow-doc.ts';
import { useEditorSession } from '../session/editor-session.ts';

/** "✨ AI · for Ana" on a node the copilot added or changed, seen by every collaborator. */
export function DraftMarkBadge({ id }: { id: string }) {
  const { doc } = useEditorSession();
  const subscribe = useCallback(
    (listener: () => void) => {
      doc.on('update', listener);
      return () => doc.off('update', listener);
    },
    [doc],
  );
  const forName = useSyncExternalStore(
    subscribe,
    () => {
      const map = nodeMapOf(doc, id);
      return (map && readDraftMark(map)?.forName) ?? '';
    },
    () => '',
  );
  if (!forName) return null;
  return (
    <span
      className="pointer-events-none absolute -top-5 left-0 flex max-w-full items-center gap-1 truncate rounded-full bg-accent-soft px-1.5 text-[10px] leading-4 font-medium text-accent-text"
      title={`Drafted by AI for ${forName}`}
      data-testid={`node-ai-mark-${id}`}
    >
      <SparkleIcon size={10} /> AI · for {forName}
    </span>
  );
}
