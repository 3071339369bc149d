import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, UPGRADERS } from './definition-upgrades.ts';

export { CURRENT_SCHEMA_VERSION } from './definition-upgrades.ts';

export const OnErrorMode = { Stop: 'stop', Continue: 'continue', ErrorOutput: 'error-output' } as const;
export type OnErrorMode = (typeof OnErrorMode)[keyof typeof OnErrorMode];

/** Port every node gets when `settings.onError` is `error-output`. */
export const ERROR_PORT = 'error';
export const MAIN_PORT = 'main';

export const BackoffSchema = z.object({
  kind: z.enum(['exponential', 'fixed']).default('exponential').describe('How the delay grows between retries'),
  baseMs: z.number().int().min(0).max(3_600_000).default(1000).describe('Delay before the first retry'),
  maxMs: z.number().int().min(0).max(86_400_000).default(60_000).describe('Upper bound of any single delay'),
});

export const NodeSettingsSchema = z.object({
  retries: z.number().int().min(0).max(10).default(0).describe('Extra attempts after a failure'),
  backoff: BackoffSchema.prefault({}),
  timeoutMs: z
    .number()
    .int()
    .positive()
    .max(86_400_000)
    .optional()
    .describe('Upper bound for each invocation of the node (once per item for per-item nodes)'),
  onError: z.enum(['stop', 'continue', 'error-output']).default('stop').describe('What a failure does to the run'),
  disabled: z.boolean().default(false).describe('Disabled nodes pass their input through unchanged'),
});

export const PositionSchema = z.object({ x: z.number(), y: z.number() });

export const WorkflowNodeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  typeVersion: z.number().int().min(1).default(1),
  name: z.string().min(1).max(200),
  position: PositionSchema.default({ x: 0, y: 0 }),
  params: z.record(z.string(), z.unknown()).default({}),
  settings: NodeSettingsSchema.prefault({}),
});

export const WorkflowEdgeSchema = z.object({
  id: z.string().min(1).max(400),
  source: z.string().min(1),
  sourceOutput: z.string().min(1).default(MAIN_PORT),
  target: z.string().min(1),
  targetInput: z.string().min(1).default(MAIN_PORT),
});

export const WorkflowDefinitionSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: z.string().optional(),
  name: z.string().optional(),
  nodes: z.array(WorkflowNodeSchema),
  edges: z.array(WorkflowEdgeSchema).default([]),
});

export type WorkflowDefinition = z.infer<typeof WorkflowDefinitionSchema>;
/** What a caller may write: everything with a default is optional. */
export type WorkflowDefinitionInput = z.input<typeof WorkflowDefinitionSchema>;
export type WorkflowNode = z.infer<typeof WorkflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof WorkflowEdgeSchema>;
export type NodeSettings = z.infer<typeof NodeSettingsSchema>;
export type Backoff = z.infer<typeof BackoffSchema>;

export const DefinitionErrorCode = {
  InvalidDefinition: 'INVALID_DEFINITION',
  UnsupportedSchemaVersion: 'UNSUPPORTED_SCHEMA_VERSION',
  DuplicateNodeId: 'DUPLICATE_NODE_ID',
  DuplicateNodeName: 'DUPLICATE_NODE_NAME',
} as const;
export type DefinitionErrorCode = (typeof DefinitionErrorCode)[keyof typeof DefinitionErrorCode];

export interface DefinitionError {
  code: DefinitionErrorCode;
  message: string;
  /** Dotted path into the document, e.g. `nodes.2.settings.retries`. */
  path: string;
  nodeId?: string;
}

