import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { coreNodes } from './nodes/index.ts';
import {
  defineNode,
  resolvePorts,
  type AnyNodeDefinition,
  type CredentialRequirement,
  type NodeCategory,
  type NodeDefinition,
  type PortDef,
} from './node-api.ts';

/** What the editor palette, the config forms and the copilot read about a node type. */
export interface NodeTypeDescription {
  type: string;
  version: number;
  displayName: string;
  description: string;
  docs: string;
  category: NodeCategory;
  icon: string;
  inputs: readonly PortDef[];
  outputs: readonly PortDef[];
  /** True when ports depend on params (Switch rules, Merge input count). */
  dynamicInputs: boolean;
  dynamicOutputs: boolean;
  credentials: readonly CredentialRequirement[];
  /** Top-level params taken literally, never as expressions (the Code node's source). */
  rawParams: readonly string[];
  runsPerItem: boolean;
  isTrigger: boolean;
  /** JSON Schema (input side, defaults optional) of the params. */
  paramsJsonSchema: unknown;
}

export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    readonly code: 'DUPLICATE_NODE_TYPE' | 'INVALID_NODE_MODULE',
    message: string,
  ) {
    super(message);
  }
}

export interface LoadFromFolderResult {
  loaded: { type: string; version: number; file: string }[];
  errors: { file: string; code: string; message: string }[];
}

const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.ts', '.mts']);

function looksLikeNodeDefinition(value: unknown): value is AnyNodeDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.type === 'string' &&
    typeof v.version === 'number' &&
    typeof v.run === 'function' &&
    // Duck-typed: a plugin may bring its own copy of zod.
    typeof (v.params as { safeParse?: unknown } | null)?.safeParse === 'function' &&
    (Array.isArray(v.inputs) || typeof v.inputs === 'function') &&
    (Array.isArray(v.outputs) || typeof v.outputs === 'function')
  );
}

/** Node types by type and version. The latest version of a type is what new nodes get. */
export class NodeRegistry {
  private readonly types = new Map<string, Map<number, AnyNodeDefinition>>();
  private descriptions: NodeTypeDescription[] | undefined;

  /** Adds node types; registering the same type and version twice is an error. */
  register(defs: AnyNodeDefinition | readonly AnyNodeDefinition[]): this {
    for (const def of Array.isArray(defs) ? defs : [defs as AnyNodeDefinition]) {
      let versions = this.types.get(def.type);
      if (!versions) {
        versions = new Map();
        this.types.set(def.type, versions);
      }
      if (versions.has(def.version)) {
        throw new RegistryError('DUPLICATE_NODE_TYPE', `Node type ${def.type}@${def.version} is already registered`);
      }
      versions.set(def.version, def);
    }
    this.descriptions = undefined;
    return this;
  }

  /** The exact version, or the latest one when `version` is omitted. */
  get(type: string, version?: number): AnyNodeDefinition | undefined {
    const versions = this.types.get(type);
    if (!versions) return undefined;
    if (version !== undefined) return versions.get(version);
    let latest: AnyNodeDefinition | undefined;
    for (const def of versions.values()) if (!latest || def.version > latest.version) latest = def;
    return latest;
  }

  has(type: string, version?: number): boolean {
    return this.get(type, version) !== undefined;
  }

  /** Every registered type and version, sorted by type then version, with params as JSON Schema. */
  list(): NodeTypeDescription[] {
    this.descriptions ??= [...this.types.values()]
      .flatMap((versions) => [...versions.values()])
      .sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version)
      .map(describe);
    return this.descriptions;
  }

  /**
   * Imports every module in `dir` (non-recursive; .js/.mjs/.ts/.mts, skipping
   * tests) whose default export is a node definition or an array of them.
   * Bad modules are reported, not thrown, so one broken plugin cannot stop startup.
   */
  async loadFromFolder(dir: string): Promise<LoadFromFolderResult> {
    const result: LoadFromFolderResult = { loaded: [], errors: [] };
    const entries = await readdir(dir, { withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && MODULE_EXTENSIONS.has(path.extname(e.name)) && !/\.(test|spec|d)\.[mc]?[jt]s$/.test(e.name))
      .map((e) => e.name)
      .sort();
    for (const file of files) {
      const full = path.join(dir, file);
      let mod: { default?: unknown };
      try {
        mod = (await import(pathToFileURL(full).href)) as { default?: unknown };
      } catch (err) {
        result.errors.push({ file, code: 'IMPORT_FAILED', message: err instanceof Error ? err.message : String(err) });
        continue;
      }
      const exported = mod.default;
      const candidates = Array.isArray(exported) ? exported : [exported];
      if (candidates.length === 0 || !candidates.every(looksLikeNodeDefinition)) {
        result.errors.push({
          file,
          code: 'INVALID_NODE_MODULE',
          message: 'Default export must be a node definition (see defineNode) or an array of them',
        });
        continue;
      }
      for (const candidate of candidates) {
        try {
          const def = defineNode(candidate) as AnyNodeDefinition;
          this.register(def);
          result.loaded.push({ type: def.type, version: def.version, file });
        } catch (err) {
          result.errors.push({
            file,
            code: (err as { code?: string }).code ?? 'INVALID_NODE_MODULE',
            message: err instanceof Error ? err.message : String(err),
          });
        }
      }
    }
    return result;
  }
}

function jsonSchemaOf(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return {};
  }
}

function describe(def: NodeDefinition): NodeTypeDescription {
  return {
    type: def.type,
    version: def.version,
    displayName: def.displayName,
    description: def.description,
    docs: def.docs,
    category: def.category,
    icon: def.icon,
    inputs: resolvePorts(def.inputs, {}),
    outputs: resolvePorts(def.outputs, {}),
    dynamicInputs: typeof def.inputs === 'function',
    dynamicOutputs: typeof def.outputs === 'function',
    credentials: def.credentials,
    rawParams: def.rawParams,
    runsPerItem: def.runsPerItem,
    isTrigger: def.isTrigger,
    paramsJsonSchema: jsonSchemaOf(def.params),
  };
}

/** A registry with every built-in node type (see nodes/index.ts). */
export function createDefaultRegistry(): NodeRegistry {
  return new NodeRegistry().register(coreNodes);
}
