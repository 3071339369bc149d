import type { WorkspaceServices } from '../workspace-services.ts';
import type { Clock } from '../clock.ts';
import type { CompiledDag } from '../dag.ts';
import type { ErrorInfo } from '../errors.ts';
import type { Item, PortItems } from '../items.ts';
import type { Logger } from '../logger.ts';
import type { FetchLike, RunInfo, WebhookResponse } from '../node-api.ts';
import type { NodeRunStatus } from './checkpoint-store.ts';
import type { RunJournal } from './journal.ts';
import type { Redactor } from './redact.ts';
import type { RunHalted } from './signals.ts';

/** What a node produced, as seen by its downstream nodes and by `$node[...]`. */
export interface NodeResult {
  status: Exclude<NodeRunStatus, 'pending' | 'running'>;
  /** Every output port, possibly empty; `{}` for skipped nodes that pass nothing. */
  output: PortItems;
  /** JSON size per output port, used to size inputs without serialising twice. */
  sizes: Record<string, number>;
  error?: ErrorInfo;
  continued?: boolean;
  resumeAt?: number;
  attempt: number;
  /** Sequence number of the node's final event: orders completions across resumes. */
  seq: number;
}

/** Everything one run's node executions share. Built once per executeRun call. */
export interface RunEnv {
  runId: string;
  dag: CompiledDag;
  run: RunInfo;
  clock: Clock;
  random: () => number;
  logger: Logger;
  journal: RunJournal;
  redactor: Redactor;
  /** Aborts when the run must stop (cancelled, another node failed, store failure). */
  signal: AbortSignal;
  /** Halts the run: aborts `signal` with the reason. */
  abort(reason: RunHalted): void;
  /** Most nodes running at once. */
  concurrency: number;
  fetch: FetchLike;
  getCredential: (credentialId: string, kind?: string) => Promise<Record<string, string>>;
  respond: (response: WebhookResponse) => void;
  /** ctx.redact: registers a derived secret with the redactor. */
  redact: (secret: string) => void;
  runCache: Map<string, unknown>;
  services: WorkspaceServices;
  maxOutputBytes: number;
  expressionTimeoutMs: number;
  defaultTimeoutMs: number | undefined;
  /** Results by node index; undefined while a node has not settled. */
  results: (NodeResult | undefined)[];
  /** Attempts already made by each node in earlier executions of this run (crash-resume). */
  priorAttempts: number[];
  triggerItems: Item[];
}
