import { z } from 'zod';
import { NodeError } from '../../errors.ts';
import type { NodeContext } from '../../node-api.ts';

export const HTTP_AUTH_KINDS = ['httpBasic', 'httpBearer', 'httpHeaderKey', 'httpQueryKey', 'oauth2ClientCredentials'] as const;
export type HttpAuthKind = (typeof HTTP_AUTH_KINDS)[number];

export const HttpAuthSchema = z.object({
  kind: z.enum(HTTP_AUTH_KINDS).describe('How the request authenticates'),
  credentialId: z.string().min(1).describe('Credential to use (of the chosen kind)'),
});
export type HttpAuth = z.infer<typeof HttpAuthSchema>;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Renew a little early so a token does not expire in flight. */
const EXPIRY_MARGIN_MS = 30_000;

async function fetchOAuthToken(ctx: NodeContext, cred: Record<string, string>): Promise<CachedToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (cred.scope) form.set('scope', cred.scope);
  if (cred.audience) form.set('audience', cred.audience);
  const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
  if (cred.clientAuth === 'body') {
    form.set('client_id', cred.clientId as string);
    form.set('client_secret', cred.clientSecret as string);
  } else {
    const basic = Buffer.from(`${encodeURIComponent(cred.clientId as string)}:${encodeURIComponent(cred.clientSecret as string)}`).toString('base64');
    ctx.redact(basic);
    headers.set('authorization', `Basic ${basic}`);
  }
  const response = await ctx.fetch(cred.tokenUrl as string, { method: 'POST', headers, body: form.toString(), signal: ctx.signal });
  const text = await response.text();
  if (!response.ok) {
    throw new NodeError(`OAuth2 token request failed with status ${response.status}`, {
      code: 'OAUTH2_TOKEN_FAILED',
      retryable: response.status === 429 || response.status >= 500,
      details: { status: response.status },
    });
  }
  let body: { access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new NodeError('OAuth2 token response is not JSON', { code: 'OAUTH2_TOKEN_FAILED', retryable: false });
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new NodeError('OAuth2 token response has no access_token', { code: 'OAUTH2_TOKEN_FAILED', retryable: false });
  }
  ctx.redact(body.access_token);
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
  return { token: body.access_token, expiresAt: ctx.clock.now() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000 };
}

/**
 * Access token for a client-credentials credential, cached for the run in
 * ctx.runCache (shared by every item and node of the run) until shortly before expiry.
 */
async function oauthToken(ctx: NodeContext, credentialId: string, forceRefresh: boolean): Promise<string> {
  const key = `oauth2:${credentialId}`;
  const cached = ctx.runCache.get(key) as Promise<CachedToken> | undefined;
  if (cached && !forceRefresh) {
    const token = await cached.catch(() => undefined);
    if (token && token.expiresAt - EXPIRY_MARGIN_MS > ctx.clock.now()) return token.token;
  }
  const pending = ctx.getCredential(credentialId, 'oauth2ClientCredentials').then((cred) => fetchOAuthToken(ctx, cred));
  ctx.runCache.set(key, pending);
  pending.catch(() => ctx.runCache.delete(key));
  return (await pending).token;
}

/** Adds the credential to the request: a header or a query parameter. */
export async function applyAuth(
  ctx: NodeContext,
  auth: HttpAuth,
  url: URL,
  headers: Headers,
  forceRefresh = false,
): Promise<void> {
  switch (auth.kind) {
    case 'httpBasic': {
      const cred = await ctx.getCredential(auth.credentialId, 'httpBasic');
      const basic = Buffer.from(`${cred.username}:${cred.password}`).toString('base64');
      ctx.redact(basic);
      headers.set('authorization', `Basic ${basic}`);
      return;
    }
    case 'httpBearer': {
      const cred = await ctx.getCredential(auth.credentialId, 'httpBearer');
      headers.set('authorization', `Bearer ${cred.token}`);
      return;
    }
    case 'httpHeaderKey': {
      const cred = await ctx.getCredential(auth.credentialId, 'httpHeaderKey');
      headers.set(cred.headerName as string, cred.value as string);
      return;
    }
    case 'httpQueryKey': {
      const cred = await ctx.getCredential(auth.credentialId, 'httpQueryKey');
      url.searchParams.set(cred.paramName as string, cred.value as string);
      return;
    }
    case 'oauth2ClientCredentials':
      headers.set('authorization', `Bearer ${await oauthToken(ctx, auth.credentialId, forceRefresh)}`);
      return;
  }
}
