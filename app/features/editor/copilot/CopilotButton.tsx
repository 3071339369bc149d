'use client';

import { Button } from '../../../components/Button.tsx';
import { SparkleIcon } from '../../../components/Icons.tsx';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';

/** Opens (or closes) the copilot side panel from the top bar. */
export function CopilotButton() {
  const { store } = useEditorSession();
  const open = useEditorStore((s) => s.panel === 'copilot');
  return (
    <Button
      variant="ghost"
      size="sm"
      icon={<SparkleIcon size={14} />}
      aria-pressed={open}
      onClick={() => store.getState().openPanel(open ? null : 'copilot')}
      data-testid="copilot-toggle"
      className="max-md:hidden"
    >
      Copilot
    </Button>
  );
}
