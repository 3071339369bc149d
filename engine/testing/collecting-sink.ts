import type { EventSink, RunEvent, RunEventType } from '../executor/events.ts';

/** An EventSink that keeps every event, for assertions. */
export class CollectingEventSink implements EventSink {
  readonly events: RunEvent[] = [];

  emit(event: RunEvent): void {
    this.events.push(event);
  }

  types(): RunEventType[] {
    return this.events.map((e) => e.type);
  }

  /** `type:nodeId` strings, e.g. `node.succeeded:fetch`, in order. */
  trace(): string[] {
    return this.events.map((e) => (e.nodeId ? `${e.type}:${e.nodeId}` : e.type));
  }

  ofNode(nodeId: string): RunEvent[] {
    return this.events.filter((e) => e.nodeId === nodeId);
  }

  ofType(type: RunEventType): RunEvent[] {
    return this.events.filter((e) => e.type === type);
  }
}
