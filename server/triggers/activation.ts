import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { parseDefinition } from '../../engine/definition.ts';
import { OutreachEventTriggerParams } from '../../engine/nodes/outreach-event-trigger.ts';
import { RssFeedTriggerParams } from '../../engine/nodes/rss-feed-trigger.ts';
import { ScheduleTriggerParams } from '../../engine/nodes/schedule-trigger.ts';
import { WebhookTriggerParams } from '../../engine/nodes/webhook-trigger.ts';
import { initialPollState } from './feed-poller.ts';

export class ActivationError extends Error {
  override readonly name = 'ActivationError';
  constructor(message: string, readonly code: 'VERSION_NOT_FOUND' | 'VERSION_INVALID' | 'PATH_CONFLICT') {
    super(message);
  }
}

/**
 * Makes `versionId` the workflow's live version: its webhook, schedule and feed (poll)
 * triggers (and outreach event triggers) replace the previous ones in one transaction. Two webhook nodes of one version
 * may not share a method + path. A feed trigger keeps its poll cursor when the node and its
 * url are unchanged (see `initialPollState`).
 */
export async function activateVersion(db: PrismaClient, workflowId: string, versionId: string): Promise<{ webhooks: number; schedules: number; polls: number }> {
  const version = await db.workflowVersion.findFirst({ where: { id: versionId, workflowId } });
  if (!version) throw new ActivationError('That version does not belong to this workflow', 'VERSION_NOT_FOUND');
  const parsed = parseDefinition(version.definition);
  if (!parsed.ok) throw new ActivationError(`Version ${version.number} is not a valid workflow`, 'VERSION_INVALID');

  const rows: Array<{
    nodeId: string;
    type: 'webhook' | 'schedule' | 'poll' | 'event';
    path?: string;
    method?: string;
    cron?: string;
    timezone?: string;
    state?: Prisma.InputJsonValue;
    lastFiredAt?: Date | null;
  }> = [];
  const seen = new Set<string>();
  const previousPolls = new Map(
    (await db.trigger.findMany({ where: { workflowId, type: 'poll' }, select: { nodeId: true, state: true, lastFiredAt: true } })).map((t) => [t.nodeId, t]),
  );
  for (const node of parsed.definition.nodes) {
    if (node.settings.disabled) continue;
    if (node.type === 'core.webhookTrigger') {
      const p = WebhookTriggerParams.safeParse(node.params);
      if (!p.success) throw new ActivationError(`Webhook "${node.name}" has invalid params: ${p.error.issues[0]?.message}`, 'VERSION_INVALID');
      const path = normalizePath(p.data.path);
      const key = `${p.data.method} ${path}`;
      if (seen.has(key)) throw new ActivationError(`Two webhooks listen on ${key}`, 'PATH_CONFLICT');
      seen.add(key);
      rows.push({ nodeId: node.id, type: 'webhook', path, method: p.data.method });
    } else if (node.type === 'core.scheduleTrigger') {
      const p = ScheduleTriggerParams.safeParse(node.params);
      if (!p.success) throw new ActivationError(`Schedule "${node.name}" has invalid params: ${p.error.issues[0]?.message}`, 'VERSION_INVALID');
      rows.push({ nodeId: node.id, type: 'schedule', cron: p.data.cron, timezone: p.data.timezone });
    } else if (node.type === 'core.rssFeedTrigger') {
      const p = RssFeedTriggerParams.safeParse(node.params);
      if (!p.success) throw new ActivationError(`Feed trigger "${node.name}" has invalid params: ${p.error.issues[0]?.message}`, 'VERSION_INVALID');
      const previous = previousPolls.get(node.id);
      const state = initialPollState(p.data, previous?.state);
      const kept = state.seen !== undefined;
      rows.push({ nodeId: node.id, type: 'poll', state, lastFiredAt: kept ? (previous?.lastFiredAt ?? null) : null });
    } else if (node.type === 'outreach.eventTrigger') {
      const p = OutreachEventTriggerParams.safeParse(node.params);
      if (!p.success) throw new ActivationError(`Outreach event trigger "${node.name}" has invalid params: ${p.error.issues[0]?.message}`, 'VERSION_INVALID');
      rows.push({ nodeId: node.id, type: 'event', state: { events: p.data.events, scope: p.data.scope } });
    }
  }
  await db.$transaction([
    db.trigger.deleteMany({ where: { workflowId } }),
    db.trigger.createMany({ data: rows.map((r) => ({ ...r, workflowId, versionId })) }),
    db.workflow.update({ where: { id: workflowId }, data: { activeVersionId: versionId } }),
  ]);
  return {
    webhooks: rows.filter((r) => r.type === 'webhook').length,
    schedules: rows.filter((r) => r.type === 'schedule').length,
    polls: rows.filter((r) => r.type === 'poll').length,
  };
}

export async function deactivateWorkflow(db: PrismaClient, workflowId: string): Promise<void> {
  await db.$transaction([
    db.trigger.deleteMany({ where: { workflowId } }),
    db.workflow.update({ where: { id: workflowId }, data: { activeVersionId: null } }),
  ]);
}

export function normalizePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
