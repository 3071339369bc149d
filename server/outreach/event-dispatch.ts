import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Item } from '../../engine/items.ts';
import type { Logger } from '../logger.ts';
import type { StartRunInput } from '../runs/run-service.ts';
import type { RecordedEvent } from './outreach-recorder.ts';

/** What activation stores in Trigger.state for an Outreach Event trigger. */
export type EventTriggerState = { events: string[]; scope: 'workspace' | 'workflow' };

export type EventDispatchDeps = {
  db: PrismaClient;
  runs: { start(input: StartRunInput): Promise<{ executionId: string; duplicate: boolean }> };
  logger?: Logger;
};

/** The item an event-triggered run starts with. */
export function eventItem(event: RecordedEvent): Item {
  const { message, meta } = event;
  return {
    json: {
      event: event.kind,
      eventId: event.id,
      messageId: message.id,
      recipient: message.recipient,
      subject: message.subject,
      workflowId: message.workflowId,
      contact: message.contact,
      at: event.at.toISOString(),
      ...(typeof meta.url === 'string' ? { url: meta.url } : {}),
      ...(event.kind === 'reply' ? { reply: { from: meta.from ?? null, subject: meta.subject ?? null, text: meta.text ?? null } } : {}),
      ...(event.kind === 'bounce' ? { bounce: { reason: meta.reason ?? null } } : {}),
    },
  };
}

/**
 * Starts a run of every active workflow of the event's workspace whose Outreach Event
 * trigger listens for this kind (scope "workflow": only for messages that workflow sent).
 * One run per event and trigger node, however often this is called (idempotency key).
 */
export async function dispatchOutreachEvent(deps: EventDispatchDeps, event: RecordedEvent): Promise<string[]> {
  const triggers = await deps.db.trigger.findMany({
    where: { type: 'event', workflow: { workspaceId: event.message.workspaceId, archivedAt: null, activeVersionId: { not: null } } },
    select: { workflowId: true, versionId: true, nodeId: true, state: true, workflow: { select: { activeVersionId: true } } },
  });
  const started: string[] = [];
  for (const t of triggers) {
    const state = t.state as Partial<EventTriggerState> | null;
    if (!state?.events?.includes(event.kind)) continue;
    if (state.scope === 'workflow' && t.workflowId !== event.message.workflowId) continue;
    if (t.workflow.activeVersionId !== t.versionId) continue;
    try {
      const { executionId } = await deps.runs.start({
        workflowId: t.workflowId,
        versionId: t.versionId,
        trigger: 'event',
        triggerNodeId: t.nodeId,
        items: [eventItem(event)],
        idempotencyKey: `outreach:${event.id}:${t.nodeId}`,
      });
      started.push(executionId);
    } catch (err) {
      deps.logger?.error('could not start an event-triggered run', { err, workflowId: t.workflowId });
    }
  }
  return started;
}
