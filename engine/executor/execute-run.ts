import { systemClock } from '../clock.ts';
import type { DagNode } from '../dag.ts';
import { ERROR_PORT } from '../definition.ts';
import { EngineError, type ErrorInfo } from '../errors.ts';
import type { Item, PortItems } from '../items.ts';
import { silentLogger, type Logger } from '../logger.ts';
import { createGuardedFetch } from '../net/guarded-fetch.ts';
import type { FetchLike, RunInfo, WebhookResponse } from '../node-api.ts';
import { TERMINAL_RUN_STATUSES, type NodeRunRecord, type RunStateRecord, type StoredRun } from './checkpoint-store.ts';
import { createCredentialAccess } from './credential-access.ts';
import { nullEventSink, type RunEventData, type RunEventType } from './events.ts';
import { hydrate } from './hydrate.ts';
import { RunJournal } from './journal.ts';
import type { ExecuteRunOptions, RunOutcome } from './options.ts';
import { DEFAULT_MAX_OUTPUT_BYTES, measurePorts } from './output-limit.ts';
import { previewValue } from './preview.ts';
import { Redactor } from './redact.ts';
import type { NodeResult, RunEnv } from './run-env.ts';
import { NodeExecution, skipNode, type NodeInput } from './run-node.ts';
import { RunHalted } from './signals.ts';

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_EXPRESSION_TIMEOUT_MS = 1000;

function pickTrigger(options: ExecuteRunOptions, stored: StoredRun | undefined): DagNode {
  const { dag } = options;
  const wanted = stored?.run.trigger.nodeId ?? options.trigger?.nodeId;
  if (wanted !== undefined) {
    const node = dag.byId.get(wanted);
    if (!node || !node.isTrigger) throw new EngineError('UNKNOWN_TRIGGER', `"${wanted}" is not a trigger node of this workflow`);
    return node;
  }
  const node = dag.nodes.find((n) => n.isTrigger && !n.settings.disabled) ?? dag.nodes.find((n) => n.isTrigger);
  if (!node) throw new EngineError('NO_TRIGGER', 'The workflow has no trigger node');
  return node;
}

/** Items of a node's outputs except `error`, in port order: what "the node's output" means for the run. */
function mainItems(node: DagNode, output: PortItems): Item[] {
  const items: Item[] = [];
  for (const port of node.outputs) if (port.name !== ERROR_PORT) items.push(...(output[port.name] ?? []));
  return items;
}

function outcomeFromStored(options: ExecuteRunOptions, stored: StoredRun): RunOutcome {
  const { run } = stored;
  const outcome: RunOutcome = { runId: run.runId, status: run.status as RunOutcome['status'] };
  if (run.error) outcome.error = run.error;
  if (run.response) outcome.response = run.response;
  if (run.resumeAt !== undefined && run.status === 'waiting') outcome.resumeAt = run.resumeAt;
  if (run.status === 'succeeded' && run.outputNodeId !== undefined) {
    const node = options.dag.byId.get(run.outputNodeId);
    const record = stored.nodes.find((r) => r.nodeId === run.outputNodeId);
    if (node && record?.output) outcome.output = mainItems(node, record.output);
  }
  return outcome;
}

