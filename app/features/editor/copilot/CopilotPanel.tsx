'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '../../../components/Button.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatRelative } from '../../../lib/format.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { ExplainView } from './ExplainView.tsx';
import { describePreview } from './proposal-preview.ts';
import { useCopilotDraft } from './use-copilot-draft.ts';

type Mode = 'create' | 'change' | 'fix' | 'explain';

const MODES: { id: Mode; label: string; editorOnly: boolean }[] = [
  { id: 'create', label: 'Draft', editorOnly: true },
  { id: 'change', label: 'Change', editorOnly: true },
  { id: 'fix', label: 'Fix a run', editorOnly: true },
  { id: 'explain', label: 'Explain', editorOnly: false },
];

const EXAMPLES = [
  "Every morning, read TechCrunch's feed, find founders, enrich with Hunter, draft a personal email",
  'When a webhook arrives, summarise the body with AI and post it to a URL',
];

/** The copilot side panel: prompts become proposals previewed on the canvas, or streamed explanations. */
export function CopilotPanel() {
  const session = useEditorSession();
  const trpc = useTRPC();
  // Fresh on every open: a provider added elsewhere (another tab, a colleague) counts at once.
  const status = useQuery({ ...trpc.copilot.status.queryOptions({ workflowId: session.workflowId }), staleTime: 0 });
  const [mode, setMode] = useState<Mode>(session.readOnly ? 'explain' : 'create');
  const [prompt, setPrompt] = useState('');
  const [credentialId, setCredentialId] = useState<string | undefined>(undefined);
  const [runId, setRunId] = useState<string | undefined>(undefined);
  const { draft, pending, ask, accept, reject } = useCopilotDraft();
  // "Fix with AI" on a failed run opens this panel on that run.
  const request = useEditorStore((s) => s.copilotRequest);
  useEffect(() => {
    if (!request) return;
    setMode(request.mode);
    setRunId(request.runId);
    session.store.getState().askCopilot(null);
  }, [request, session.store]);
  const failedRuns = useQuery({
    ...trpc.run.list.queryOptions({ workflowId: session.workflowId, status: ['failed'], limit: 10 }),
    enabled: mode === 'fix',
  });

  if (status.data && !status.data.configured) {
    return (
      <div className="space-y-2 p-4 text-[13px]" data-testid="copilot-not-configured">
        <h2 className="font-semibold text-fg">Connect an AI provider</h2>
        <p className="text-muted">
          The copilot uses your workspace&apos;s AI provider. Open <strong>Settings → Credentials</strong>, choose{' '}
          <strong>AI provider (OpenAI-compatible)</strong> and enter an API key and base URL — OpenAI, an Azure-style gateway, Ollama, vLLM or LM Studio all work.
        </p>
      </div>
    );
  }

  const canSubmit = mode === 'fix' ? Boolean(runId) : prompt.trim().length > 0;
  const submit = () => {
    if (mode === 'explain' || !canSubmit) return;
    void ask({ mode, prompt: prompt.trim(), ...(credentialId ? { credentialId } : {}), ...(mode === 'fix' && runId ? { runId } : {}) });
  };

  return (
    <div className="space-y-4 p-4" data-testid="copilot-panel">
      <div className="flex items-center gap-1" role="tablist" aria-label="Copilot mode">
        {MODES.filter((m) => !m.editorOnly || !session.readOnly).map((m) => (
          <button
            key={m.id}
            type="button"
            role="tab"
            aria-selected={mode === m.id}
            data-testid={`copilot-mode-${m.id}`}
            onClick={() => setMode(m.id)}
            className={cn('rounded-md px-2 py-1 text-xs font-medium', mode === m.id ? 'bg-accent-soft text-accent-text' : 'text-muted hover:bg-hover hover:text-fg')}
          >
            {m.label}
          </button>
        ))}
        {status.data && status.data.providers.length > 1 ? (
          <select
            aria-label="AI provider"
            className="ml-auto h-7 rounded-md border border-line bg-surface px-1.5 text-xs text-fg"
            value={credentialId ?? status.data.providers[0]!.id}
            onChange={(e) => setCredentialId(e.target.value)}
          >
            {status.data.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {p.model}
              </option>
            ))}
          </select>
        ) : status.data?.providers[0] ? (
          <span className="ml-auto truncate text-[11px] text-faint" title={status.data.providers[0].baseUrl}>
            {status.data.providers[0].model}
          </span>
        ) : null}
      </div>

      {mode === 'explain' ? (
        <ExplainView credentialId={credentialId} />
      ) : (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {mode === 'fix' ? (
            <label className="block text-[13px]">
              <span className="mb-1 block text-muted">Failed run</span>
              <select
                className="h-8 w-full rounded-md border border-line bg-surface px-2 text-[13px] text-fg"
                value={runId ?? ''}
                onChange={(e) => setRunId(e.target.value || undefined)}
                data-testid="copilot-fix-run"
              >
                <option value="">{failedRuns.data?.items.length ? 'Pick a failed run' : 'No failed runs'}</option>
                {failedRuns.data?.items.map((r) => (
                  <option key={r.id} value={r.id}>
                    v{r.version?.number ?? '?'} · {formatRelative(r.queuedAt)} · {r.error ? String((r.error as { message?: string }).message ?? '').slice(0, 60) : 'failed'}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <textarea
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit();
            }}
            rows={4}
            maxLength={4000}
            placeholder={mode === 'create' ? 'Describe the automation…' : mode === 'change' ? 'What should change?' : 'Anything to add (optional)'}
            className="w-full resize-y rounded-md border border-line bg-surface px-2.5 py-2 text-[13px] text-fg placeholder:text-faint focus:border-accent focus:outline-none"
            data-testid="copilot-prompt"
            aria-label="Copilot prompt"
          />
          {mode === 'create' && !prompt ? (
            <div className="flex flex-wrap gap-1.5">
              {EXAMPLES.map((example) => (
                <button key={example} type="button" onClick={() => setPrompt(example)} className="rounded-full border border-line px-2 py-0.5 text-left text-[11px] text-muted hover:bg-hover hover:text-fg">
                  {example}
                </button>
              ))}
            </div>
          ) : null}
          <Button type="submit" variant="primary" size="sm" loading={pending} disabled={!canSubmit} data-testid="copilot-submit">
            {mode === 'fix' ? 'Propose a fix' : 'Draft'}
          </Button>
        </form>
      )}

      {draft && !draft.ok ? (
        <div className="rounded-lg border border-danger-text/30 bg-danger-soft px-3 py-2.5 text-[13px]" data-testid="copilot-error" role="alert">
          <p className="font-medium text-danger-text">{draft.reason}</p>
          {draft.problems.length ? (
            <ul className="mt-1.5 list-disc space-y-0.5 pl-4 text-xs text-fg">
              {draft.problems.slice(0, 8).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {draft?.ok ? (
        <div className="rounded-lg border border-accent/40 bg-accent-soft/50 px-3 py-2.5 text-[13px]" data-testid="copilot-proposal">
          <p className="font-medium text-fg" data-testid="copilot-summary">
            {draft.summary || 'Proposal ready'}
          </p>
          <p className="mt-0.5 text-xs text-muted">{describePreview(draft.preview)} — shown as a preview on your canvas only.</p>
          <div className="mt-2.5 flex gap-2">
            <Button size="sm" variant="primary" onClick={accept} data-testid="copilot-accept">
              Accept
            </Button>
            <Button size="sm" variant="ghost" onClick={reject} data-testid="copilot-reject">
              Reject
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
