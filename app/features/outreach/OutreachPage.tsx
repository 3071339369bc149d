'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorScreen } from '../../components/ErrorScreen.tsx';
import { ArrowLeftIcon } from '../../components/Icons.tsx';
import { PageSpinner } from '../../components/Spinner.tsx';
import { ThemeToggle } from '../../components/ThemeToggle.tsx';
import { cn } from '../../lib/cn.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatRelative } from '../../lib/format.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { RequireAuth } from '../auth/RequireAuth.tsx';
import { UserMenu } from '../shell/UserMenu.tsx';
import { OutreachChart, SERIES } from './OutreachChart.tsx';
import { rangeQuery, rate, type Range } from './outreach-metrics.ts';

type Contact = RouterOutputs['outreach']['contacts']['items'][number];

const STAGE_TONE: Record<string, 'neutral' | 'accent' | 'success' | 'warning' | 'danger'> = {
  prepared: 'neutral',
  sent: 'neutral',
  opened: 'accent',
  clicked: 'warning',
  replied: 'success',
  bounced: 'danger',
  failed: 'danger',
};

/** Per workflow: how outreach is going — totals, a chart over time, and every contact's stage. */
export function OutreachPage() {
  return (
    <RequireAuth>
      <Outreach />
    </RequireAuth>
  );
}

