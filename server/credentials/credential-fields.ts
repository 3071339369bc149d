import { getCredentialKind, secretValuesOf } from '../../engine/credentials.ts';

/** Secret field names of a kind; every field counts as secret when the kind is unknown (fail closed). */
export function secretFieldsOf(kind: string, data: Record<string, string>): ReadonlySet<string> {
  const def = getCredentialKind(kind);
  return new Set(def ? def.secretFields : Object.keys(data));
}

/** What the edit form may see: non-secret values, and which secrets are set (never their values). */
export function publicView(kind: string, data: Record<string, string>): { fields: Record<string, string>; secretsSet: string[] } {
  const secrets = secretFieldsOf(kind, data);
  const fields: Record<string, string> = {};
  const secretsSet: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    if (secrets.has(name)) {
      if (typeof value === 'string' && value !== '') secretsSet.push(name);
    } else fields[name] = value;
  }
  return { fields, secretsSet: secretsSet.sort() };
}

/**
 * The fields an update stores before validation: non-secret fields come from `patch` (it
 * replaces them), a secret field absent or empty in `patch` keeps its stored value — the form
 * never holds secrets, so "left blank" means "unchanged".
 */
export function mergeForUpdate(kind: string, stored: Record<string, string>, patch: Record<string, string>): Record<string, string> {
  const secrets = secretFieldsOf(kind, stored);
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(patch)) {
    if (!secrets.has(name) || value !== '') merged[name] = value;
  }
  for (const name of secrets) {
    if (merged[name] === undefined && stored[name] !== undefined) merged[name] = stored[name];
  }
  return merged;
}

/** Replaces every secret value of the credential in `text` (for messages built from remote answers). */
export function redactSecrets(kind: string, data: Record<string, string>, text: string): string {
  let out = text;
  for (const value of secretValuesOf(getCredentialKind(kind) ? kind : undefined, data).sort((a, b) => b.length - a.length)) {
    out = out.split(value).join('•••');
  }
  return out;
}
