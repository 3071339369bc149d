import { NodeError } from './errors.ts';
import type { JsonObject } from './items.ts';

/**
 * Services a run gets from the platform for its workspace, injected by the server (the engine
 * never imports it). Tests pass in-memory versions. A node that needs one which is absent fails
 * with a clear error instead of reaching around the engine.
 */

/** One row of a workspace data table. */
export interface DataRow {
  id: string;
  data: JsonObject;
  createdAt: string;
  updatedAt: string;
}

export type DataFilterOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'in' | 'exists' | 'notExists';

/** `field` is a top-level column of the row's data (dots address nested fields). */
export interface DataFilter {
  field: string;
  op: DataFilterOp;
  value?: unknown;
}

export interface DataQuery {
  filters?: DataFilter[];
  /** Default 100, at most 1000. */
  limit?: number;
  orderBy?: { field: string; direction: 'asc' | 'desc' };
}

/**
 * Workspace-scoped tables the user creates (by name). Writes are atomic per call; `upsert`
 * matches on the given key columns and never creates two rows for one key, even concurrently.
 */
export interface DataTableStore {
  insert(table: string, rows: JsonObject[]): Promise<DataRow[]>;
  upsert(table: string, keyFields: string[], rows: JsonObject[]): Promise<DataRow[]>;
  /**
   * Inserts each row unless a row with the same key values exists (then that row is returned
   * unchanged). Atomic per key: of two concurrent calls for one key exactly one gets `created`.
   */
  insertIfAbsent(table: string, keyFields: string[], rows: JsonObject[]): Promise<{ row: DataRow; created: boolean }[]>;
  find(table: string, query: DataQuery): Promise<DataRow[]>;
  /** Merges `patch` into every matching row; returns the updated rows. */
  update(table: string, filters: DataFilter[], patch: JsonObject): Promise<DataRow[]>;
  /** Returns the number of rows deleted. */
  delete(table: string, filters: DataFilter[]): Promise<number>;
}

/** A message the Send Email node is about to send, for tracking. */
export interface OutgoingMessage {
  recipient: string;
  /** The Send Email node, stored with the message. */
  nodeId?: string | undefined;
  subject: string;
  /** The contact this message is about, so opens, clicks and replies update its row. */
  contact?: { table: string; keyField: string; keyValue: string } | undefined;
}

export interface TrackedMessage {
  /** Stable id of the message; also its Message-ID (`<id@domain>`), so replies can be matched. */
  messageId: string;
  messageIdHeader: string;
  /** Signed URL of a 1×1 image that records an open. */
  openPixelUrl: string;
  /** Signed redirect that records a click and forwards to `target`. */
  clickUrl(target: string): string;
}

/**
 * Outreach tracking: messages, their opens, clicks and replies. Tracking URLs carry signed
 * tokens, never guessable ids.
 */
export interface OutreachTracker {
  prepare(message: OutgoingMessage): Promise<TrackedMessage>;
  markSent(messageId: string, info: { smtpMessageId?: string | undefined }): Promise<void>;
  markFailed(messageId: string, error: { code: string; message: string }): Promise<void>;
}

export interface WorkspaceServices {
  dataTables?: DataTableStore;
  outreach?: OutreachTracker;
}

/** The service, or a clear node error saying this process does not provide it. */
export function requireService<K extends keyof WorkspaceServices>(services: WorkspaceServices, name: K): NonNullable<WorkspaceServices[K]> {
  const service = services[name];
  if (!service) {
    throw new NodeError(`This node needs the ${name === 'dataTables' ? 'data tables' : 'outreach tracking'} service, which this runtime does not provide`, {
      code: 'SERVICE_UNAVAILABLE',
      retryable: false,
    });
  }
  return service as NonNullable<WorkspaceServices[K]>;
}