/**
 * Runs (or resumes) a compiled workflow until it finishes, fails, is cancelled
 * or suspends on a Wait node. Every state change is checkpointed to `store`
 * before it is emitted to `sink`. Calling again with the same runId and store
 * continues from the checkpoints: finished nodes are never run again; a node
 * that was running when the process died runs again (at-least-once per node).
 * Rejects only on infrastructure failure (the store) or caller misuse.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunOutcome> {
  const { runId, dag, store } = options;
  const clock = options.clock ?? systemClock;
  const redactor = new Redactor();
  const logger = redactingLogger(options.logger ?? silentLogger, redactor);
  const stored = await store.loadRun(runId);
  if (stored && TERMINAL_RUN_STATUSES.has(stored.run.status)) return outcomeFromStored(options, stored);

  const triggerNode = pickTrigger(options, stored);
  let lastSeq = stored?.run.lastSeq ?? 0;
  for (const record of stored?.nodes ?? []) lastSeq = Math.max(lastSeq, record.seq);
  const journal = new RunJournal(store, options.sink ?? nullEventSink, runId, lastSeq, () => clock.now(), logger);
  const now = clock.now();

  let state: RunStateRecord = stored
    ? { ...stored.run, status: 'running', updatedAt: now, resumeAt: undefined }
    : {
        runId,
        status: 'running',
        workflow: {
          id: options.workflow?.id ?? dag.definition.id ?? '',
          name: options.workflow?.name ?? dag.definition.name ?? '',
          versionId: options.workflow?.versionId ?? '',
        },
        trigger: { nodeId: triggerNode.id, kind: options.trigger?.kind ?? 'manual' },
        triggerItems: options.trigger?.items ?? [{ json: {} }],
        startedAt: now,
        updatedAt: now,
        lastSeq: 0,
      };
  const saveState = (patch: Partial<RunStateRecord>, type: RunEventType, data?: RunEventData): Promise<void> => {
    // A fresh object per write: the store may keep the one it was given.
    state = { ...state, ...patch, updatedAt: clock.now() };
    return journal.run(state, type, data);
  };
  await saveState({}, stored ? 'run.resumed' : 'run.started', stored ? { from: stored.run.status } : undefined);

  const halt = new AbortController();
  const onCancel = () => halt.abort(new RunHalted('cancelled', 'Run cancelled'));
  if (options.signal?.aborted) onCancel();
  else options.signal?.addEventListener('abort', onCancel, { once: true });

  let response: WebhookResponse | undefined;
  const run: RunInfo = { id: runId, startedAt: state.startedAt, trigger: state.trigger, workflow: state.workflow };
  const hydrated = hydrate(dag, stored, now);
  const env: RunEnv = {
    runId,
    dag,
    run,
    clock,
    random: options.random ?? Math.random,
    logger,
    journal,
    redactor,
    signal: halt.signal,
    abort: (reason) => halt.abort(reason),
    concurrency: Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)),
    fetch: createGuardedFetch(options.fetch ?? (globalThis.fetch as FetchLike), {
      allowList: options.httpAllowList ?? [],
      ...(options.resolveHost ? { resolve: options.resolveHost } : {}),
    }),
    getCredential: createCredentialAccess(options.credentials, redactor),
    services: options.services ?? {},
    respond: (r) => {
      if (response !== undefined) {
        logger.warn('respond() called more than once; only the first response is sent', { runId });
        return;
      }
      response = redactor.redact(r);
      if (options.onRespond) {
        Promise.resolve()
          .then(() => options.onRespond?.(response as WebhookResponse))
          .catch((err: unknown) => logger.error('onRespond failed', { runId, error: String(err) }));
      }
    },
    redact: (secret) => redactor.add(secret),
    runCache: new Map(),
    maxOutputBytes: options.limits?.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    expressionTimeoutMs: options.limits?.expressionTimeoutMs ?? DEFAULT_EXPRESSION_TIMEOUT_MS,
    defaultTimeoutMs: options.defaultTimeoutMs,
    results: hydrated.results,
    priorAttempts: hydrated.priorAttempts,
    triggerItems: state.triggerItems,
  };

  try {
    // Wait nodes whose time has come complete with the output they stored when suspending.
    for (const { index, record } of hydrated.dueWaiting) {
      env.results[index] = await completeWaiting(env, record);
    }
    const { failure, fatal } = await walk(env, triggerNode);
    if (fatal) throw fatal.error;
    return await finish(env, failure, () => state, saveState, () => response);
  } finally {
    options.signal?.removeEventListener('abort', onCancel);
  }
}

/** Node logs pass through the redactor too: credential values must not reach log storage either. */
function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  if (logger === silentLogger) return logger;
  const wrap =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>) =>
      logger[level](redactor.redactString(message), fields && redactor.redact(fields));
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

