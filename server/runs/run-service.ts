import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import type { TriggerKind } from '../../generated/prisma/enums.ts';
import { systemClock, type Clock } from '../../engine/clock.ts';
import { compile } from '../../engine/compile.ts';
import type { CompiledDag } from '../../engine/dag.ts';
import { executeRun } from '../../engine/executor/execute-run.ts';
import type { RunEvent, RunEventData } from '../../engine/executor/events.ts';
import type { Item } from '../../engine/items.ts';
import type { FetchLike, WebhookResponse } from '../../engine/node-api.ts';
import type { NodeRegistry } from '../../engine/registry.ts';
import type { WorkspaceServices } from '../../engine/workspace-services.ts';
import type { Logger } from '../logger.ts';
import type { RunQueue } from '../queue/run-queue.ts';
import { createCredentialResolver } from '../credentials/credential-resolver.ts';
import type { RunBus } from './run-bus.ts';
import { PrismaRunStore } from './prisma-run-store.ts';
import type { RunMetrics } from './run-metrics.ts';

export type StartRunInput = {
  workflowId: string;
  versionId: string;
  trigger: TriggerKind;
  triggerNodeId?: string;
  items?: Item[];
  idempotencyKey?: string;
  createdById?: string;
  parentExecutionId?: string;
};

export type RunServiceDeps = {
  db: PrismaClient;
  queue: RunQueue;
  bus: RunBus;
  registry: NodeRegistry;
  encryptionKey: Buffer;
  logger: Logger;
  metrics?: RunMetrics;
  clock?: Clock;
  fetch?: FetchLike;
  httpAllowList?: readonly string[];
  /** Nodes running at once within one run. */
  nodeConcurrency?: number;
  /** Where checkpoint writes go (see Database.execCheckpoint); default Prisma. */
  execCheckpoint?: (sql: string, params: unknown[]) => Promise<void>;
  /** Called for every finished node (metrics). */
  onNodeFinished?: (type: string, status: string, durationMs: number) => void;
  /** Data tables and outreach tracking for one run, scoped to its workspace, workflow and execution. */
  services?: (run: { workspaceId: string; workflowId: string; executionId: string }) => WorkspaceServices;
};

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
}

/**
 * Creates executions, runs them on a worker, and answers questions about them. The web
 * process calls `start`/`cancel`/`waitFor`; worker processes call `process` from the queue.
 */
