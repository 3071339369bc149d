import type { CheckpointStore, NodeRunRecord, RunStateRecord, StoredRun } from './checkpoint-store.ts';
import type { RunEvent } from './events.ts';

interface Entry {
  run: RunStateRecord;
  nodes: Map<string, NodeRunRecord>;
  events: RunEvent[];
}

/**
 * In-process CheckpointStore: for tests, benchmarks and single-process use
 * without persistence. Keeps the events written with checkpoints unless
 * `keepEvents` is false (benchmarks).
 */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly runs = new Map<string, Entry>();

  constructor(private readonly options: { keepEvents?: boolean } = {}) {}

  async loadRun(runId: string): Promise<StoredRun | undefined> {
    const entry = this.runs.get(runId);
    if (!entry) return undefined;
    return { run: entry.run, nodes: [...entry.nodes.values()] };
  }

  async saveRun(run: RunStateRecord, event?: RunEvent): Promise<void> {
    let entry = this.runs.get(run.runId);
    if (entry) entry.run = run;
    else {
      entry = { run, nodes: new Map(), events: [] };
      this.runs.set(run.runId, entry);
    }
    if (event && this.options.keepEvents !== false) entry.events.push(event);
  }

  async saveNodeRun(record: NodeRunRecord, event?: RunEvent): Promise<void> {
    const entry = this.runs.get(record.runId);
    // The executor always saves the run before its nodes.
    if (!entry) throw new Error(`MemoryCheckpointStore: run ${record.runId} was not saved before its nodes`);
    entry.nodes.set(record.nodeId, record);
    if (event && this.options.keepEvents !== false) entry.events.push(event);
  }

  /** Events stored with the checkpoints of a run, in sequence order (for replays). */
  getEvents(runId: string): readonly RunEvent[] {
    return this.runs.get(runId)?.events ?? [];
  }

  /** Test helper: the latest record of one node. */
  getNodeRun(runId: string, nodeId: string): NodeRunRecord | undefined {
    return this.runs.get(runId)?.nodes.get(nodeId);
  }

  getRun(runId: string): RunStateRecord | undefined {
    return this.runs.get(runId)?.run;
  }

  clear(): void {
    this.runs.clear();
  }
}
