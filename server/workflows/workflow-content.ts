import { z } from 'zod';
import { decodeDoc, definitionFromDoc, docFromDefinition, encodeDoc } from '../../collab/workflow-doc.ts';
import { parseDefinition, type WorkflowDefinition } from '../../engine/definition.ts';

export const EXPORT_FORMAT = 'flowforge.workflow';
/** Largest accepted import, as JSON text. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type WorkflowExport = {
  format: typeof EXPORT_FORMAT;
  formatVersion: 1;
  exportedAt: string;
  name: string;
  description: string;
  definition: WorkflowDefinition;
};

const toBytes = (state: Uint8Array) => new Uint8Array(state) as Uint8Array<ArrayBuffer>;

/** The Yjs state of a new, empty workflow. */
export function emptyWorkflowState(): Uint8Array<ArrayBuffer> {
  return toBytes(encodeDoc(docFromDefinition({ schemaVersion: 1, nodes: [], edges: [] })));
}

export function stateFromDefinition(definition: WorkflowDefinition, _name?: string): Uint8Array<ArrayBuffer> {
  return toBytes(encodeDoc(docFromDefinition(definition)));
}

export function buildExport(row: { name: string; description: string; ydoc: Uint8Array | null }): WorkflowExport {
  return {
    format: EXPORT_FORMAT,
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    name: row.name,
    description: row.description,
    definition: definitionFromDoc(decodeDoc(row.ydoc)),
  };
}

const Envelope = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `format must be "${EXPORT_FORMAT}"` }),
  formatVersion: z.literal(1, { error: 'formatVersion 1 is the only one this server reads' }),
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).default(''),
  definition: z.unknown(),
});

export type ImportResult =
  | { ok: true; name: string; description: string; definition: WorkflowDefinition; warnings: string[] }
  | { ok: false; errors: string[] };

/** Parses an export (object or JSON text); every problem is reported with its path. */
export function parseWorkflowImport(data: unknown): ImportResult {
  let value = data;
  if (typeof data === 'string') {
    if (data.length > MAX_IMPORT_BYTES) return { ok: false, errors: [`the file is larger than ${MAX_IMPORT_BYTES} bytes`] };
    try {
      value = JSON.parse(data);
    } catch (err) {
      return { ok: false, errors: [`not valid JSON (${(err as Error).message})`] };
    }
  }
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) {
    return { ok: false, errors: envelope.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`) };
  }
  const definition = parseDefinition(envelope.data.definition);
  if (!definition.ok) {
    return { ok: false, errors: definition.errors.map((e) => `definition.${e.path}: ${e.message}`) };
  }
  return { ok: true, name: envelope.data.name, description: envelope.data.description, definition: definition.definition, warnings: [] };
}
