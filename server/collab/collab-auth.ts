import { TRPCError } from '@trpc/server';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Role } from '../../generated/prisma/enums.ts';
import { authorize, ROLE_RANK } from '../api/authorize.ts';
import type { SessionUser } from '../auth/session-cache.ts';
import { CollabRefusal } from './collab-refusal.ts';
import { verifyCollabToken } from './collab-token.ts';

/** Who is on a collab connection; set once on connect, read by every later hook. */
export type CollabConnectionContext = {
  user: SessionUser;
  role: Role;
  workflowId: string;
  readOnly: boolean;
  via: 'cookie' | 'token';
};

export type CollabAuthDeps = {
  db: PrismaClient;
  resolveUser: (headers: Headers) => Promise<SessionUser | null>;
  tokenKey: Buffer;
  /** Origins whose pages may use the session cookie on the upgrade. */
  allowedOrigins: readonly string[];
  now?: () => number;
};

/** Workflow ids are UUIDs; anything else never names a document. */
const DOCUMENT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function parseDocumentName(name: string): string {
  if (!DOCUMENT_NAME.test(name)) throw new CollabRefusal('BAD_DOCUMENT_NAME');
  return name;
}

/**
 * A browser sends its cookies on a cross-site WebSocket too, so the cookie only counts when the
 * page is ours (or the client is not a browser and sends no Origin). Tokens are not ambient and
 * need no such check.
 */
function originAllowed(headers: Headers, allowed: readonly string[]): boolean {
  const origin = headers.get('origin');
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === headers.get('host');
  } catch {
    return false;
  }
}

/**
 * Authenticates one document connection (the signed token when the client sent one, else the
 * session cookie of the upgrade request) and checks the workspace role: editors and owners
 * write, viewers read, everyone else is refused exactly as if the workflow did not exist.
 */
export async function authenticateConnection(
  deps: CollabAuthDeps,
  input: { token: string; headers: Headers; documentName: string },
): Promise<CollabConnectionContext> {
  const workflowId = parseDocumentName(input.documentName);
  let user: SessionUser | null;
  let via: CollabConnectionContext['via'];
  if (input.token) {
    const claims = verifyCollabToken(deps.tokenKey, input.token, deps.now?.() ?? Date.now());
    if (!claims || claims.wf !== workflowId) throw new CollabRefusal('UNAUTHORIZED');
    user = { id: claims.sub, name: claims.name, email: '' };
    via = 'token';
  } else {
    if (!originAllowed(input.headers, deps.allowedOrigins)) throw new CollabRefusal('ORIGIN_NOT_ALLOWED');
    user = await deps.resolveUser(input.headers).catch(() => null);
    via = 'cookie';
  }
  if (!user) throw new CollabRefusal('UNAUTHORIZED');
  try {
    const access = await authorize(deps.db, user.id, { workflowId }, 'viewer');
    const readOnly = ROLE_RANK[access.role] < ROLE_RANK.editor;
    return { user, role: access.role, workflowId, readOnly, via };
  } catch (err) {
    if (err instanceof TRPCError) throw new CollabRefusal('NOT_FOUND');
    throw err;
  }
}
