/**
 * Public surface of the engine. Everything outside engine/ imports from here
 * (tests helpers from engine/testing/index.ts); internal modules may change.
 */
export {
  WorkflowDefinitionSchema,
  WorkflowNodeSchema,
  WorkflowEdgeSchema,
  NodeSettingsSchema,
  BackoffSchema,
  PositionSchema,
  CURRENT_SCHEMA_VERSION,
  ERROR_PORT,
  MAIN_PORT,
  OnErrorMode,
  DefinitionErrorCode,
  parseDefinition,
  upgradeDefinition,
  findDuplicateNodes,
  type WorkflowDefinition,
  type WorkflowDefinitionInput,
  type WorkflowNode,
  type WorkflowEdge,
  type NodeSettings,
  type Backoff,
  type DefinitionError,
  type ParseDefinitionResult,
} from './definition.ts';
export { UPGRADERS } from './definition-upgrades.ts';
export { compile, CompileErrorCode, type CompileError, type CompileOptions, type CompileResult } from './compile.ts';
export type { CompiledDag, DagNode, DagWire } from './dag.ts';
export {
  defineNode,
  resolvePorts,
  NodeCategory,
  NodeDefinitionError,
  type NodeDefinition,
  type NodeDefinitionInput,
  type AnyNodeDefinition,
  type NodeContext,
  type NodeRunResult,
  type PortDef,
  type Ports,
  type CredentialRequirement,
  type FetchLike,
  type WebhookResponse,
  type NodeInfo,
  type RunInfo,
  type TriggerInfo,
  type WorkflowInfo,
} from './node-api.ts';
export { NodeRegistry, RegistryError, createDefaultRegistry, type NodeTypeDescription, type LoadFromFolderResult } from './registry.ts';
export {
  credentialKinds,
  getCredentialKind,
  listCredentialKinds,
  validateCredential,
  secretValuesOf,
  type CredentialKind,
  type CredentialKindName,
  type CredentialValidation,
} from './credentials.ts';
export { toItems, isItem, isJsonObject, getPath, type Item, type JsonObject, type PortItems } from './items.ts';
export { NodeError, NodeErrorCode, EngineError, toErrorInfo, type ErrorInfo, type NodeErrorOptions } from './errors.ts';
export { systemClock, type Clock } from './clock.ts';
export { silentLogger, type Logger, type LogFields } from './logger.ts';
export * from './executor/index.ts';
export { createGuardedFetch, assertReachable, defaultResolver, NetworkErrorCode, type HostResolver, type NetworkPolicy } from './net/guarded-fetch.ts';
export { AllowList, isBlockedAddress } from './net/ip-policy.ts';
export { coreNodes, CoreNodeType } from './nodes/index.ts';
export { nextFireTimes, cronError, isValidTimeZone, ScheduleTriggerParams } from './nodes/schedule-trigger.ts';
export { verifyWebhookSignature, webhookItem, WebhookTriggerParams, WebhookHmacSchema, WEBHOOK_METHODS } from './nodes/webhook-trigger.ts';
export { hasExpression, renderTemplate, resolveParams, ExpressionError } from './expressions/index.ts';