async function completeWaiting(env: RunEnv, record: NodeRunRecord): Promise<NodeResult> {
  const finishedAt = env.clock.now();
  const output = record.output ?? {};
  const next: Omit<NodeRunRecord, 'seq'> = { ...record, status: 'succeeded', finishedAt };
  delete next.resumeAt;
  let itemCount = 0;
  let first: Item | undefined;
  const outputs: Record<string, number> = {};
  for (const port in output) {
    const items = output[port] as Item[];
    outputs[port] = items.length;
    itemCount += items.length;
    first ??= items[0];
  }
  const data: RunEventData = { itemCount, outputs, durationMs: finishedAt - (record.startedAt ?? finishedAt) };
  if (first) data.preview = previewValue(first.json);
  await env.journal.node(next, { type: 'node.succeeded', nodeId: record.nodeId, attempt: record.attempt, data });
  return { status: 'succeeded', output, sizes: measurePorts(output), attempt: record.attempt, seq: (next as NodeRunRecord).seq };
}

function inputOf(env: RunEnv, node: DagNode): NodeInput | undefined {
  // Lists per port; a port fed by one wire shares the upstream array, several are concatenated once.
  const lists: Record<string, Item[][]> = {};
  let bytes = 0;
  let any = false;
  for (const wire of node.incoming) {
    const result = env.results[wire.sourceIndex] as NodeResult;
    const items = result.output[wire.sourceOutput];
    if (!items || items.length === 0) continue;
    any = true;
    bytes += result.sizes[wire.sourceOutput] ?? 0;
    (lists[wire.targetInput] ??= []).push(items);
  }
  if (!any) return undefined;
  const ports: PortItems = {};
  for (const port in lists) {
    const parts = lists[port] as Item[][];
    ports[port] = parts.length === 1 ? (parts[0] as Item[]) : parts.flat();
  }
  let items: Item[];
  const names = Object.keys(ports);
  if (names.length === 1) items = ports[names[0] as string] as Item[];
  else {
    items = [];
    for (const port of node.inputs) for (const item of ports[port.name] ?? []) items.push(item);
  }
  return { ports, items, bytes };
}

async function settleNode(env: RunEnv, node: DagNode, triggerIndex: number): Promise<NodeResult> {
  if (node.isTrigger) {
    if (node.index !== triggerIndex) return skipNode(env, node, 'trigger-not-fired');
    const items = env.triggerItems;
    let bytes: number;
    try {
      bytes = Buffer.byteLength(JSON.stringify(items));
    } catch {
      bytes = 0; // unserialisable trigger data: size unknown, the output limit reports it later
    }
    return new NodeExecution(env, node, { ports: { main: items }, items, bytes }).run();
  }
  const input = inputOf(env, node);
  if (!input) return skipNode(env, node, 'no-input');
  return new NodeExecution(env, node, input).run();
}

interface WalkResult {
  failure?: { node: DagNode; error: ErrorInfo };
  fatal?: { error: unknown };
}

/**
 * Runs every node whose upstream nodes have all settled, at most `concurrency`
 * at a time. A failure with onError `stop` or a cancellation halts the run:
 * nothing new starts and running nodes are aborted and recorded as cancelled.
 */
