import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Clock } from '../../engine/clock.ts';
import { NodeError } from '../../engine/errors.ts';
import type { OutgoingMessage, OutreachTracker, TrackedMessage } from '../../engine/workspace-services.ts';
import { DataTableError } from '../data-tables/data-table-error.ts';
import { columnName } from '../data-tables/field-path.ts';
import { tableName } from '../data-tables/table-names.ts';
import { uuidv7 } from '../data-tables/uuid-v7.ts';
import { bareAddress } from './addresses.ts';
import type { OutreachRecorder } from './outreach-recorder.ts';
import { trackingUrls, type TrackingSigner } from './tracking-token.ts';

/** The run a tracker records for. */
export type TrackerScope = { workspaceId: string; workflowId: string; executionId?: string | undefined; nodeId?: string | undefined };

export type TrackerDeps = {
  db: PrismaClient;
  signer: TrackingSigner;
  recorder: OutreachRecorder;
  /** Base of the tracking URLs, e.g. https://flows.example.com. */
  publicUrl: string;
  clock: Clock;
};

/**
 * Outreach tracking for one run: `prepare` stores the message (stage "prepared") and hands
 * back its Message-ID and signed tracking URLs; `markSent` / `markFailed` record the outcome.
 * Messages of other workspaces are out of reach: every write is scoped to this one.
 */
export class PrismaOutreachTracker implements OutreachTracker {
  private readonly domain: string;

  constructor(private readonly deps: TrackerDeps, private readonly scope: TrackerScope) {
    this.domain = messageIdDomain(deps.publicUrl);
  }

  async prepare(message: OutgoingMessage): Promise<TrackedMessage> {
    const address = bareAddress(message.recipient);
    if (!address) {
      throw new NodeError(`"${String(message.recipient).slice(0, 200)}" is not an email address`, { code: 'INVALID_RECIPIENT', retryable: false });
    }
    const contact = message.contact ? checkedContact(message.contact) : null;
    const id = uuidv7(this.deps.clock.now());
    await this.deps.db.outreachMessage.create({
      data: {
        id,
        workspaceId: this.scope.workspaceId,
        workflowId: this.scope.workflowId,
        executionId: this.scope.executionId ?? null,
        nodeId: this.scope.nodeId ?? nodeIdOf(message),
        recipient: String(message.recipient).slice(0, 500),
        address,
        subject: String(message.subject ?? '').slice(0, 1000),
        ...(contact ? { contact: contact as Prisma.InputJsonValue } : {}),
        createdAt: new Date(this.deps.clock.now()),
      },
    });
    const urls = trackingUrls(this.deps.signer, this.deps.publicUrl, id);
    return { messageId: id, messageIdHeader: `<${id}@${this.domain}>`, openPixelUrl: urls.openPixelUrl, clickUrl: urls.clickUrl };
  }

  async markSent(messageId: string, info: { smtpMessageId?: string | undefined }): Promise<void> {
    const smtp = typeof info?.smtpMessageId === 'string' && info.smtpMessageId ? info.smtpMessageId.slice(0, 500) : undefined;
    await this.deps.recorder.record(messageId, 'sent', smtp ? { smtpMessageId: smtp } : {}, {
      workspaceId: this.scope.workspaceId,
      ...(smtp ? { smtpMessageId: smtp } : {}),
    });
  }

  async markFailed(messageId: string, error: { code: string; message: string }): Promise<void> {
    await this.deps.recorder.record(
      messageId,
      'failed',
      { code: String(error?.code ?? 'SEND_FAILED').slice(0, 100), message: String(error?.message ?? '').slice(0, 2000) },
      { workspaceId: this.scope.workspaceId },
    );
  }
}

/** The host part of our Message-IDs: the public URL's host name. */
export function messageIdDomain(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'flowforge.local';
  } catch {
    return 'flowforge.local';
  }
}

function checkedContact(contact: NonNullable<OutgoingMessage['contact']>): { table: string; keyField: string; keyValue: string } {
  try {
    return { table: tableName(contact.table), keyField: columnName(contact.keyField, 'contact key field'), keyValue: String(contact.keyValue ?? '') };
  } catch (err) {
    if (err instanceof DataTableError) throw new NodeError(`Tracking contact: ${err.message}`, { code: 'INVALID_CONTACT', retryable: false });
    throw err;
  }
}

/** A caller may say which node sends (the interface has no slot for it yet). */
function nodeIdOf(message: OutgoingMessage): string | null {
  const nodeId = (message as { nodeId?: unknown }).nodeId;
  return typeof nodeId === 'string' ? nodeId.slice(0, 100) : null;
}
