import type { z } from 'zod';
import type { Clock } from './clock.ts';
import { ERROR_PORT } from './definition.ts';
import type { Item, PortItems } from './items.ts';
import type { Logger } from './logger.ts';
import type { WorkspaceServices } from './workspace-services.ts';

export const NodeCategory = {
  Trigger: 'trigger',
  Core: 'core',
  Flow: 'flow',
  Data: 'data',
  AI: 'ai',
  Integration: 'integration',
  Utility: 'utility',
} as const;
export type NodeCategory = (typeof NodeCategory)[keyof typeof NodeCategory];

export interface PortDef {
  /** Stable name used by edges (`sourceOutput` / `targetInput`). */
  name: string;
  /** What the editor shows; defaults to the name. */
  label?: string;
}

/** Static ports, or ports computed from the node's raw params (e.g. one output per Switch rule). */
export type Ports = readonly PortDef[] | ((params: Record<string, unknown>) => readonly PortDef[]);

export interface CredentialRequirement {
  kind: string;
  required: boolean;
}

/** Model usage of one node run (AI nodes): summed over items, attempts and repair calls. */
export interface NodeUsage {
  model: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Estimated from the model's list price; null when the price is unknown. */
  costUsd: number | null;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface NodeInfo {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
}

export interface TriggerInfo {
  nodeId: string;
  /** Free-form origin given by the caller: 'manual', 'webhook', 'schedule', … */
  kind: string;
}

export interface WorkflowInfo {
  id: string;
  name: string;
  versionId: string;
}

export interface RunInfo {
  id: string;
  startedAt: number;
  trigger: TriggerInfo;
  workflow: WorkflowInfo;
}

/** What a node's `run` receives. Everything that varies is injected here, never imported. */
export interface NodeContext<P = unknown> {
  /** Params after expressions were resolved (for this item when the node runs per item) and parsed by the schema. */
  params: P;
  /** The current item when the node runs per item; undefined when it gets the whole list. */
  item: Item | undefined;
  /** Index of the current item in `items` (0 when the node gets the whole list). */
  index: number;
  /** All input items, every input port concatenated in port order. */
  items: Item[];
  /** Input items per input port, for nodes with several inputs (Merge). */
  inputs: Readonly<PortItems>;
  node: NodeInfo;
  run: RunInfo;
  /** 1 for the first attempt, counting retries and re-runs after a crash. */
  attempt: number;
  /** Resolves a credential by id, validated against `kind` when given. Its secret values are redacted from run data. */
  getCredential(credentialId: string, kind?: string): Promise<Record<string, string>>;
  /** Registers a derived secret (e.g. an OAuth access token) so it is redacted like credential values. */
  redact(secret: string): void;
  /** fetch guarded against private and metadata addresses (unless allow-listed), following redirects safely. */
  fetch: FetchLike;
  clock: Clock;
  random(): number;
  /** Aborts on cancellation, timeout, or when another node stopped the run. */
  signal: AbortSignal;
  logger: Logger;
  /** In-memory cache shared by the nodes of one run (not persisted across resumes). */
  runCache: Map<string, unknown>;
  /** Sends the webhook response (Respond to Webhook). Only the first call of a run counts. */
  respond(response: WebhookResponse): void;
  /** Adds model usage (tokens, estimated cost) to this node run; stored with it and shown in the run view. */
  reportUsage(usage: NodeUsage): void;
  /** Platform services of the run's workspace (data tables, outreach tracking); see requireService. */
  services: WorkspaceServices;
  /**
   * Suspends the node until `untilMs` (epoch ms). The executor checkpoints and
   * returns `waiting`; when resumed at or after that time the node succeeds with
   * `output` (default: its input items on its first output). Never returns.
   */
  wait(untilMs: number, output?: Item[]): never;
}

/**
 * What `run` returns: an array of items goes to the node's first output;
 * an object keyed by port name routes items to several outputs (IF, Switch).
 */
export type NodeRunResult = Item[] | PortItems | void;

export interface NodeDefinitionInput<S extends z.ZodType> {
  /** Namespaced, stable id, e.g. `core.httpRequest`. */
  type: string;
  version: number;
  displayName: string;
  description: string;
  /** Markdown shown in the editor's help panel and read by the copilot. */
  docs: string;
  category: NodeCategory;
  /** A short icon name or an emoji. */
  icon: string;
  inputs: Ports;
  outputs: Ports;
  params: S;
  /** Top-level param keys that are never resolved as expressions (e.g. the Code node's source). */
  rawParams?: readonly string[];
  credentials?: readonly CredentialRequirement[];
  /** Default true: run once per input item. False: run once with the whole list. */
  runsPerItem?: boolean;
  /** When the choice is a param (per item or whole list): decides from the raw params, overriding `runsPerItem`. */
  runsPerItemFor?: (params: Record<string, unknown>) => boolean;
  isTrigger?: boolean;
  run(ctx: NodeContext<z.output<S>>): NodeRunResult | Promise<NodeRunResult>;
}

export interface NodeDefinition<S extends z.ZodType = z.ZodType> extends NodeDefinitionInput<S> {
  runsPerItem: boolean;
  isTrigger: boolean;
  rawParams: readonly string[];
  credentials: readonly CredentialRequirement[];
}

export type AnyNodeDefinition = NodeDefinition<z.ZodType>;

export class NodeDefinitionError extends Error {
  override name = 'NodeDefinitionError';
  constructor(
    readonly code: 'INVALID_NODE_DEFINITION',
    message: string,
  ) {
    super(message);
  }
}

function checkPorts(type: string, kind: string, ports: Ports): void {
  if (typeof ports === 'function') return;
  const seen = new Set<string>();
  for (const port of ports) {
    if (seen.has(port.name)) throw new NodeDefinitionError('INVALID_NODE_DEFINITION', `${type}: duplicate ${kind} port "${port.name}"`);
    seen.add(port.name);
    if (kind === 'output' && port.name === ERROR_PORT) {
      throw new NodeDefinitionError('INVALID_NODE_DEFINITION', `${type}: output port "${ERROR_PORT}" is reserved for error routing`);
    }
  }
}

/** Declares a node type. Checks the declaration and fills defaults; the result is what registries hold. */
export function defineNode<S extends z.ZodType>(def: NodeDefinitionInput<S>): NodeDefinition<S> {
  if (!/^[A-Za-z0-9_.-]+$/.test(def.type)) {
    throw new NodeDefinitionError('INVALID_NODE_DEFINITION', `Invalid node type "${def.type}"`);
  }
  if (!Number.isInteger(def.version) || def.version < 1) {
    throw new NodeDefinitionError('INVALID_NODE_DEFINITION', `${def.type}: version must be a positive integer`);
  }
  checkPorts(def.type, 'input', def.inputs);
  checkPorts(def.type, 'output', def.outputs);
  return {
    ...def,
    runsPerItem: def.runsPerItem ?? true,
    isTrigger: def.isTrigger ?? false,
    rawParams: def.rawParams ?? [],
    credentials: def.credentials ?? [],
  };
}

/** Ports of a node type for the given raw params; dynamic port functions never make callers throw. */
export function resolvePorts(ports: Ports, params: Record<string, unknown>): readonly PortDef[] {
  if (typeof ports !== 'function') return ports;
  try {
    return ports(params);
  } catch {
    try {
      return ports({});
    } catch {
      return [];
    }
  }
}