function Outreach() {
  const { workspaceId, workflowId } = useParams<{ workspaceId: string; workflowId: string }>();
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>('30d');
  // One "now" per range choice, so the query key is stable between renders.
  const query = useMemo(() => rangeQuery(range, Date.now()), [range]);
  const workflow = useQuery(trpc.workflow.get.queryOptions({ workflowId }));
  const stats = useQuery({ ...trpc.outreach.stats.queryOptions({ workflowId, ...query }), refetchInterval: 15_000 });
  const contacts = useInfiniteQuery(
    trpc.outreach.contacts.infiniteQueryOptions({ workflowId, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval: 15_000 }),
  );
  const editorHref = `/w/${workflow.data?.workspaceId ?? workspaceId}/workflows/${workflowId}`;

  if (workflow.error) return <ErrorScreen title="Workflow not found" message={errorMessage(workflow.error)} homeHref={`/w/${workspaceId}`} homeLabel="Back to workflows" />;
  const totals = stats.data?.totals;
  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="min-h-dvh bg-canvas" data-testid="outreach-view">
      <header className="flex h-12 items-center gap-2 border-b border-line bg-surface px-3">
        <Link href={editorHref} className="flex size-8 items-center justify-center rounded-md text-muted hover:bg-hover hover:text-fg" aria-label="Back to the editor">
          <ArrowLeftIcon size={16} />
        </Link>
        <h1 className="truncate text-[13px] font-semibold text-fg">
          {workflow.data?.name ?? '…'} <span className="font-normal text-muted">· Outreach</span>
        </h1>
        <div className="ml-auto flex items-center gap-2">
          <ThemeToggle />
          <UserMenu compact />
        </div>
      </header>

      <main className="mx-auto max-w-6xl space-y-5 p-4 sm:p-6">
        <section className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Totals" data-testid="outreach-totals">
          <Kpi label="Sent" value={totals?.sent} />
          <Kpi label="Opened" value={totals?.opened} hint={totals ? rate(totals.opened, totals.sent) : undefined} />
          <Kpi label="Clicked" value={totals?.clicked} hint={totals ? rate(totals.clicked, totals.sent) : undefined} />
          <Kpi label="Replied" value={totals?.replied} hint={totals ? rate(totals.replied, totals.sent) : undefined} testId="kpi-replied" />
          <Kpi label="Bounced" value={totals?.bounced} hint={totals ? rate(totals.bounced, totals.sent) : undefined} />
        </section>

        <section className="rounded-xl border border-line bg-surface p-4 text-muted shadow-card">
          <div className="mb-3 flex items-center gap-2">
            <h2 className="text-[13px] font-semibold text-fg">Activity</h2>
            <div className="ml-auto flex gap-1" role="radiogroup" aria-label="Range">
              {(['7d', '30d', '90d'] as const).map((r) => (
                <button
                  key={r}
                  type="button"
                  role="radio"
                  aria-checked={range === r}
                  onClick={() => setRange(r)}
                  className={cn('rounded-md px-2 py-0.5 text-xs font-medium', range === r ? 'bg-accent-soft text-accent-text' : 'text-muted hover:bg-hover')}
                >
                  {r}
                </button>
              ))}
            </div>
          </div>
          {stats.isPending ? <PageSpinner /> : stats.error ? <p className="text-[13px] text-danger-text">{errorMessage(stats.error)}</p> : <OutreachChart series={stats.data.series} bucket={stats.data.bucket} />}
        </section>

        <section className="rounded-xl border border-line bg-surface shadow-card" aria-label="Contacts">
          <div className="flex items-center gap-2 border-b border-line px-4 py-3">
            <h2 className="text-[13px] font-semibold text-fg">Contacts</h2>
            <span className="text-xs text-faint">{items.length}{contacts.hasNextPage ? '+' : ''}</span>
          </div>
          {items.length === 0 && !contacts.isPending ? (
            <p className="px-4 py-8 text-center text-[13px] text-muted">No messages yet. Contacts appear here once the workflow sends its first email.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-[13px]" data-testid="outreach-contacts">
                <thead className="text-xs text-faint">
                  <tr className="border-b border-line">
                    <th className="px-4 py-2 font-medium">Contact</th>
                    <th className="px-4 py-2 font-medium">Stage</th>
                    <th className="px-4 py-2 font-medium">Last subject</th>
                    <th className="px-4 py-2 font-medium">Messages</th>
                    <th className="px-4 py-2 font-medium">Last activity</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <ContactRow key={c.recipient} contact={c} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {contacts.hasNextPage ? (
            <div className="border-t border-line p-3 text-center">
              <Button size="sm" variant="ghost" loading={contacts.isFetchingNextPage} onClick={() => void contacts.fetchNextPage()}>
                Load more
              </Button>
            </div>
          ) : null}
        </section>
        <p className="text-xs text-faint">
          Series: {SERIES.map((s) => s.label).join(', ')} count distinct messages per {stats.data?.bucket ?? 'bucket'}. Opens depend on the recipient loading images.
        </p>
      </main>
    </div>
  );
}

function Kpi({ label, value, hint, testId }: { label: string; value: number | undefined; hint?: string | undefined; testId?: string }) {
  return (
    <div className="rounded-xl border border-line bg-surface px-4 py-3 shadow-card" data-testid={testId}>
      <div className="text-xs text-muted">{label}</div>
      <div className="mt-1 flex items-baseline gap-2">
        <span className="text-xl font-semibold text-fg tabular-nums">{value ?? '–'}</span>
        {hint ? <span className="text-xs text-faint tabular-nums">{hint}</span> : null}
      </div>
    </div>
  );
}

function ContactRow({ contact: c }: { contact: Contact }) {
  return (
    <tr className="border-b border-line last:border-0" data-testid="outreach-contact" data-stage={c.stage}>
      <td className="px-4 py-2">
        <div className="font-medium text-fg">{c.display || c.recipient}</div>
        {c.display && c.display !== c.recipient ? <div className="text-xs text-faint">{c.recipient}</div> : null}
      </td>
      <td className="px-4 py-2">
        <Badge tone={STAGE_TONE[c.stage] ?? 'neutral'}>{c.stage}</Badge>
      </td>
      <td className="max-w-72 truncate px-4 py-2 text-muted" title={c.lastSubject}>
        {c.lastSubject}
      </td>
      <td className="px-4 py-2 text-muted tabular-nums">{c.messages}</td>
      <td className="px-4 py-2 text-muted">{formatRelative(new Date(c.lastActivityAt))}</td>
    </tr>
  );
}
