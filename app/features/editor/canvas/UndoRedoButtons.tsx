'use client';

import { Button } from '../../../components/Button.tsx';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { RedoIcon, UndoIcon } from './canvas-icons.tsx';
import { isMacPlatform } from './shortcuts.ts';
import { useUndoState } from './use-undo-state.ts';

/** Undo and redo of this user's own edits (peers' edits are theirs to undo). */
export function UndoRedoButtons() {
  const session = useEditorSession();
  const viewingDoc = useEditorStore((s) => s.view.kind === 'doc');
  const { canUndo, canRedo } = useUndoState(session.undo);
  const editable = !session.readOnly && viewingDoc;
  const mod = isMacPlatform() ? '⌘' : 'Ctrl+';
  return (
    <div className="flex items-center" role="group" aria-label="History">
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Undo"
        title={`Undo (${mod}Z)`}
        data-testid="undo-button"
        disabled={!editable || !canUndo}
        onClick={() => session.undo.undo()}
      >
        <UndoIcon size={16} />
      </Button>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Redo"
        title={`Redo (${mod}${isMacPlatform() ? '⇧Z' : 'Shift+Z'})`}
        data-testid="redo-button"
        disabled={!editable || !canRedo}
        onClick={() => session.undo.redo()}
      >
        <RedoIcon size={16} />
      </Button>
    </div>
  );
}