export class RunService {
  private readonly store: PrismaRunStore;
  private readonly dags = new Map<string, CompiledDag>();
  private readonly active = new Map<string, AbortController>();
  private readonly clock: Clock;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: RunServiceDeps) {
    this.store = new PrismaRunStore(deps.db, deps.execCheckpoint);
    this.clock = deps.clock ?? systemClock;
    // Cancellation can be requested from any process; the one running the run acts on it.
    this.unsubscribe = deps.bus.subscribe((m) => {
      if (m.kind === 'cancel') this.active.get(m.runId)?.abort(new Error('cancelled'));
    });
  }

  /** Records a queued execution and enqueues it. With an idempotency key, a repeat returns the first run. */
  async start(input: StartRunInput): Promise<{ executionId: string; duplicate: boolean }> {
    const data: Prisma.ExecutionUncheckedCreateInput = {
      workflowId: input.workflowId,
      versionId: input.versionId,
      workspaceId: await this.workspaceOf(input.workflowId),
      trigger: input.trigger,
      triggerNodeId: input.triggerNodeId ?? null,
      input: (input.items ?? [{ json: {} }]) as unknown as Prisma.InputJsonValue,
      idempotencyKey: input.idempotencyKey ?? null,
      createdById: input.createdById ?? null,
      parentExecutionId: input.parentExecutionId ?? null,
    };
    let executionId: string;
    try {
      executionId = (await this.deps.db.execution.create({ data, select: { id: true } })).id;
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002' && input.idempotencyKey) {
        const first = await this.deps.db.execution.findUniqueOrThrow({
          where: { workflowId_idempotencyKey: { workflowId: input.workflowId, idempotencyKey: input.idempotencyKey } },
          select: { id: true },
        });
        return { executionId: first.id, duplicate: true };
      }
      throw err;
    }
    this.deps.metrics?.runStarted(input.trigger);
    await this.deps.queue.enqueue({ executionId });
    return { executionId, duplicate: false };
  }

  private readonly workspaces = new Map<string, string>();
  private async workspaceOf(workflowId: string): Promise<string> {
    let ws = this.workspaces.get(workflowId);
    if (!ws) {
      ws = (await this.deps.db.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { workspaceId: true } })).workspaceId;
      this.workspaces.set(workflowId, ws);
    }
    return ws;
  }

  /** The queue's job handler: runs or resumes one execution. Safe to call twice (at-least-once delivery). */
  async process(executionId: string, jobSignal?: AbortSignal): Promise<void> {
    const exec = await this.deps.db.execution.findUnique({
      where: { id: executionId },
      include: { workflow: { select: { name: true, settings: true } } },
    });
    if (!exec || TERMINAL.has(exec.status)) return;
    const now = this.clock.now();
    if (exec.status === 'waiting' && exec.resumeAt && exec.resumeAt.getTime() > now) {
      await this.deps.queue.enqueue({ executionId }, { delayMs: exec.resumeAt.getTime() - now, jobKey: `${executionId}-at-${exec.resumeAt.getTime()}` });
      return;
    }
    // Versions are immutable: their definition is read and compiled once per process.
    const dag = this.dags.get(exec.versionId) ?? this.compiled(exec.versionId, await this.definitionOf(exec.versionId));
    const log = this.deps.logger.child({ runId: executionId, workflowId: exec.workflowId });
    if ('errors' in dag) {
      await this.failUnstarted(executionId, exec.workflowId, {
        code: 'COMPILE_FAILED',
        message: `The version does not compile: ${dag.errors.map((e) => e.message).join('; ')}`,
      });
      return;
    }

    const ctrl = new AbortController();
    this.active.set(executionId, ctrl);
    const onJobAbort = () => ctrl.abort(jobSignal?.reason);
    jobSignal?.addEventListener('abort', onJobAbort, { once: true });
    const workflowId = exec.workflowId;
    try {
      const outcome = await executeRun({
        runId: executionId,
        dag,
        store: this.store,
        sink: {
          emit: (event) => {
            const ms = event.data?.durationMs;
            if (event.nodeId && ms !== undefined && (event.type === 'node.succeeded' || event.type === 'node.failed')) {
              this.deps.onNodeFinished?.(dag.byId.get(event.nodeId)?.type ?? 'unknown', event.type.slice(5), ms);
            }
            // Events are stored before they get here; publishing is for live viewers, so the
            // run does not wait for it (a late viewer reads the store).
            this.deps.bus.publish({ kind: 'event', workflowId, event }).catch((err: unknown) => log.warn('event publish failed', { err }));
          },
        },
        workflow: { id: workflowId, name: exec.workflow.name, versionId: exec.versionId },
        trigger: {
          ...(exec.triggerNodeId ? { nodeId: exec.triggerNodeId } : {}),
          kind: exec.trigger,
          items: (exec.input as Item[] | null) ?? [{ json: {} }],
        },
        clock: this.clock,
        ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
        httpAllowList: this.deps.httpAllowList ?? [],
        concurrency: this.deps.nodeConcurrency ?? 8,
        credentials: createCredentialResolver(this.deps.db, this.deps.encryptionKey, exec.workspaceId),
        ...(this.deps.services ? { services: this.deps.services({ workspaceId: exec.workspaceId, workflowId, executionId }) } : {}),
        onRespond: (response: WebhookResponse) => this.deps.bus.publish({ kind: 'response', runId: executionId, response }),
        signal: ctrl.signal,
        logger: log,
      });
      if (outcome.status === 'waiting' && outcome.resumeAt !== undefined) {
        await this.deps.queue.enqueue(
          { executionId },
          { delayMs: Math.max(0, outcome.resumeAt - this.clock.now()), jobKey: `${executionId}-at-${outcome.resumeAt}` },
        );
      } else if (outcome.status !== 'waiting') {
        await this.finish(executionId, outcome.status, exec.workflow.settings);
        this.deps.metrics?.runFinished(exec.trigger, outcome.status, this.clock.now() - (exec.startedAt?.getTime() ?? exec.queuedAt.getTime()));
      }
      log.debug('run processed', { status: outcome.status });
    } finally {
      jobSignal?.removeEventListener('abort', onJobAbort);
      this.active.delete(executionId);
    }
  }

  private async definitionOf(versionId: string): Promise<unknown> {
    const v = await this.deps.db.workflowVersion.findUnique({ where: { id: versionId }, select: { definition: true } });
    return v?.definition ?? null;
  }

  private compiled(versionId: string, definition: unknown): CompiledDag | { errors: Array<{ message: string }> } {
    const hit = this.dags.get(versionId);
    if (hit) return hit;
    const result = compile(definition, this.deps.registry);
    if (!result.ok) return { errors: result.errors };
    if (this.dags.size > 500) this.dags.delete(this.dags.keys().next().value!);
    this.dags.set(versionId, result.dag);
    return result.dag;
  }

  /** Successful runs of "summary" workflows drop per-node data (the run's output stays). */
  private async finish(executionId: string, status: string, settings: unknown) {
    const keep = (settings as { keepSuccessData?: string } | null)?.keepSuccessData;
    if (status === 'succeeded' && keep === 'summary') {
      await this.deps.db.nodeRun.updateMany({
        where: { executionId },
        data: { input: Prisma.DbNull, output: Prisma.DbNull },
      });
    }
  }

  private async failUnstarted(executionId: string, workflowId: string, error: { code: string; message: string }) {
    const at = new Date(this.clock.now());
    const exec = await this.deps.db.execution.update({
      where: { id: executionId },
      data: { status: 'failed', error, startedAt: at, finishedAt: at, lastSeq: { increment: 1 } },
      select: { lastSeq: true, trigger: true },
    });
    await this.announceFinished(executionId, workflowId, exec.lastSeq, at, { status: 'failed', error });
    this.deps.metrics?.runFinished(exec.trigger, 'failed', 0);
  }

  /** Stores and publishes the `run.finished` event of a run settled here rather than by the executor. */
  private async announceFinished(executionId: string, workflowId: string, seq: number, at: Date, data: RunEventData) {
    const event: RunEvent = { runId: executionId, seq, type: 'run.finished', at: at.getTime(), data };
    await this.deps.db.runEvent.create({ data: { executionId, seq, type: event.type, at, data: data as Prisma.InputJsonValue } });
    await this.deps.bus.publish({ kind: 'event', workflowId, event });
  }

  /** Starts the same version again with the same input. */
  async retry(executionId: string, userId?: string): Promise<{ executionId: string }> {
    const old = await this.deps.db.execution.findUnique({ where: { id: executionId } });
    if (!old) throw new RunNotFoundError(executionId);
    return this.start({
      workflowId: old.workflowId,
      versionId: old.versionId,
      trigger: 'retry',
      ...(old.triggerNodeId ? { triggerNodeId: old.triggerNodeId } : {}),
      items: (old.input as Item[] | null) ?? [{ json: {} }],
      parentExecutionId: old.id,
      ...(userId ? { createdById: userId } : {}),
    });
  }

  /** Runs the same input through another version (e.g. the one just fixed). */
  async rerunOnVersion(executionId: string, versionId: string, userId?: string): Promise<{ executionId: string }> {
    const old = await this.deps.db.execution.findUnique({ where: { id: executionId } });
    if (!old) throw new RunNotFoundError(executionId);
    return this.start({
      workflowId: old.workflowId,
      versionId,
      trigger: 'rerun',
      items: (old.input as Item[] | null) ?? [{ json: {} }],
      parentExecutionId: old.id,
      ...(userId ? { createdById: userId } : {}),
    });
  }

  /**
   * Re-runs `nodeId` and everything downstream of it, reusing the earlier run's outputs for
   * every other node: their checkpoints are copied into the new run, which the executor then
   * resumes — so they are not executed again.
   */
  async rerunFrom(executionId: string, nodeId: string, userId?: string): Promise<{ executionId: string }> {
    const old = await this.deps.db.execution.findUnique({ where: { id: executionId }, include: { version: { select: { definition: true } } } });
    if (!old) throw new RunNotFoundError(executionId);
    const dag = this.compiled(old.versionId, old.version.definition);
    if ('errors' in dag) throw new RunNotFoundError(`version of ${executionId} does not compile`);
    const start = dag.byId.get(nodeId);
    if (!start) throw new RunNotFoundError(`node ${nodeId} is not in that run's version`);
    const rerun = new Set<number>([start.index]);
    for (const n of dag.nodes) if (n.upstream.some((u) => rerun.has(u))) rerun.add(n.index);
    const keep = await this.store.loadRun(executionId);
    const reused = (keep?.nodes ?? []).filter((r) => {
      const n = dag.byId.get(r.nodeId);
      return n && !rerun.has(n.index) && (r.status === 'succeeded' || r.status === 'skipped');
    });
    const now = new Date(this.clock.now());
    const created = await this.deps.db.execution.create({
      data: {
        workflowId: old.workflowId,
        versionId: old.versionId,
        workspaceId: old.workspaceId,
        trigger: 'rerun',
        triggerNodeId: old.triggerNodeId,
        input: old.input ?? Prisma.DbNull,
        // The earlier run's webhook response belongs to it, not to this one.
        state: old.state ? ({ ...(old.state as object), response: undefined } as Prisma.InputJsonValue) : Prisma.DbNull,
        parentExecutionId: old.id,
        createdById: userId ?? null,
        startedAt: now,
        nodeRuns: {
          create: reused.map((r) => ({
            nodeId: r.nodeId,
            attempt: 1,
            status: r.status,
            input: r.input ? (r.input as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
            output: r.output ? (r.output as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
            meta: { seq: 0, reusedFrom: old.id, ...(r.skipReason ? { skipReason: r.skipReason } : {}) },
            startedAt: r.startedAt ? new Date(r.startedAt) : null,
            finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
          })),
        },
      },
      select: { id: true },
    });
    this.deps.metrics?.runStarted('rerun');
    await this.deps.queue.enqueue({ executionId: created.id });
    return { executionId: created.id };
  }

  /** Cancels a queued, waiting or running execution. Returns false when it had already finished. */
  async cancel(executionId: string): Promise<boolean> {
    const exec = await this.deps.db.execution.findUnique({ where: { id: executionId }, select: { status: true, workflowId: true, lastSeq: true } });
    if (!exec) throw new RunNotFoundError(executionId);
    if (TERMINAL.has(exec.status)) return false;
    if (exec.status === 'queued' || exec.status === 'waiting') {
      // Not running anywhere: settle it here. A job that still fires later sees the final status and stops.
      const at = new Date(this.clock.now());
      const { count } = await this.deps.db.execution.updateMany({
        where: { id: executionId, status: exec.status },
        data: { status: 'cancelled', finishedAt: at, lastSeq: { increment: 1 } },
      });
      if (count === 1) {
        await this.announceFinished(executionId, exec.workflowId, exec.lastSeq + 1, at, { status: 'cancelled' });
        return true;
      }
    }
    await this.deps.bus.publish({ kind: 'cancel', runId: executionId });
    return true;
  }

  /**
   * Resolves when the run finishes (`finished`) or first answers its webhook (`response`),
   * or with null after `timeoutMs`. Subscribes before reading the database, so nothing
   * that happens in between is missed.
   */
  async waitFor(executionId: string, until: 'finished' | 'response', timeoutMs: number): Promise<WaitResult | null> {
    return new Promise<WaitResult | null>((resolve) => {
      let done = false;
      const settle = (value: WaitResult | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        off();
        resolve(value);
      };
      const off = this.deps.bus.subscribe((m) => {
        if (m.kind === 'response' && m.runId === executionId && until === 'response') settle({ response: m.response });
        // A suspended run has nothing more to say for now, so `finished` also ends on run.waiting.
        const settled = m.kind === 'event' && m.event.runId === executionId &&
          (m.event.type === 'run.finished' || (until === 'finished' && m.event.type === 'run.waiting'));
        if (settled) void this.snapshot(executionId).then((s) => s && settle(s));
      });
      const timer = setTimeout(() => settle(null), timeoutMs);
      void this.snapshot(executionId).then((s) => {
        if (!s) return;
        if (until === 'response' && s.response) settle(s);
        else if (s.status && (TERMINAL.has(s.status) || s.status === 'waiting')) settle(s);
      });
    });
  }

  private async snapshot(executionId: string): Promise<WaitResult | null> {
    const exec = await this.deps.db.execution.findUnique({
      where: { id: executionId },
      select: { status: true, output: true, error: true, state: true },
    });
    if (!exec) return null;
    const state = exec.state as { response?: WebhookResponse } | null;
    return {
      status: exec.status,
      output: (exec.output as Item[] | null) ?? undefined,
      error: (exec.error as { code: string; message: string } | null) ?? undefined,
      ...(state?.response ? { response: state.response } : {}),
    };
  }

  /**
   * Re-enqueues executions the database says are due but the queue may have lost (Redis
   * restarted, or the embedded process stopped). `includeRunning` also takes runs marked
   * running — right for the embedded mode at start-up, where no other process can own them.
   */
  async reconcile({ olderThanMs = 30_000, includeRunning = false } = {}): Promise<number> {
    const cutoff = new Date(this.clock.now() - olderThanMs);
    const due = await this.deps.db.execution.findMany({
      where: {
        OR: [
          { status: 'queued', queuedAt: { lt: cutoff } },
          { status: 'waiting', resumeAt: { lt: new Date(this.clock.now()) } },
          ...(includeRunning ? [{ status: 'running' as const }] : []),
        ],
      },
      select: { id: true },
      take: 1000,
    });
    for (const { id } of due) await this.deps.queue.enqueue({ executionId: id });
    return due.length;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const ctrl of this.active.values()) ctrl.abort(new Error('shutting down'));
  }
}

export type WaitResult = {
  status?: string;
  output?: Item[];
  error?: { code: string; message: string };
  response?: WebhookResponse;
};
