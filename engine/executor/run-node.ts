import type { DagNode } from '../dag.ts';
import { ERROR_PORT } from '../definition.ts';
import { isRetryable, NodeError, NodeErrorCode, toErrorInfo, type ErrorInfo } from '../errors.ts';
import { isItem, type Item, type PortItems } from '../items.ts';
import { childLogger } from '../logger.ts';
import type { NodeContext, NodeRunResult, NodeUsage } from '../node-api.ts';
import { retryDelayFor } from './backoff.ts';
import type { NodeRunRecord, SkipReason, TruncationInfo } from './checkpoint-store.ts';
import type { RunEventData } from './events.ts';
import { limitPorts, measurePorts } from './output-limit.ts';
import { resolveNodeParams } from './params.ts';
import { previewValue } from './preview.ts';
import type { NodeResult, RunEnv } from './run-env.ts';
import { buildScope, nodeMap, type NodeAccessor } from './scope.ts';
import { raceAbort, RunHalted, WaitRequest } from './signals.ts';

/** Items a node receives: per input port, all of them in port order, and their JSON size. */
export interface NodeInput {
  ports: PortItems;
  items: Item[];
  bytes: number;
}

const DONE = Symbol('done');

/** ctx.wait: shared by every context, so building a context allocates no closures. */
function requestWait(untilMs: number, output?: Item[]): never {
  throw new WaitRequest(untilMs, output);
}

function firstOutputName(node: DagNode): string | undefined {
  return node.outputs.find((p) => p.name !== ERROR_PORT)?.name;
}

function sum(sizes: Record<string, number>): number {
  let total = 0;
  for (const key in sizes) total += sizes[key] as number;
  return total;
}

function portCounts(output: PortItems): { counts: Record<string, number>; total: number; first: Item | undefined } {
  const counts: Record<string, number> = {};
  let total = 0;
  let first: Item | undefined;
  for (const port in output) {
    const items = output[port] as Item[];
    counts[port] = items.length;
    total += items.length;
    if (first === undefined && items.length > 0 && port !== ERROR_PORT) first = items[0];
  }
  return { counts, total, first };
}

function errorSummary(error: ErrorInfo): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

/** Runs one node to a settled result, writing its checkpoints and events. Rejects only when the journal (store) fails. */
export class NodeExecution {
  private attempt: number;
  private readonly startedAt: number;
  private readonly out: PortItems = {};
  private errorCount = 0;
  private firstError: ErrorInfo | undefined;
  private storedInput: PortItems | undefined;
  private inputTruncated: TruncationInfo | undefined;
  private nodes: Record<string, NodeAccessor> | undefined;
  private usage: NodeUsage | undefined;
  private readonly perItem: boolean;

  constructor(
    private readonly env: RunEnv,
    private readonly node: DagNode,
    private readonly input: NodeInput,
  ) {
    this.attempt = (env.priorAttempts[node.index] ?? 0) + 1;
    this.startedAt = env.clock.now();
    const decide = node.definition.runsPerItemFor;
    this.perItem = decide ? decide(node.params) : node.definition.runsPerItem;
  }

  async run(): Promise<NodeResult> {
    const { env, node, input } = this;
    const limited = limitPorts(input.ports, input.bytes, env.maxOutputBytes);
    this.storedInput = limited.stored;
    this.inputTruncated = limited.truncated;
    if (node.settings.disabled) return this.passThroughDisabled();
    for (const port of node.outputs) this.out[port.name] = [];
    await this.write({ status: 'running' }, { type: 'node.started' });
    try {
      if (this.perItem) {
        for (let i = 0; i < input.items.length; i++) await this.call(input.items[i], i);
      } else {
        await this.call(undefined, 0);
      }
    } catch (err) {
      if (err instanceof WaitRequest) return this.suspend(err);
      if (env.signal.aborted) return this.cancelled();
      return this.failed(err);
    }
    return this.finish();
  }

