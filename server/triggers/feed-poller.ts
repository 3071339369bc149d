import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Prisma, PrismaClient, Trigger } from '../../generated/prisma/client.ts';
import { toErrorInfo } from '../../engine/errors.ts';
import { fetchFeed } from '../../engine/feeds/fetch-feed.ts';
import type { FeedItem } from '../../engine/feeds/parse-feed.ts';
import { createGuardedFetch, type HostResolver } from '../../engine/net/guarded-fetch.ts';
import type { FetchLike } from '../../engine/node-api.ts';
import type { RssFeedTriggerParams } from '../../engine/nodes/rss-feed-trigger.ts';
import type { Logger } from '../logger.ts';
import type { RunService } from '../runs/run-service.ts';

/** Ids of entries already handled, newest first; at least this many are kept (more when the feed itself lists more). */
export const SEEN_CAP = 500;

/**
 * What a `poll` Trigger row keeps in `state`: the node's config (written at activation) and
 * the cursor (written by the poller). `seen` is absent until the first successful poll.
 */
export const FeedPollState = z.object({
  url: z.string(),
  pollMinutes: z.number().int().min(1).max(1440),
  /** Keys (feedItemKey) of entries handled or present at the first poll. */
  seen: z.array(z.string()).optional(),
  /** ISO time of the last successful poll. */
  lastPolledAt: z.string().nullable().optional(),
  /** HTTP validators of the last response, sent back so an unchanged feed answers 304. */
  etag: z.string().nullable().optional(),
  lastModified: z.string().nullable().optional(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable().optional(),
});
export type FeedPollState = z.infer<typeof FeedPollState>;

/**
 * State of a new poll Trigger row. When the same node polled the same url before (a new
 * version of an active workflow), its cursor is kept, so entries published around the
 * switch are neither lost nor replayed. A new url, or a workflow activated from inactive
 * (its rows were deleted), starts fresh: the first poll only records what is there.
 */
export function initialPollState(params: RssFeedTriggerParams, previous?: unknown): FeedPollState {
  const config = { url: params.url, pollMinutes: params.pollMinutes };
  const prev = FeedPollState.safeParse(previous);
  if (!prev.success || prev.data.url !== params.url || prev.data.seen === undefined) return config;
  const { seen, lastPolledAt, etag, lastModified } = prev.data;
  return { ...config, seen, lastPolledAt: lastPolledAt ?? null, etag: etag ?? null, lastModified: lastModified ?? null };
}

/** Short stable key of an entry of a feed: the hash of the url and the entry id (ids are only unique per feed). */
export function feedItemKey(url: string, id: string): string {
  return createHash('sha256').update(`${url}\n${id}`).digest('hex').slice(0, 32);
}

export type FeedPollerDeps = {
  db: PrismaClient;
  runs: Pick<RunService, 'start'>;
  logger: Logger;
  now?: () => number;
  /** The real network fetch; the poller wraps it in the engine's private-address guard. Default globalThis.fetch. */
  fetch?: FetchLike;
  /** Hosts / CIDRs reachable although private, exactly as for nodes' `ctx.fetch`. */
  httpAllowList?: readonly string[];
  resolveHost?: HostResolver;
  /** How often the loop looks for due feeds. Default 15 s (poll intervals are whole minutes). */
  checkEveryMs?: number;
  /** Per-feed request budget. Default 30 s. */
  fetchTimeoutMs?: number;
  /** Feeds fetched at once. Default 4. */
  concurrency?: number;
};

/**
 * Polls RSS/Atom feeds of active `core.rssFeedTrigger` nodes (Trigger rows of type `poll`) and
 * starts **one run per new entry**, oldest first, with the entry as the run's only item —
 * so each entry succeeds, fails and is retried on its own.
 *
 * Guarantees, with any number of processes running a poller:
 * - An entry starts at most one run per workflow: its run carries the idempotency key
 *   `poll:<nodeId>:<feedItemKey>`, and the database's unique key lets one process create it.
 * - A feed is fetched about once per interval: a poll first claims the row by moving
 *   `lastFiredAt` forward with a compare-and-set; a process that loses the claim skips it.
 * - The first successful poll of a new trigger records the entries already listed as seen and
 *   starts nothing (no flood of old entries on activation).
 * - A failing feed (network, HTTP status, not a feed, blocked address) is logged with the
 *   trigger id and stored in `state.lastError`; it is tried again at the next interval and
 *   never makes `tick()` throw.
 */
export class FeedPoller {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Bumped by start(): a loop left over from before a stop() ends instead of running twice. */
  private generation = 0;
  private readonly now: () => number;
  private readonly fetch: FetchLike;
  /** Aborts in-flight requests on stop(). */
  private abort = new AbortController();

  constructor(private readonly deps: FeedPollerDeps) {
    this.now = deps.now ?? Date.now;
    this.fetch = createGuardedFetch(deps.fetch ?? (globalThis.fetch as FetchLike), {
      allowList: deps.httpAllowList ?? [],
      ...(deps.resolveHost ? { resolve: deps.resolveHost } : {}),
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    void this.loop(++this.generation);
  }

  stop(): void {
    this.running = false;
    this.abort.abort(new Error('feed poller stopped'));
    // Polls in flight end; an explicit tick() afterwards (tests, a manual poll) still works.
    this.abort = new AbortController();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Polls every due feed once; returns the runs this process created. Never throws for a feed's failure. */
  async tick(): Promise<string[]> {
    const now = this.now();
    const triggers = await this.deps.db.trigger.findMany({ where: { type: 'poll' } });
    const due = triggers.filter((t) => this.isDue(t, now));
    const created: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const trigger = due[next++] as Trigger;
        try {
          created.push(...(await this.poll(trigger, now)));
        } catch (err) {
          // Database trouble for this row only; the others still get their turn.
          this.deps.logger.error('feed poll failed unexpectedly', { triggerId: trigger.id, workflowId: trigger.workflowId, err });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 4, due.length) }, worker));
    return created;
  }

  private isDue(t: Trigger, now: number): boolean {
    const state = FeedPollState.safeParse(t.state);
    if (!state.success) {
      this.deps.logger.warn('poll trigger without a valid feed config', { triggerId: t.id, workflowId: t.workflowId });
      return false;
    }
    return t.lastFiredAt === null || t.lastFiredAt.getTime() + state.data.pollMinutes * 60_000 <= now;
  }

  private async poll(t: Trigger, now: number): Promise<string[]> {
    const state = FeedPollState.parse(t.state);
    const claimed = await this.deps.db.trigger.updateMany({
      where: { id: t.id, lastFiredAt: t.lastFiredAt },
      data: { lastFiredAt: new Date(now) },
    });
    if (claimed.count === 0) return [];
    const log = { triggerId: t.id, workflowId: t.workflowId, nodeId: t.nodeId, url: state.url };

    const stopped = this.abort.signal;
    let result: Awaited<ReturnType<typeof fetchFeed>>;
    try {
      result = await fetchFeed(this.fetch, state.url, {
        signal: AbortSignal.any([stopped, AbortSignal.timeout(this.deps.fetchTimeoutMs ?? 30_000)]),
        etag: state.etag ?? null,
        lastModified: state.lastModified ?? null,
      });
    } catch (err) {
      // Shutting down: the claim stands, so the feed is polled again one interval later.
      if (stopped.aborted) return [];
      const info = toErrorInfo(err);
      this.deps.logger.warn('feed poll failed; will retry next interval', { ...log, code: info.code, error: info.message });
      await this.save(t.id, { ...state, lastError: { code: info.code, message: info.message, at: new Date(now).toISOString() } });
      return [];
    }
    const polledAt = new Date(now).toISOString();
    if (result.notModified) {
      await this.save(t.id, { ...state, lastPolledAt: polledAt, lastError: null });
      return [];
    }
    const validators = { etag: result.etag, lastModified: result.lastModified };
    const entries = result.feed.items.map((item, index) => ({ item, index, key: feedItemKey(state.url, item.id) }));
    const feedKeys = [...new Set(entries.map((e) => e.key))];

    if (state.seen === undefined) {
      this.deps.logger.info('feed seeded: entries already listed start no runs', { ...log, entries: feedKeys.length });
      await this.save(t.id, { ...state, ...validators, seen: capSeen(feedKeys, []), lastPolledAt: polledAt, lastError: null });
      return [];
    }

    const handled = new Set(state.seen);
    const newKeys = new Set<string>();
    // New entries, each once even when the feed lists an id twice.
    const fresh = oldestFirst(entries.filter((e) => !handled.has(e.key) && !newKeys.has(e.key) && newKeys.add(e.key)));
    const created: string[] = [];
    let failure: unknown;
    for (const entry of fresh) {
      try {
        const { executionId, duplicate } = await this.deps.runs.start({
          workflowId: t.workflowId,
          versionId: t.versionId,
          trigger: 'poll',
          triggerNodeId: t.nodeId,
          items: [{ json: entry.item }],
          idempotencyKey: `poll:${t.nodeId}:${entry.key}`,
        });
        handled.add(entry.key);
        if (!duplicate) created.push(executionId);
      } catch (err) {
        // Not marked seen: the entry is tried again next interval (its key prevents a double start).
        failure = err;
        break;
      }
    }
    if (failure !== undefined) this.deps.logger.error('could not start runs for new feed entries', { ...log, err: failure });
    const seen = capSeen(feedKeys.filter((k) => handled.has(k)), state.seen);
    // With a failure, the validators are not stored: the same response must come back in full next time.
    await this.save(t.id, { ...state, ...(failure === undefined ? validators : {}), seen, lastPolledAt: polledAt, lastError: null });
    if (created.length > 0) this.deps.logger.info('feed entries started runs', { ...log, runs: created.length });
    return created;
  }

  /** Writes the cursor; a row deleted meanwhile (deactivated) is simply not updated. */
  private async save(id: string, state: FeedPollState): Promise<void> {
    await this.deps.db.trigger.updateMany({ where: { id }, data: { state: state as unknown as Prisma.InputJsonValue } });
  }

  private async loop(generation: number): Promise<void> {
    const current = () => this.running && generation === this.generation;
    if (!current()) return;
    try {
      await this.tick();
    } catch (err) {
      if (current()) this.deps.logger.error('feed poller tick failed', { err });
    }
    if (!current()) return;
    this.timer = setTimeout(() => void this.loop(generation), this.deps.checkEveryMs ?? 15_000);
    this.timer.unref();
  }
}

/** The current feed's keys first (they must stay seen while listed), then older ones up to the cap. */
function capSeen(current: string[], previous: readonly string[]): string[] {
  const all = [...new Set([...current, ...previous])];
  return all.slice(0, Math.max(SEEN_CAP, current.length));
}

/** Oldest first: by date when every entry has one, else the reverse of feed order (feeds list newest first). */
function oldestFirst<T extends { item: FeedItem; index: number }>(entries: T[]): T[] {
  const dated = entries.every((e) => e.item.publishedAt !== null);
  return [...entries].sort((a, b) =>
    dated ? Date.parse(a.item.publishedAt as string) - Date.parse(b.item.publishedAt as string) || b.index - a.index : b.index - a.index,
  );
}
