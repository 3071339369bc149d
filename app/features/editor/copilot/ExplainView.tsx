'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/Button.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPCClient } from '../../../lib/trpc.ts';
import { useEditorSession } from '../session/editor-session.ts';

/** "Explain this workflow": the model's text streamed in as it is written. */
export function ExplainView({ credentialId }: { credentialId: string | undefined }) {
  const client = useTRPCClient();
  const { workflowId } = useEditorSession();
  const [text, setText] = useState('');
  const [state, setState] = useState<'idle' | 'streaming' | 'done' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);

  useEffect(() => () => stop.current?.(), []);

  const start = () => {
    stop.current?.();
    setText('');
    setError(null);
    setState('streaming');
    const sub = client.copilot.explain.subscribe(
      { workflowId, ...(credentialId ? { credentialId } : {}) },
      {
        onData: ({ delta }) => setText((t) => t + delta),
        onError: (err) => {
          setError(errorMessage(err));
          setState('error');
        },
        onComplete: () => setState((s) => (s === 'streaming' ? 'done' : s)),
      },
    );
    stop.current = () => sub.unsubscribe();
  };

  return (
    <div className="space-y-3">
      <Button size="sm" variant="secondary" onClick={start} loading={state === 'streaming'} data-testid="copilot-explain">
        {state === 'idle' ? 'Explain this workflow' : 'Explain again'}
      </Button>
      {text ? (
        <div className="whitespace-pre-wrap rounded-lg border border-line bg-subtle px-3 py-2.5 text-[13px] leading-relaxed text-fg" data-testid="copilot-explain-output" aria-live="polite">
          {text}
          {state === 'streaming' ? <span className="ml-0.5 inline-block h-3.5 w-1.5 animate-pulse bg-accent align-middle" aria-hidden /> : null}
        </div>
      ) : null}
      {error ? <p className="text-[13px] text-danger-text">{error}</p> : null}
    </div>
  );
}