  /** One invocation of run(), retried per the node's settings; afterwards onError decides. */
  private async call(item: Item | undefined, index: number): Promise<void> {
    const { env, node } = this;
    for (let retry = 0; ; ) {
      let result: NodeRunResult;
      try {
        // Synchronous nodes (most core nodes) skip a promise round-trip here.
        const pending = this.invoke(item, index);
        result = pending instanceof Promise ? await pending : pending;
      } catch (err) {
        if (err instanceof WaitRequest || env.signal.aborted) throw err;
        if (isRetryable(err) && retry < node.settings.retries) {
          retry++;
          const delayMs = retryDelayFor(err, node.settings.backoff, retry, env.random);
          const error = this.errorInfo(err);
          this.attempt++;
          await this.write(
            { status: 'pending', error },
            { type: 'node.retrying', data: { delayMs, itemIndex: index, error: errorSummary(error) } },
          );
          await env.clock.sleep(delayMs, env.signal);
          await this.write({ status: 'running' }, { type: 'node.started' });
          continue;
        }
        this.handleItemFailure(err, item);
        return;
      }
      this.route(result);
      return;
    }
  }

  /** Calls the node's run() with a context, bounded by the timeout and the run's signal. */
  private invoke(item: Item | undefined, index: number): NodeRunResult | Promise<NodeRunResult> {
    const timeoutMs = this.node.settings.timeoutMs ?? this.env.defaultTimeoutMs;
    if (!timeoutMs) return this.callRun(item, index, this.env.signal);
    return this.invokeWithTimeout(item, index, timeoutMs);
  }

  private async invokeWithTimeout(item: Item | undefined, index: number, timeoutMs: number): Promise<NodeRunResult> {
    const { env, node } = this;
    const controller = new AbortController();
    const onRunAbort = () => controller.abort(env.signal.reason);
    env.signal.addEventListener('abort', onRunAbort, { once: true });
    env.clock.sleep(timeoutMs, controller.signal).then(
      () =>
        controller.abort(
          new NodeError(`Node "${node.name}" timed out after ${timeoutMs} ms`, { code: NodeErrorCode.Timeout, nodeId: node.id }),
        ),
      () => {},
    );
    try {
      return await this.callRun(item, index, controller.signal);
    } finally {
      env.signal.removeEventListener('abort', onRunAbort);
      if (!controller.signal.aborted) controller.abort(DONE);
    }
  }

  private callRun(item: Item | undefined, index: number, signal: AbortSignal): NodeRunResult | Promise<NodeRunResult> {
    const { env, node, input } = this;
    let params: unknown;
    if (node.hasExpressions) {
      this.nodes ??= nodeMap(env, node);
      params = resolveNodeParams(node, buildScope(env, node, input.items, item, index, this.nodes), env.expressionTimeoutMs);
    } else params = node.staticParams;
    const ctx: NodeContext = {
      params,
      item,
      index,
      items: input.items,
      inputs: input.ports,
      node: { id: node.id, name: node.name, type: node.type, typeVersion: node.typeVersion },
      run: env.run,
      attempt: this.attempt,
      getCredential: env.getCredential,
      redact: env.redact,
      fetch: env.fetch,
      clock: env.clock,
      random: env.random,
      signal,
      logger: childLogger(env.logger, { runId: env.runId, nodeId: node.id }),
      runCache: env.runCache,
      respond: env.respond,
      wait: requestWait,
      reportUsage: (usage) => this.addUsage(usage),
      services: env.services,
    };
    const result = node.definition.run(ctx);
    return result instanceof Promise ? raceAbort(result, signal) : result;
  }

  private addUsage(usage: NodeUsage): void {
    const prev = this.usage;
    this.usage = prev
      ? {
          model: usage.model || prev.model,
          calls: prev.calls + usage.calls,
          promptTokens: prev.promptTokens + usage.promptTokens,
          completionTokens: prev.completionTokens + usage.completionTokens,
          costUsd: prev.costUsd === null || usage.costUsd === null ? null : prev.costUsd + usage.costUsd,
        }
      : { ...usage };
  }

  private route(result: NodeRunResult): void {
    if (result === undefined || result === null) return;
    const first = firstOutputName(this.node);
    if (Array.isArray(result)) {
      if (first === undefined) {
        if (result.length === 0) return;
        throw this.invalidOutput('returned items but has no outputs');
      }
      this.append(first, result);
      return;
    }
    if (typeof result !== 'object') throw this.invalidOutput('must return an array of items or an object keyed by output port');
    for (const port of Object.keys(result)) {
      const items = (result as PortItems)[port];
      if (!(port in this.out) || port === ERROR_PORT) throw this.invalidOutput(`returned items for unknown output "${port}"`);
      if (!Array.isArray(items)) throw this.invalidOutput(`output "${port}" must be an array of items`);
      this.append(port, items);
    }
  }

