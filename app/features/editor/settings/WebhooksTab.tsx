'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { Badge } from '../../../components/Badge.tsx';
import { Button } from '../../../components/Button.tsx';
import { CheckIcon, CopyIcon } from '../../../components/Icons.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { useToast } from '../../../components/Toast.tsx';
import { cn } from '../../../lib/cn.ts';
import { copyText } from '../../../lib/download.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { CompactButton } from '../versions/CompactButton.tsx';
import { WebhookIcon } from './settings-icons.tsx';

/** Webhook paths change as people edit the document; refresh while the tab is open. */
const REFRESH_MS = 5_000;

const METHOD_TONE: Record<string, string> = {
  GET: 'bg-success-soft text-success-text',
  POST: 'bg-accent-soft text-accent-text',
  PUT: 'bg-warning-soft text-warning-text',
  PATCH: 'bg-warning-soft text-warning-text',
  DELETE: 'bg-danger-soft text-danger-text',
};

/**
 * The URL of each webhook trigger in the document, and whether it answers now: a URL is live
 * only when the active version has that node listening on the same method and path.
 */
export function WebhooksTab({ workflowId, onOpenVersions }: { workflowId: string; onOpenVersions(): void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const hooks = useQuery(trpc.workflow.webhooks.queryOptions({ workflowId }, { refetchInterval: REFRESH_MS }));

  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  // The button says "Copied" too: a toast shows beneath an open modal dialog.
  const copy = async (nodeId: string, url: string) => {
    const ok = await copyText(url);
    if (ok) setCopied(nodeId);
    toast(ok ? { tone: 'success', title: 'Copied', description: url } : { tone: 'error', title: 'Copy failed', description: 'Select the URL and copy it by hand.' });
  };

  if (hooks.isPending) return <p className="py-4 text-[13px] text-faint">Loading webhooks…</p>;
  if (hooks.isError) return <Alert tone="error">{errorMessage(hooks.error)}</Alert>;
  const { activeVersionNumber, hooks: list } = hooks.data;

  return (
    <div className="flex flex-col gap-3" data-testid="webhooks-tab">
      <div className="flex items-center gap-3">
        <p className="min-w-0 flex-1 text-[13px] text-muted">
          {activeVersionNumber !== null ? (
            <>
              Live on <span className="font-medium text-fg">version {activeVersionNumber}</span>. Edits go live when a new version is activated.
            </>
          ) : (
            'No version is active, so these URLs do not answer yet. Activate a version to go live.'
          )}
        </p>
        <CompactButton onClick={onOpenVersions} data-testid="webhooks-open-versions">
          Open versions
        </CompactButton>
      </div>

      {list.length === 0 ? (
        <EmptyState icon={<WebhookIcon size={18} />} title="No webhook triggers" className="rounded-lg border border-dashed border-line py-8">
          Add a Webhook trigger node to get a URL other services can call.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Webhook URLs">
          {list.map((hook) => (
            <li key={hook.nodeId} className="rounded-lg border border-line p-3" data-testid={`webhook-${hook.nodeId}`} data-live={hook.live || undefined}>
              <div className="flex items-center gap-2">
                <span
                  className={cn('inline-flex h-5 items-center rounded px-1.5 font-mono text-[10px] font-semibold', METHOD_TONE[hook.method] ?? 'bg-subtle text-muted')}
                  data-testid={`webhook-method-${hook.nodeId}`}
                >
                  {hook.method}
                </span>
                <span className="min-w-0 truncate text-[13px] font-medium text-fg">{hook.nodeName}</span>
                <span className="min-w-0 truncate font-mono text-xs text-faint">/{hook.path}</span>
                <span className="ml-auto shrink-0">
                  {hook.live ? (
                    <Badge tone="success">Live</Badge>
                  ) : (
                    <Badge tone="warning">{activeVersionNumber !== null ? 'Not in the live version' : 'Not live'}</Badge>
                  )}
                </span>
              </div>
              <div className="mt-2 flex gap-2">
                <input
                  readOnly
                  value={hook.url}
                  aria-label={`URL of ${hook.nodeName}`}
                  onFocus={(e) => e.currentTarget.select()}
                  data-testid={`webhook-url-${hook.nodeId}`}
                  className="h-8 min-w-0 flex-1 rounded-md border border-line-strong bg-subtle/60 px-2.5 font-mono text-xs text-fg focus:border-accent focus:outline-none"
                />
                <Button
                  variant="secondary"
                  size="sm"
                  className="w-[86px]"
                  icon={copied === hook.nodeId ? <CheckIcon size={13} className="text-success-text" /> : <CopyIcon size={13} />}
                  onClick={() => void copy(hook.nodeId, hook.url)}
                  aria-label={`Copy the URL of ${hook.nodeName}`}
                  data-testid={`webhook-copy-${hook.nodeId}`}
                >
                  {copied === hook.nodeId ? 'Copied' : 'Copy'}
                </Button>
              </div>
              {!hook.live ? (
                <p className="mt-1.5 text-xs text-faint">
                  {activeVersionNumber !== null
                    ? 'This trigger or its path changed since activation: activate a version to go live.'
                    : 'Activate a version to go live.'}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
