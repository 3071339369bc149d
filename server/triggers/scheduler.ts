import type { PrismaClient } from '../../generated/prisma/client.ts';
import { nextFireTimes } from '../../engine/nodes/schedule-trigger.ts';
import type { Logger } from '../logger.ts';
import type { RunService } from '../runs/run-service.ts';

export type SchedulerDeps = {
  db: PrismaClient;
  runs: RunService;
  logger: Logger;
  now?: () => number;
  /** Longest sleep between checks, so newly activated schedules are picked up. Default 15 s. */
  maxSleepMs?: number;
};

/**
 * Fires Schedule triggers of active versions. Every web or worker process may run one: a
 * fire is a run with the idempotency key `schedule:<node>:<fire time>`, and the database's
 * unique key lets exactly one process create it — no double firing, no leader election.
 * Missed fires while nothing was running are not replayed (like cron).
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private lastTick: number;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.lastTick = this.now();
  }

  start(): void {
    this.stopped = false;
    this.lastTick = this.now();
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Fires everything due in (last tick, now]; returns the runs this process created. */
  async tick(): Promise<string[]> {
    const from = this.lastTick;
    const to = this.now();
    this.lastTick = to;
    const triggers = await this.deps.db.trigger.findMany({ where: { type: 'schedule' } });
    const created: string[] = [];
    for (const t of triggers) {
      if (!t.cron) continue;
      let fires: Date[];
      try {
        fires = nextFireTimes(t.cron, t.timezone ?? 'UTC', from, 100).filter((d) => d.getTime() <= to);
      } catch (err) {
        this.deps.logger.warn('bad schedule', { triggerId: t.id, err });
        continue;
      }
      for (const fire of fires) {
        const at = fire.getTime();
        const { executionId, duplicate } = await this.deps.runs.start({
          workflowId: t.workflowId,
          versionId: t.versionId,
          trigger: 'schedule',
          triggerNodeId: t.nodeId,
          items: [{ json: { scheduledAt: fire.toISOString(), timestamp: at } }],
          idempotencyKey: `schedule:${t.nodeId}:${at}`,
        });
        if (!duplicate) {
          created.push(executionId);
          await this.deps.db.trigger.update({ where: { id: t.id }, data: { lastFiredAt: fire } }).catch(() => {});
        }
      }
    }
    return created;
  }

  /** When the next schedule is due, capped so new activations are noticed. */
  private async nextWakeIn(): Promise<number> {
    const cap = this.deps.maxSleepMs ?? 15_000;
    const triggers = await this.deps.db.trigger.findMany({ where: { type: 'schedule' }, select: { cron: true, timezone: true } });
    const now = this.now();
    let next = now + cap;
    for (const t of triggers) {
      try {
        const [d] = nextFireTimes(t.cron ?? '', t.timezone ?? 'UTC', now, 1);
        if (d) next = Math.min(next, d.getTime());
      } catch {
        // reported by tick()
      }
    }
    return Math.max(50, next - now + 5);
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.tick();
      const wait = await this.nextWakeIn();
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.loop(), wait);
      this.timer.unref();
    } catch (err) {
      this.deps.logger.error('scheduler tick failed', { err });
      if (!this.stopped) this.timer = setTimeout(() => void this.loop(), 5000).unref();
    }
  }
}