  private append(port: string, items: readonly unknown[]): void {
    for (const item of items) if (!isItem(item)) throw this.invalidOutput('items must look like { json: { … } }');
    const target = this.out[port] as Item[];
    if (target.length === 0 && !this.perItem) {
      this.out[port] = items as Item[];
      return;
    }
    for (const item of items) target.push(item as Item);
  }

  private errorInfo(err: unknown): ErrorInfo {
    return this.env.redactor.redact(toErrorInfo(err, this.node.id));
  }

  private invalidOutput(message: string): NodeError {
    return new NodeError(`Node "${this.node.name}" ${message}`, {
      code: NodeErrorCode.InvalidOutput,
      nodeId: this.node.id,
      retryable: false,
    });
  }

  /** After retries: stop rethrows; continue passes the input on; error-output routes it to the error port. */
  private handleItemFailure(err: unknown, item: Item | undefined): void {
    const { node } = this;
    if (node.settings.onError === 'stop') throw err;
    const error = this.errorInfo(err);
    this.errorCount++;
    this.firstError ??= error;
    const failedItems = item ? [item] : this.input.items;
    if (node.settings.onError === 'continue') {
      const first = firstOutputName(node);
      if (first !== undefined) for (const it of failedItems) (this.out[first] as Item[]).push(it);
      return;
    }
    const summary = { message: error.message, code: error.code, nodeId: node.id };
    for (const it of failedItems) (this.out[ERROR_PORT] as Item[]).push({ json: { ...it.json, error: summary } });
  }

  private async finish(): Promise<NodeResult> {
    const { env, node } = this;
    let output = this.out;
    if (env.redactor.active) output = env.redactor.redact(output);
    let sizes: Record<string, number>;
    try {
      sizes = measurePorts(output);
    } catch (err) {
      return this.failed(err);
    }
    const { stored, truncated } = limitPorts(output, sum(sizes), env.maxOutputBytes);
    const continued = this.errorCount > 0;
    const status = continued && node.settings.onError === 'continue' ? 'failed' : 'succeeded';
    const finishedAt = env.clock.now();
    const { counts, total, first } = portCounts(output);
    const data: RunEventData = {
      itemCount: total,
      outputs: counts,
      durationMs: finishedAt - this.startedAt,
    };
    if (first) data.preview = previewValue(first.json);
    if (truncated) data.truncated = true;
    const record: Partial<NodeRunRecord> = { status, output: stored, finishedAt };
    if (truncated) record.outputTruncated = truncated;
    if (this.usage) {
      record.usage = this.usage;
      data.usage = this.usage;
    }
    if (continued) {
      record.continued = true;
      record.error = this.firstError;
      data.continued = true;
      data.errorCount = this.errorCount;
      data.error = errorSummary(this.firstError as ErrorInfo);
    }
    const seq = await this.write(record, { type: status === 'failed' ? 'node.failed' : 'node.succeeded', data });
    const result: NodeResult = { status, output, sizes, attempt: this.attempt, seq };
    if (continued) {
      result.continued = true;
      result.error = this.firstError;
    }
    return result;
  }

  private async failed(err: unknown): Promise<NodeResult> {
    const { env } = this;
    const error = this.errorInfo(err);
    const finishedAt = env.clock.now();
    const usage = this.usage ? { usage: this.usage } : {};
    const seq = await this.write(
      { status: 'failed', error, finishedAt, ...usage },
      { type: 'node.failed', data: { error: errorSummary(error), durationMs: finishedAt - this.startedAt, ...usage } },
    );
    return { status: 'failed', output: {}, sizes: {}, error, attempt: this.attempt, seq };
  }

  private async cancelled(): Promise<NodeResult> {
    const { env, node } = this;
    const reason = env.signal.reason;
    const message = reason instanceof RunHalted ? reason.message : 'Run cancelled';
    const error: ErrorInfo = { code: NodeErrorCode.Cancelled, message, nodeId: node.id };
    const finishedAt = env.clock.now();
    const seq = await this.write(
      { status: 'cancelled', error, finishedAt },
      { type: 'node.cancelled', data: { reason: reason instanceof RunHalted ? reason.kind : 'cancelled', durationMs: finishedAt - this.startedAt } },
    );
    return { status: 'cancelled', output: {}, sizes: {}, error, attempt: this.attempt, seq };
  }

