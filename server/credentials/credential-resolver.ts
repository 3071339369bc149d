import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { CredentialResolver } from '../../engine/executor/options.ts';
import { decryptSecret } from './cipher.ts';

export class CredentialNotFoundError extends Error {
  override readonly name = 'CredentialNotFoundError';
  readonly code = 'CREDENTIAL_NOT_FOUND';
}

/** Decrypts credentials of one workspace for the engine; the engine redacts their values from run data. */
export function createCredentialResolver(db: PrismaClient, key: Buffer, workspaceId: string): CredentialResolver {
  return async (credentialId: string) => {
    const row = await db.credential.findFirst({ where: { id: credentialId, workspaceId }, select: { encrypted: true } });
    if (!row) throw new CredentialNotFoundError(`Credential ${credentialId} does not exist in this workspace`);
    return JSON.parse(decryptSecret(key, row.encrypted, workspaceId)) as Record<string, string>;
  };
}
