import type { Logger } from '../logger.ts';
import type { CheckpointStore, NodeRunRecord, RunStateRecord } from './checkpoint-store.ts';
import type { EventSink, RunEvent, RunEventData, RunEventType } from './events.ts';

type NodeEvent = { type: RunEventType; nodeId: string; attempt?: number; data?: RunEventData };

/**
 * Orders every checkpoint write and its event for one run. Each change gets the
 * next sequence number, is written to the store, then emitted, strictly one
 * after another, so the store never lags behind an event the world has seen and
 * the sink receives events in sequence order. After a store failure the journal
 * is broken: every later write rejects with that failure.
 */
export class RunJournal {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly store: CheckpointStore,
    private readonly sink: EventSink,
    private readonly runId: string,
    private seq: number,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  get broken(): boolean {
    return this.failure !== undefined;
  }

  /** Writes a node record (its `seq` is filled in) and emits the matching event. */
  node(record: Omit<NodeRunRecord, 'seq'>, event: NodeEvent): Promise<void> {
    const seq = ++this.seq;
    const full = record as NodeRunRecord;
    full.seq = seq;
    const runEvent: RunEvent = { runId: this.runId, seq, type: event.type, nodeId: event.nodeId, at: this.now() };
    if (event.attempt !== undefined) runEvent.attempt = event.attempt;
    if (event.data !== undefined) runEvent.data = event.data;
    return this.enqueue(() => this.store.saveNodeRun(full, runEvent), runEvent);
  }

  /** Writes the run state (its `lastSeq` is filled in) and emits a run event. */
  run(state: RunStateRecord, type: RunEventType, data?: RunEventData): Promise<void> {
    const seq = ++this.seq;
    state.lastSeq = seq;
    const runEvent: RunEvent = { runId: this.runId, seq, type, at: this.now() };
    if (data !== undefined) runEvent.data = data;
    return this.enqueue(() => this.store.saveRun(state, runEvent), runEvent);
  }

  /** Waits for every write issued so far (never rejects). */
  flush(): Promise<void> {
    return this.tail.then(
      () => {},
      () => {},
    );
  }

  private enqueue(write: () => Promise<void>, event: RunEvent): Promise<void> {
    const step = async (): Promise<void> => {
      if (this.failure) throw this.failure.error;
      try {
        await write();
      } catch (error) {
        this.failure = { error };
        throw error;
      }
      try {
        const emitted = this.sink.emit(event);
        // Synchronous sinks cost no extra tick.
        if (emitted) await emitted;
      } catch (error) {
        this.logger.error('event sink failed', { runId: this.runId, seq: event.seq, error: String(error) });
      }
    };
    // Runs after the previous write whether it succeeded or not (a failure is remembered in `failure`);
    // the caller awaits the returned promise, so a rejection is always observed.
    const result = this.tail.then(step, step);
    this.tail = result;
    return result;
  }
}
