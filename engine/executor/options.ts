import type { Clock } from '../clock.ts';
import type { CompiledDag } from '../dag.ts';
import type { ErrorInfo } from '../errors.ts';
import type { Item } from '../items.ts';
import type { Logger } from '../logger.ts';
import type { HostResolver } from '../net/guarded-fetch.ts';
import type { WorkspaceServices } from '../workspace-services.ts';
import type { FetchLike, WebhookResponse, WorkflowInfo } from '../node-api.ts';
import type { CheckpointStore, RunStatus } from './checkpoint-store.ts';
import type { EventSink } from './events.ts';

/** Looks a credential up by id (the server decrypts it); its secret values are then redacted from run data. */
export type CredentialResolver = (credentialId: string) => Promise<Record<string, string>>;

export interface RunLimits {
  /** Node input/output above this size (JSON bytes) is stored cut down to it, with a summary. Default 4 MiB. */
  maxOutputBytes?: number;
  /** Time budget for evaluating one param's expressions. Default 1000 ms. */
  expressionTimeoutMs?: number;
}

export interface RunTrigger {
  /** Trigger node that fired; default: the first enabled trigger in topological order. */
  nodeId?: string;
  /** Origin, e.g. 'manual' | 'webhook' | 'schedule'. Default 'manual'. */
  kind?: string;
  /** Items the trigger node starts with (webhook request, schedule tick). Default `[{ json: {} }]`. */
  items?: Item[];
}

export interface ExecuteRunOptions {
  /** Identifies the run in the store and in events; calling again with the same id resumes it. */
  runId: string;
  dag: CompiledDag;
  store: CheckpointStore;
  sink?: EventSink;
  workflow?: Partial<WorkflowInfo>;
  /** Ignored when resuming: the stored trigger is used. */
  trigger?: RunTrigger;
  clock?: Clock;
  /** The real network fetch; nodes get a guarded wrapper of it. Default globalThis.fetch. */
  fetch?: FetchLike;
  /** DNS used by the private-address guard. Default node:dns lookup. */
  resolveHost?: HostResolver;
  /** Hosts / CIDRs nodes may reach although private, e.g. ['127.0.0.1', '10.0.0.0/8', '*.corp.internal']. */
  httpAllowList?: readonly string[];
  /** Source of randomness for retry jitter. Default Math.random. */
  random?: () => number;
  /** Most nodes running at once. Default 8. */
  concurrency?: number;
  credentials?: CredentialResolver;
  /** Data tables and outreach tracking of the run's workspace. */
  services?: WorkspaceServices;
  /** Called once, with the first response a Respond to Webhook node sends. */
  onRespond?: (response: WebhookResponse) => void | Promise<void>;
  limits?: RunLimits;
  /** Per-invocation timeout for nodes without settings.timeoutMs. Default none. */
  defaultTimeoutMs?: number;
  /** Aborting cancels the run: running nodes are marked cancelled and the run ends `cancelled`. */
  signal?: AbortSignal;
  logger?: Logger;
}

export interface RunOutcome {
  runId: string;
  status: Exclude<RunStatus, 'running'>;
  error?: ErrorInfo;
  /** `waiting`: when calling executeRun again can make progress. */
  resumeAt?: number;
  /** `succeeded`: the items of the last node to finish (all its outputs except `error`). */
  output?: Item[];
  response?: WebhookResponse;
}
