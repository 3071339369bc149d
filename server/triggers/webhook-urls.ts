import type * as Y from 'yjs';
import { definitionFromDoc } from '../../collab/workflow-doc.ts';
import { WebhookTriggerParams } from '../../engine/nodes/webhook-trigger.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { normalizePath } from './activation.ts';
import { HOOKS_PREFIX } from './webhook-handler.ts';

export type WebhookHook = { nodeId: string; nodeName: string; method: string; path: string; url: string; live: boolean };
export type WebhookList = { activeVersionId: string | null; activeVersionNumber: number | null; hooks: WebhookHook[] };

const WEBHOOK_TYPE = 'core.webhookTrigger';

/** The address a webhook answers on (see webhook-handler.ts): `<public>/api/hooks/<workflowId>/<path>`. */
export function webhookUrl(publicUrl: string, workflowId: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${HOOKS_PREFIX}${encodeURIComponent(workflowId)}/${normalizePath(path)}`;
}

/**
 * The webhook triggers of the live document, with their URLs. `live` means that URL answers
 * now: the active version has this node listening on the same method and path (a path edited
 * since activation is not live until the next activation).
 */
export async function listWebhooks(db: PrismaClient, publicUrl: string, workflowId: string, doc: Y.Doc): Promise<WebhookList> {
  const workflow = await db.workflow.findUniqueOrThrow({
    where: { id: workflowId },
    select: { activeVersionId: true, activeVersion: { select: { number: true } } },
  });
  const served = workflow.activeVersionId
    ? await db.trigger.findMany({ where: { workflowId, versionId: workflow.activeVersionId, type: 'webhook' }, select: { nodeId: true, method: true, path: true } })
    : [];
  const hooks: WebhookHook[] = [];
  for (const node of definitionFromDoc(doc).nodes) {
    if (node.type !== WEBHOOK_TYPE) continue;
    // Half-typed params still get a URL, so the panel can show it while the user edits.
    const parsed = WebhookTriggerParams.safeParse(node.params);
    const method = parsed.success ? parsed.data.method : typeof node.params.method === 'string' ? node.params.method : 'POST';
    const path = normalizePath(parsed.success ? parsed.data.path : typeof node.params.path === 'string' ? node.params.path : '');
    const live = served.some((t) => t.nodeId === node.id && (t.method ?? 'POST') === method && (t.path ?? '') === path);
    hooks.push({ nodeId: node.id, nodeName: node.name, method, path, url: webhookUrl(publicUrl, workflowId, path), live });
  }
  hooks.sort((a, b) => a.nodeName.localeCompare(b.nodeName) || a.nodeId.localeCompare(b.nodeId));
  return { activeVersionId: workflow.activeVersionId, activeVersionNumber: workflow.activeVersion?.number ?? null, hooks };
}
