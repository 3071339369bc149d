import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessState } from '../../../../collab/awareness.ts';
import { PRESENCE_FRAME_MS } from './presence-store.ts';
import { realTimers, throttle, type Throttled, type Timers } from './throttle.ts';

/** The fields of this user's presence the editor publishes (identity is set by the session). */
export type PresenceFields = Partial<Pick<AwarenessState, 'cursor' | 'viewport' | 'selection' | 'editing'>>;

type LocalAwareness = Pick<Awareness, 'getLocalState' | 'setLocalState'>;

/**
 * Writes this user's presence fields. Fast-changing ones (cursor, viewport) are streamed: they
 * are merged and sent together at most ~30 times a second, the latest value always last. Rare
 * ones (selection, editing) are sent at once, with anything still queued. Every awareness write
 * is broadcast to all peers even when nothing changed, so unchanged writes are skipped.
 */
export class PresencePublisher {
  private pending: PresenceFields = {};
  private readonly streamed: Throttled<[]>;

  constructor(
    private readonly awareness: LocalAwareness,
    frameMs = PRESENCE_FRAME_MS,
    timers: Timers = realTimers,
  ) {
    this.streamed = throttle(() => this.write(), frameMs, timers);
  }

  stream(fields: PresenceFields): void {
    Object.assign(this.pending, fields);
    this.streamed();
  }

  send(fields: PresenceFields): void {
    Object.assign(this.pending, fields);
    this.streamed.cancel();
    this.write();
  }

  private write(): void {
    const fields = this.pending;
    this.pending = {};
    const local = this.awareness.getLocalState();
    // No local state: the provider is gone (or this user left); nothing to publish to.
    if (!local) return;
    const changed = (Object.keys(fields) as (keyof PresenceFields)[]).filter((key) => JSON.stringify(local[key] ?? null) !== JSON.stringify(fields[key]));
    if (changed.length === 0) return;
    this.awareness.setLocalState({ ...local, ...fields });
  }
}

const publishers = new WeakMap<object, PresencePublisher>();

/** The publisher of an editor's awareness, shared so streamed and immediate writes coalesce. */
export function publisherFor(awareness: Awareness): PresencePublisher {
  let publisher = publishers.get(awareness);
  if (!publisher) publishers.set(awareness, (publisher = new PresencePublisher(awareness)));
  return publisher;
}