export type ParseDefinitionResult =
  | { ok: true; definition: WorkflowDefinition; upgradedFrom?: number }
  | { ok: false; errors: DefinitionError[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Brings an older export up to the current schema version. Unknown shapes pass through untouched for the schema to reject. */
export function upgradeDefinition(
  input: unknown,
): { ok: true; doc: unknown; from: number } | { ok: false; error: DefinitionError } {
  if (!isRecord(input)) return { ok: true, doc: input, from: CURRENT_SCHEMA_VERSION };
  const raw = input.schemaVersion;
  const from = raw === undefined ? 0 : raw;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    return {
      ok: false,
      error: { code: 'INVALID_DEFINITION', message: 'schemaVersion must be a non-negative integer', path: 'schemaVersion' },
    };
  }
  if (from > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      error: {
        code: 'UNSUPPORTED_SCHEMA_VERSION',
        message: `schemaVersion ${from} is newer than this engine supports (${CURRENT_SCHEMA_VERSION})`,
        path: 'schemaVersion',
      },
    };
  }
  let doc: Record<string, unknown> = input;
  for (let v = from; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = UPGRADERS[v];
    if (!step) {
      return {
        ok: false,
        error: { code: 'UNSUPPORTED_SCHEMA_VERSION', message: `No upgrader from schemaVersion ${v}`, path: 'schemaVersion' },
      };
    }
    try {
      doc = step(doc);
    } catch (err) {
      return {
        ok: false,
        error: {
          code: 'INVALID_DEFINITION',
          message: `Could not upgrade from schemaVersion ${v}: ${err instanceof Error ? err.message : String(err)}`,
          path: '',
        },
      };
    }
  }
  return { ok: true, doc, from };
}

function nodeIdAt(doc: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number' || !isRecord(doc) || !Array.isArray(doc.nodes)) return undefined;
  const node: unknown = doc.nodes[path[1]];
  return isRecord(node) && typeof node.id === 'string' ? node.id : undefined;
}

/**
 * Structural validation only (after upgrading): the schema with defaults applied.
 * Duplicate ids/names are reported separately by findDuplicateNodes so the
 * compiler can keep analysing a document that only has duplicates.
 */
export function parseDefinitionStructure(
  input: unknown,
): { ok: true; definition: WorkflowDefinition; upgradedFrom?: number } | { ok: false; errors: DefinitionError[] } {
  const upgraded = upgradeDefinition(input);
  if (!upgraded.ok) return { ok: false, errors: [upgraded.error] };
  const result = WorkflowDefinitionSchema.safeParse(upgraded.doc);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => {
        const error: DefinitionError = {
          code: 'INVALID_DEFINITION',
          message: issue.message,
          path: issue.path.map(String).join('.'),
        };
        const nodeId = nodeIdAt(upgraded.doc, issue.path);
        if (nodeId !== undefined) error.nodeId = nodeId;
        return error;
      }),
    };
  }
  return upgraded.from === CURRENT_SCHEMA_VERSION
    ? { ok: true, definition: result.data }
    : { ok: true, definition: result.data, upgradedFrom: upgraded.from };
}

/** Every node id or name used more than once; the first occurrence is the one that counts. */
export function findDuplicateNodes(definition: WorkflowDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  definition.nodes.forEach((node, index) => {
    if (ids.has(node.id)) {
      errors.push({
        code: 'DUPLICATE_NODE_ID',
        message: `Node id "${node.id}" is used more than once`,
        path: `nodes.${index}.id`,
        nodeId: node.id,
      });
    } else ids.add(node.id);
    if (names.has(node.name)) {
      errors.push({
        code: 'DUPLICATE_NODE_NAME',
        message: `Node name "${node.name}" is used more than once; names must be unique because expressions refer to them`,
        path: `nodes.${index}.name`,
        nodeId: node.id,
      });
    } else names.add(node.name);
  });
  return errors;
}

/**
 * Validates any input (a stored version, an import, an API payload) as a
 * workflow definition, upgrading older schema versions first. Never throws.
 */
export function parseDefinition(input: unknown): ParseDefinitionResult {
  const structure = parseDefinitionStructure(input);
  if (!structure.ok) return structure;
  const duplicates = findDuplicateNodes(structure.definition);
  if (duplicates.length > 0) return { ok: false, errors: duplicates };
  return structure;
}