  /** ctx.wait(): checkpoint as waiting; the output is kept whole because resuming needs it. */
  private async suspend(request: WaitRequest): Promise<NodeResult> {
    const { env, node } = this;
    const first = firstOutputName(node);
    if (request.resumeAt <= env.clock.now()) {
      if (first !== undefined) this.out[first] = request.output ?? this.input.items;
      return this.finish();
    }
    let output: PortItems = first === undefined ? {} : { [first]: request.output ?? this.input.items };
    if (env.redactor.active) output = env.redactor.redact(output);
    let sizes: Record<string, number>;
    try {
      sizes = measurePorts(output);
    } catch (err) {
      return this.failed(err);
    }
    const seq = await this.write(
      { status: 'waiting', output, resumeAt: request.resumeAt },
      { type: 'node.waiting', data: { resumeAt: request.resumeAt } },
    );
    return { status: 'waiting', output, sizes, resumeAt: request.resumeAt, attempt: this.attempt, seq };
  }

  private async passThroughDisabled(): Promise<NodeResult> {
    const first = firstOutputName(this.node);
    const output: PortItems = first === undefined ? {} : { [first]: this.input.items };
    const sizes: Record<string, number> = first === undefined ? {} : { [first]: this.input.bytes };
    const limited = limitPorts(output, this.input.bytes, this.env.maxOutputBytes);
    const seq = await writeSkipped(this.env, this.node, 'disabled', limited.stored, this.storedInput, this.inputTruncated, limited.truncated);
    return { status: 'skipped', output, sizes, attempt: this.attempt - 1, seq };
  }

  private async write(
    patch: Partial<NodeRunRecord>,
    event: { type: NodeRunEventType; data?: RunEventData },
  ): Promise<number> {
    const { env, node } = this;
    const record: Omit<NodeRunRecord, 'seq'> = {
      runId: env.runId,
      nodeId: node.id,
      attempt: this.attempt,
      status: 'running',
      startedAt: this.startedAt,
      ...patch,
    };
    if (this.storedInput !== undefined) record.input = this.storedInput;
    if (this.inputTruncated) record.inputTruncated = this.inputTruncated;
    await env.journal.node(record, { type: event.type, nodeId: node.id, attempt: this.attempt, data: event.data });
    return (record as NodeRunRecord).seq;
  }
}

type NodeRunEventType =
  | 'node.started'
  | 'node.succeeded'
  | 'node.failed'
  | 'node.retrying'
  | 'node.waiting'
  | 'node.cancelled';

async function writeSkipped(
  env: RunEnv,
  node: DagNode,
  reason: SkipReason,
  output: PortItems,
  input?: PortItems,
  inputTruncated?: TruncationInfo,
  outputTruncated?: TruncationInfo,
): Promise<number> {
  const now = env.clock.now();
  const record: Omit<NodeRunRecord, 'seq'> = {
    runId: env.runId,
    nodeId: node.id,
    attempt: env.priorAttempts[node.index] ?? 0,
    status: 'skipped',
    skipReason: reason,
    output,
    startedAt: now,
    finishedAt: now,
  };
  if (input !== undefined) record.input = input;
  if (inputTruncated) record.inputTruncated = inputTruncated;
  if (outputTruncated) record.outputTruncated = outputTruncated;
  const data: RunEventData = { reason };
  const { total } = portCounts(output);
  if (total > 0) data.itemCount = total;
  await env.journal.node(record, { type: 'node.skipped', nodeId: node.id, data });
  return (record as NodeRunRecord).seq;
}

/** A node whose inputs carry no items (untaken branch) or a trigger that did not fire: settles as skipped. */
export async function skipNode(env: RunEnv, node: DagNode, reason: SkipReason): Promise<NodeResult> {
  const seq = await writeSkipped(env, node, reason, {});
  return { status: 'skipped', output: {}, sizes: {}, attempt: env.priorAttempts[node.index] ?? 0, seq };
}
