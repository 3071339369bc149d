import { z } from 'zod';
import { ProposalSchema } from '../../collab/copilot/proposal.ts';
import type { NodeTypeDescription } from '../../engine/registry.ts';

/**
 * The structured-output schema the model answers with: the proposal shape, where each new node
 * is one of the registry's types with that type's own params schema. Built from the registry,
 * so a plugin node is proposable the moment it is registered.
 */
export function proposalJsonSchema(types: readonly NodeTypeDescription[]): Record<string, unknown> {
  const base = z.toJSONSchema(ProposalSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const latest = latestVersions(types);
  const properties = base.properties as Record<string, Record<string, unknown>>;
  const addNodes = properties.addNodes!;
  addNodes.items = {
    anyOf: latest.map((t) => ({
      type: 'object',
      description: `${t.displayName}: ${t.description}`,
      properties: {
        ref: { type: 'string', description: 'Short unique reference for this new node, used by edges' },
        type: { const: t.type },
        name: { type: 'string' },
        params: stripMeta(t.paramsJsonSchema),
      },
      required: ['ref', 'type', 'name', 'params'],
    })),
  };
  return base;
}

export function latestVersions(types: readonly NodeTypeDescription[]): NodeTypeDescription[] {
  const byType = new Map<string, NodeTypeDescription>();
  for (const t of types) {
    const seen = byType.get(t.type);
    if (!seen || t.version > seen.version) byType.set(t.type, t);
  }
  return [...byType.values()];
}

/** `$schema` inside nested schemas confuses some providers' validators. */
function stripMeta(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object') return { type: 'object' };
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return rest;
}
