import { secretValuesOf, validateCredential } from '../credentials.ts';
import { NodeError, NodeErrorCode } from '../errors.ts';
import type { CredentialResolver } from './options.ts';
import type { Redactor } from './redact.ts';

/**
 * ctx.getCredential for one run: resolves through the injected resolver once
 * per credential and kind, validates the fields against the kind, and registers
 * the secret values with the redactor before any node can put them into data.
 */
export function createCredentialAccess(
  resolver: CredentialResolver | undefined,
  redactor: Redactor,
): (credentialId: string, kind?: string) => Promise<Record<string, string>> {
  const cache = new Map<string, Promise<Record<string, string>>>();
  const load = async (credentialId: string, kind?: string): Promise<Record<string, string>> => {
    if (!resolver) {
      throw new NodeError(`Credential "${credentialId}" is needed but no credential resolver is configured`, {
        code: NodeErrorCode.CredentialMissing,
        retryable: false,
      });
    }
    let data: Record<string, string>;
    try {
      data = await resolver(credentialId);
    } catch (err) {
      throw new NodeError(`Credential "${credentialId}" could not be loaded: ${err instanceof Error ? err.message : String(err)}`, {
        code: (err as { code?: string }).code ?? NodeErrorCode.CredentialMissing,
        cause: err,
      });
    }
    const register = (k: string | undefined, values: Record<string, string>) => {
      for (const value of secretValuesOf(k, values)) redactor.add(value);
    };
    if (kind === undefined) {
      register(undefined, data);
      return data;
    }
    const checked = validateCredential(kind, data);
    if (!checked.ok) {
      // A malformed credential may still hold secrets: hide every value.
      register(undefined, data);
      throw new NodeError(
        `Credential "${credentialId}" is not a valid ${kind} credential: ${checked.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')}`,
        { code: NodeErrorCode.CredentialInvalid, retryable: false },
      );
    }
    register(kind, checked.data);
    return checked.data;
  };
  return (credentialId, kind) => {
    const key = `${credentialId}\u0000${kind ?? ''}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = load(credentialId, kind);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  };
}
