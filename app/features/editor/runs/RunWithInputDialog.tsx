'use client';

import { useState } from 'react';
import { Button } from '../../../components/Button.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { Field, Textarea } from '../../../components/Input.tsx';
import { useEditorSession } from '../session/editor-session.ts';
import { DEFAULT_TEST_INPUT, parseTestInput, type TestItem } from './test-input.ts';

// The last input per workflow, so the next test run starts from what was typed before.
const lastInput = new Map<string, string>();

type Props = { open: boolean; onClose: () => void; onRun: (items: TestItem[]) => Promise<boolean> };

/** "Run with test input…": the trigger's items typed as JSON, checked while typing. */
export function RunWithInputDialog({ open, onClose, onRun }: Props) {
  const { workflowId } = useEditorSession();
  const [text, setText] = useState(() => lastInput.get(workflowId) ?? DEFAULT_TEST_INPUT);
  const [pending, setPending] = useState(false);
  const parsed = parseTestInput(text);

  const submit = async () => {
    if (!parsed.ok || pending) return;
    setPending(true);
    const ok = await onRun(parsed.items);
    setPending(false);
    if (ok) onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={pending}
      title="Run with test input"
      description="The items the webhook trigger starts the run with."
      size="lg"
      onSubmit={() => void submit()}
      data-testid="run-test-input-dialog"
      footer={
        <>
          <span className="mr-auto text-xs text-faint">Ctrl+Enter runs</span>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={!parsed.ok} loading={pending} data-testid="run-test-input-submit">
            Run
          </Button>
        </>
      }
    >
      <Field
        label="Input items (JSON)"
        hint={parsed.ok ? `${parsed.items.length} item${parsed.items.length === 1 ? '' : 's'}, each {"json": {…}}` : undefined}
        error={parsed.ok ? undefined : parsed.error}
      >
        <Textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            lastInput.set(workflowId, e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              void submit();
            }
          }}
          spellCheck={false}
          rows={12}
          data-autofocus
          className="font-mono text-[12.5px] leading-5"
          data-testid="run-test-input-json"
        />
      </Field>
    </Dialog>
  );
}
