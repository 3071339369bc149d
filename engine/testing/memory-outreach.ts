import type { OutgoingMessage, OutreachTracker, TrackedMessage } from '../workspace-services.ts';

export interface TrackedRecord {
  messageId: string;
  message: OutgoingMessage;
  status: 'prepared' | 'sent' | 'failed';
  smtpMessageId?: string | undefined;
  error?: { code: string; message: string };
}

/**
 * An in-memory OutreachTracker for tests. Tracking URLs carry an opaque token per message
 * (`/t/o/<token>.gif`, `/t/c/<token>?u=<target>`); `tokenOf` reads it back, as the server would.
 */
export class MemoryOutreachTracker implements OutreachTracker {
  readonly records = new Map<string, TrackedRecord>();
  private counter = 0;

  constructor(private readonly options: { baseUrl?: string; domain?: string } = {}) {}

  get baseUrl(): string {
    return this.options.baseUrl ?? 'https://track.test';
  }

  private tokenFor(messageId: string): string {
    return Buffer.from(`msg:${messageId}`).toString('base64url');
  }

  /** The message id a tracking URL belongs to, or undefined. */
  messageIdOf(url: string): string | undefined {
    const match = /\/t\/[oc]\/([A-Za-z0-9_-]+)/.exec(url);
    if (!match) return undefined;
    const decoded = Buffer.from(match[1] as string, 'base64url').toString('utf8');
    return decoded.startsWith('msg:') ? decoded.slice(4) : undefined;
  }

  async prepare(message: OutgoingMessage): Promise<TrackedMessage> {
    const messageId = `m${++this.counter}`;
    const token = this.tokenFor(messageId);
    const domain = this.options.domain ?? 'track.test';
    this.records.set(messageId, { messageId, message: structuredClone(message), status: 'prepared' });
    const base = this.baseUrl;
    return {
      messageId,
      messageIdHeader: `<${messageId}.${token}@${domain}>`,
      openPixelUrl: `${base}/t/o/${token}.gif`,
      clickUrl: (target) => `${base}/t/c/${token}?u=${encodeURIComponent(target)}`,
    };
  }

  async markSent(messageId: string, info: { smtpMessageId?: string | undefined }): Promise<void> {
    const record = this.records.get(messageId);
    if (!record) throw new Error(`Unknown message ${messageId}`);
    record.status = 'sent';
    record.smtpMessageId = info.smtpMessageId;
  }

  async markFailed(messageId: string, error: { code: string; message: string }): Promise<void> {
    const record = this.records.get(messageId);
    if (!record) throw new Error(`Unknown message ${messageId}`);
    record.status = 'failed';
    record.error = error;
  }

  list(): TrackedRecord[] {
    return [...this.records.values()];
  }
}
