import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { RunEvent } from '../../engine/executor/events.ts';
import type { WebhookResponse } from '../../engine/node-api.ts';

/**
 * Run traffic between processes: events (after they are stored), webhook responses and
 * cancellation requests. In-process by default; Redis pub/sub in scaled mode, so a web
 * process sees what any worker publishes.
 */
export type BusMessage =
  | { kind: 'event'; workflowId: string; event: RunEvent }
  | { kind: 'response'; runId: string; response: WebhookResponse }
  | { kind: 'cancel'; runId: string };

export interface RunBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}

export class MemoryRunBus implements RunBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  async publish(message: BusMessage): Promise<void> {
    this.emitter.emit('m', message);
  }
  subscribe(listener: (message: BusMessage) => void): () => void {
    this.emitter.on('m', listener);
    return () => this.emitter.off('m', listener);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisRunBus implements RunBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly local = new MemoryRunBus();
  private readonly channel: string;
  private readonly ready: Promise<unknown>;
  // Messages published in the same tick leave as one PUBLISH: a busy worker emits many small
  // events, and on this kind of machine each socket write is the expensive part.
  private batch: BusMessage[] = [];
  private flushing: Promise<void> | null = null;

  constructor(redisUrl: string, prefix = 'ff') {
    this.channel = `${prefix}:run-bus`;
    this.pub = new Redis(redisUrl, { maxRetriesPerRequest: 3, connectionName: `${prefix}-bus` });
    this.sub = new Redis(redisUrl, { maxRetriesPerRequest: null, connectionName: `${prefix}-bus` });
    for (const c of [this.pub, this.sub]) c.on('error', () => {});
    this.ready = this.sub.subscribe(this.channel);
    this.sub.on('message', (_channel: string, text: string) => {
      let messages: BusMessage[];
      try {
        messages = JSON.parse(text) as BusMessage[];
      } catch {
        return; // a malformed message from another version of the app: ignore it
      }
      for (const m of Array.isArray(messages) ? messages : [messages]) void this.local.publish(m);
    });
  }

  publish(message: BusMessage): Promise<void> {
    this.batch.push(message);
    this.flushing ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        const batch = this.batch;
        this.batch = [];
        this.flushing = null;
        this.ready
          .then(() => this.pub.publish(this.channel, JSON.stringify(batch)))
          .then(() => resolve(), reject);
      });
    });
    return this.flushing;
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    return this.local.subscribe(listener);
  }

  /** Resolves once the subscription is live (messages published before it are not seen). */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  async close(): Promise<void> {
    await this.flushing?.catch(() => {});
    await this.local.close();
    await Promise.all([this.pub.quit().catch(() => this.pub.disconnect()), this.sub.quit().catch(() => this.sub.disconnect())]);
  }
}
