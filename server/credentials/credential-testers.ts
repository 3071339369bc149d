import { outreachCredentialTesters } from '../../engine/nodes/outreach/credential-tests.ts';
import { aiProviderConfig, createChatClient } from '../../engine/ai/chat-client.ts';
import type { FetchLike } from '../../engine/node-api.ts';

/** What a tester may use: the guarded fetch (same allow-list as the HTTP node) and a deadline. */
export type CredentialTestDeps = { fetch: FetchLike; signal: AbortSignal };

export type CredentialTestResult = { ok: boolean; message: string };

/**
 * Tries a stored credential against its service. Gets the decrypted, validated fields; must
 * not put secret values in its message (the service redacts them anyway, as a second line).
 */
export type CredentialTester = (data: Record<string, string>, deps: CredentialTestDeps) => Promise<CredentialTestResult>;

/** Reads a short, safe reason from an OAuth2 error body (`error`, `error_description`). */
function oauthErrorOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    const parts = [body.error, body.error_description].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.length ? `: ${parts.join(' — ').slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

/** Requests a token with the client-credentials grant, exactly as the HTTP node does. */
const oauth2ClientCredentials: CredentialTester = async (cred, { fetch, signal }) => {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (cred.scope) form.set('scope', cred.scope);
  if (cred.audience) form.set('audience', cred.audience);
  const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
  if (cred.clientAuth === 'body') {
    form.set('client_id', cred.clientId ?? '');
    form.set('client_secret', cred.clientSecret ?? '');
  } else {
    const basic = Buffer.from(`${encodeURIComponent(cred.clientId ?? '')}:${encodeURIComponent(cred.clientSecret ?? '')}`).toString('base64');
    headers.set('authorization', `Basic ${basic}`);
  }
  const response = await fetch(cred.tokenUrl ?? '', { method: 'POST', headers, body: form.toString(), signal });
  const text = await response.text();
  if (!response.ok) return { ok: false, message: `The token endpoint answered ${response.status}${oauthErrorOf(text)}` };
  let body: { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { ok: false, message: 'The token endpoint did not answer with JSON' };
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    return { ok: false, message: 'The token endpoint answered without an access_token' };
  }
  const expires = typeof body.expires_in === 'number' ? `, valid for ${body.expires_in} s` : '';
  return { ok: true, message: `Got an access token${expires}` };
};

/**
 * Sends a one-word chat completion to the provider's default model: proves the base URL, the
 * key and the model together (listing models would not catch a wrong model name).
 */
const openAi: CredentialTester = async (cred, { fetch, signal }) => {
  const client = createChatClient(aiProviderConfig(cred), { fetch, maxAnswerBytes: 64 * 1024, timeoutMs: 10_000 });
  try {
    const answer = await client.complete({ messages: [{ role: 'user', content: 'Reply with the word ok.' }], maxTokens: 5, signal });
    return { ok: true, message: `The model ${answer.model} answered (${answer.usage.promptTokens + answer.usage.completionTokens} tokens)` };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
};

/** Testers by credential kind; a kind without one cannot be tested. Later kinds add theirs here. */
export const credentialTesters: Readonly<Record<string, CredentialTester>> = {
  oauth2ClientCredentials,
  openAi,
  ...outreachCredentialTesters,
};

export function isTestable(kind: string, testers: Readonly<Record<string, CredentialTester>> = credentialTesters): boolean {
  return Object.hasOwn(testers, kind);
}
