import { validateCredential } from '../../engine/credentials.ts';
import { createGuardedFetch } from '../../engine/net/guarded-fetch.ts';
import type { FetchLike } from '../../engine/node-api.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { decryptSecret, encryptSecret } from './cipher.ts';
import { mergeForUpdate, publicView, redactSecrets } from './credential-fields.ts';
import { credentialTesters, type CredentialTestResult, type CredentialTester } from './credential-testers.ts';

export const CredentialErrorCode = {
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Invalid: 'INVALID',
  NotTestable: 'NOT_TESTABLE',
} as const;
export type CredentialErrorCode = (typeof CredentialErrorCode)[keyof typeof CredentialErrorCode];

/** An expected failure; `fields` lists what was wrong with the data (INVALID). */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  constructor(
    readonly code: CredentialErrorCode,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export type CredentialServiceDeps = {
  db: PrismaClient;
  /** AES-256-GCM key; the workspace id is the associated data, as the run engine expects. */
  encryptionKey: Buffer;
  /** Hosts/CIDRs testers may reach although private: the HTTP node's allow-list. */
  httpAllowList?: readonly string[];
  fetch?: FetchLike;
  testers?: Readonly<Record<string, CredentialTester>>;
  testTimeoutMs?: number;
};

export type CredentialSummary = { id: string; name: string; kind: string; createdAt: Date; updatedAt: Date };
export type CredentialDetail = { id: string; name: string; kind: string; fields: Record<string, string>; secretsSet: string[] };

const summarySelect = { id: true, name: true, kind: true, createdAt: true, updatedAt: true } as const;

function validated(kind: string, data: unknown): Record<string, string> {
  const result = validateCredential(kind, data);
  if (result.ok) return result.data;
  const fields = result.errors.map((e) => ({
    field: e.code === 'UNKNOWN_CREDENTIAL_KIND' ? 'kind' : e.field || '',
    message: e.message,
  }));
  throw new CredentialError('INVALID', `Invalid credential: ${fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ')}`, fields);
}

/** fetch says only "fetch failed"; the reason (refused, DNS, TLS) is in its cause. */
function failureMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : '';
  return err.message === 'fetch failed' && cause ? `Could not connect: ${cause}` : err.message;
}

const nameTaken = (name: string) => new CredentialError('CONFLICT', `A credential named "${name}" already exists in this workspace`);

/**
 * Workspace credentials at rest: encrypted as one JSON blob, bound to their workspace. Nothing
 * here returns or logs a secret value: reads give non-secret fields and the names of set secrets.
 * Access checks are the caller's job; every method is scoped to the workspace it is given.
 */
export function createCredentialService(deps: CredentialServiceDeps) {
  const { db, encryptionKey: key } = deps;
  const testers = deps.testers ?? credentialTesters;
  const fetch = createGuardedFetch(deps.fetch ?? (globalThis.fetch as FetchLike), { allowList: deps.httpAllowList ?? [] });
  const timeoutMs = deps.testTimeoutMs ?? 10_000;

  async function load(workspaceId: string, credentialId: string) {
    const row = await db.credential.findFirst({ where: { id: credentialId, workspaceId } });
    if (!row) throw new CredentialError('NOT_FOUND', 'Credential not found');
    return { ...row, data: JSON.parse(decryptSecret(key, row.encrypted, workspaceId)) as Record<string, string> };
  }

  async function uniqueWrite<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if ((err as { code?: unknown }).code === 'P2002') throw nameTaken(name);
      throw err;
    }
  }

  return {
    /** Sorted by name (in code, so every database orders alike). */
    async list(workspaceId: string, kind?: string): Promise<CredentialSummary[]> {
      const rows = await db.credential.findMany({ where: { workspaceId, ...(kind ? { kind } : {}) }, select: summarySelect });
      return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    },

    async get(workspaceId: string, credentialId: string): Promise<CredentialDetail> {
      const row = await load(workspaceId, credentialId);
      return { id: row.id, name: row.name, kind: row.kind, ...publicView(row.kind, row.data) };
    },

    async create(workspaceId: string, userId: string | null, input: { name: string; kind: string; data: Record<string, string> }): Promise<{ id: string }> {
      const data = validated(input.kind, input.data);
      return uniqueWrite(input.name, () =>
        db.credential.create({
          data: { workspaceId, name: input.name, kind: input.kind, encrypted: encryptSecret(key, JSON.stringify(data), workspaceId), createdById: userId },
          select: { id: true },
        }),
      );
    },

    /** `data` replaces non-secret fields; a secret absent or '' keeps its stored value. */
    async update(workspaceId: string, credentialId: string, input: { name?: string; data?: Record<string, string> }): Promise<CredentialDetail> {
      const row = await load(workspaceId, credentialId);
      const data = input.data ? validated(row.kind, mergeForUpdate(row.kind, row.data, input.data)) : row.data;
      const name = input.name ?? row.name;
      await uniqueWrite(name, () =>
        db.credential.update({
          where: { id: row.id },
          data: { name, ...(input.data ? { encrypted: encryptSecret(key, JSON.stringify(data), workspaceId) } : {}) },
          select: { id: true },
        }),
      );
      return { id: row.id, name, kind: row.kind, ...publicView(row.kind, data) };
    },

    async delete(workspaceId: string, credentialId: string): Promise<{ id: string }> {
      const { count } = await db.credential.deleteMany({ where: { id: credentialId, workspaceId } });
      if (count === 0) throw new CredentialError('NOT_FOUND', 'Credential not found');
      return { id: credentialId };
    },

    /** Tries the credential against its service; a failure is an answer (`ok: false`), not an error. */
    async test(workspaceId: string, credentialId: string): Promise<CredentialTestResult> {
      const row = await load(workspaceId, credentialId);
      const tester = Object.hasOwn(testers, row.kind) ? testers[row.kind] : undefined;
      if (!tester) throw new CredentialError('NOT_TESTABLE', `Credentials of kind "${row.kind}" cannot be tested`);
      const check = validateCredential(row.kind, row.data);
      if (!check.ok) return { ok: false, message: `The stored credential is incomplete: ${check.errors.map((e) => e.message).join('; ')}` };
      const signal = AbortSignal.timeout(timeoutMs);
      let result: CredentialTestResult;
      try {
        result = await tester(check.data, { fetch, signal });
      } catch (err) {
        result = signal.aborted
          ? { ok: false, message: `No answer within ${Math.round(timeoutMs / 1000)} s` }
          : { ok: false, message: failureMessage(err) };
      }
      return { ok: result.ok, message: redactSecrets(row.kind, check.data, result.message) };
    },
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;