function walk(env: RunEnv, triggerNode: DagNode): Promise<WalkResult> {
  const { dag, results } = env;
  const n = dag.nodes.length;
  const remaining = new Int32Array(n);
  const queue: number[] = [];
  const settled = (i: number) => {
    const r = results[i];
    return r !== undefined && r.status !== 'waiting';
  };
  for (let i = 0; i < n; i++) {
    if (results[i] !== undefined) continue;
    let count = 0;
    for (const u of (dag.nodes[i] as DagNode).upstream) if (!settled(u)) count++;
    remaining[i] = count;
    if (count === 0) queue.push(i);
  }
  const outcome: WalkResult = {};
  const limit = env.concurrency;
  return new Promise<WalkResult>((resolve) => {
    let running = 0;
    let head = 0;
    let done = false;
    const pump = () => {
      if (done) return;
      while (!env.signal.aborted && running < limit && head < queue.length) start(queue[head++] as number);
      if (running === 0 && (env.signal.aborted || head >= queue.length)) {
        done = true;
        resolve(outcome);
      }
    };
    const halt = (reason: RunHalted) => {
      if (!env.signal.aborted) env.abort(reason);
    };
    const start = (index: number) => {
      running++;
      const node = dag.nodes[index] as DagNode;
      settleNode(env, node, triggerNode.index).then(
        (result) => {
          running--;
          results[index] = result;
          if (result.status === 'failed' && !result.continued) {
            outcome.failure ??= { node, error: result.error as ErrorInfo };
            halt(new RunHalted('stopped', `Run stopped because node "${node.name}" failed`));
          } else if (result.status !== 'waiting' && result.status !== 'cancelled') {
            for (const d of node.downstream) {
              remaining[d] = (remaining[d] as number) - 1;
              if (remaining[d] === 0) queue.push(d);
            }
          }
          pump();
        },
        (error: unknown) => {
          running--;
          outcome.fatal ??= { error };
          halt(new RunHalted('crashed', 'Run interrupted: checkpoint store failed'));
          pump();
        },
      );
    };
    // Cancellation while nothing runs (e.g. during a retry delay of the last node) must still end the walk.
    env.signal.addEventListener('abort', () => queueMicrotask(pump), { once: true });
    pump();
  });
}

async function finish(
  env: RunEnv,
  failure: WalkResult['failure'],
  getState: () => RunStateRecord,
  saveState: (patch: Partial<RunStateRecord>, type: RunEventType, data?: RunEventData) => Promise<void>,
  getResponse: () => WebhookResponse | undefined,
): Promise<RunOutcome> {
  const { runId, dag, results, clock } = env;
  const response = getResponse() ?? getState().response;
  const base: Partial<RunStateRecord> = response ? { response } : {};
  const durationMs = () => clock.now() - getState().startedAt;
  const reason = env.signal.reason;
  if (!failure && env.signal.aborted && reason instanceof RunHalted && reason.kind === 'cancelled') {
    const error: ErrorInfo = { code: 'RUN_CANCELLED', message: 'Run cancelled' };
    await saveState({ ...base, status: 'cancelled', error, finishedAt: clock.now() }, 'run.finished', {
      status: 'cancelled',
      durationMs: durationMs(),
    });
    return withResponse({ runId, status: 'cancelled', error }, response);
  }
  if (failure) {
    await saveState({ ...base, status: 'failed', error: failure.error, finishedAt: clock.now() }, 'run.finished', {
      status: 'failed',
      durationMs: durationMs(),
      error: { code: failure.error.code, message: failure.error.message },
    });
    return withResponse({ runId, status: 'failed', error: failure.error }, response);
  }
  let resumeAt: number | undefined;
  for (const r of results) if (r?.status === 'waiting' && r.resumeAt !== undefined) resumeAt = Math.min(resumeAt ?? Infinity, r.resumeAt);
  if (resumeAt !== undefined) {
    await saveState({ ...base, status: 'waiting', resumeAt }, 'run.waiting', { status: 'waiting', resumeAt });
    return withResponse({ runId, status: 'waiting', resumeAt }, response);
  }
  // The run's output is that of the node that finished last (highest sequence number).
  let last: { node: DagNode; result: NodeResult } | undefined;
  dag.nodes.forEach((node, i) => {
    const r = results[i];
    if (!r || !(r.status === 'succeeded' || (r.status === 'failed' && r.continued))) return;
    if (!last || r.seq > last.result.seq) last = { node, result: r };
  });
  const output = last ? mainItems(last.node, last.result.output) : [];
  const patch: Partial<RunStateRecord> = { ...base, status: 'succeeded', finishedAt: clock.now() };
  if (last) patch.outputNodeId = last.node.id;
  await saveState(patch, 'run.finished', { status: 'succeeded', durationMs: durationMs(), itemCount: output.length });
  return withResponse({ runId, status: 'succeeded', output }, response);
}

function withResponse(outcome: RunOutcome, response: WebhookResponse | undefined): RunOutcome {
  if (response) outcome.response = response;
  return outcome;
}
