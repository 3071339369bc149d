import { z } from 'zod';

/**
 * Presence of one editor, shared through Yjs awareness (never the document): who they are,
 * where their pointer is, what they selected and edit, and whom or what they follow.
 * Cleared by the server when their connection closes.
 */
const Id = z.string().min(1).max(200);
const Finite = z.number().finite();

/** A point in flow coordinates (the canvas' own space, independent of anyone's zoom). */
export const FlowPointSchema = z.object({ x: Finite, y: Finite });

export const AwarenessUserSchema = z.object({
  id: Id,
  name: z.string().max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});

export const ViewportSchema = z.object({ x: Finite, y: Finite, zoom: z.number().positive().max(100) });

export const EditingSchema = z.object({ nodeId: Id, param: z.string().min(1).max(200) });

export const FollowingSchema = z.discriminatedUnion('kind', [
  /** Mirror another user's viewport. */
  z.object({ kind: z.literal('user'), userId: Id }),
  /** Watch a stored run's replay at an event sequence number. */
  z.object({ kind: z.literal('replay'), executionId: Id, seq: z.number().int().min(0) }),
]);

export const MAX_SELECTION = 1000;

export const AwarenessStateSchema = z.object({
  user: AwarenessUserSchema,
  cursor: FlowPointSchema.nullable().default(null),
  /** Published so others can follow this user's view. */
  viewport: ViewportSchema.nullable().default(null),
  selection: z.array(Id).max(MAX_SELECTION).default([]),
  editing: EditingSchema.nullable().default(null),
  following: FollowingSchema.nullable().default(null),
});

export type AwarenessUser = z.infer<typeof AwarenessUserSchema>;
export type AwarenessState = z.infer<typeof AwarenessStateSchema>;
export type Following = z.infer<typeof FollowingSchema>;
export type FlowPoint = z.infer<typeof FlowPointSchema>;

const PALETTE = ['#e5484d', '#f76b15', '#ffc53d', '#46a758', '#12a594', '#0090ff', '#3e63dd', '#8e4ec6', '#d6409f', '#ad7f58'] as const;

/** A stable colour per user, so everyone sees the same person in the same colour. */
export function colorForUser(userId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 16777619);
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
}

/**
 * Keeps what is valid of a state sent by a client, field by field (one bad field does not blank
 * the rest), and stamps the identity the server authenticated: nobody can pose as someone else.
 */
export function sanitizeAwareness(raw: unknown, user: { id: string; name: string }): AwarenessState {
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const field = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  return {
    user: { id: user.id, name: user.name.slice(0, 200), color: colorForUser(user.id) },
    cursor: field(FlowPointSchema.nullable(), source.cursor, null),
    viewport: field(ViewportSchema.nullable(), source.viewport, null),
    selection: field(z.array(Id).max(MAX_SELECTION), source.selection, []),
    editing: field(EditingSchema.nullable(), source.editing, null),
    following: field(FollowingSchema.nullable(), source.following, null),
  };
}

/** The peers' states that parse, keyed by Yjs client id (for rendering cursors and badges). */
export function readPeers(states: Map<number, Record<string, unknown>>, selfClientId?: number): Map<number, AwarenessState> {
  const out = new Map<number, AwarenessState>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const parsed = AwarenessStateSchema.safeParse(state);
    if (parsed.success) out.set(clientId, parsed.data);
  }
  return out;
}
