import type { FetchLike } from '../../node-api.ts';
import { smtpError } from '../send-email.ts';
import { joinUrl, parseJson } from './service-http.ts';

/**
 * "Test credential" for the outreach credential kinds. Same shape as the server's
 * CredentialTester: the decrypted fields, the guarded fetch and a deadline. Messages never
 * carry secret values (the server redacts them as well).
 */
export type OutreachCredentialTestDeps = { fetch: FetchLike; signal: AbortSignal };
export type OutreachCredentialTestResult = { ok: boolean; message: string };
export type OutreachCredentialTester = (data: Record<string, string>, deps: OutreachCredentialTestDeps) => Promise<OutreachCredentialTestResult>;

function reason(err: unknown, secret: string | undefined): string {
  const cause = (err as { cause?: { message?: string } }).cause?.message;
  const text = `${err instanceof Error ? err.message : String(err)}${cause ? ` (${cause})` : ''}`;
  return secret ? text.split(secret).join('***') : text;
}

/** GET /v2/account: free of charge, and proves the base URL and the key together. */
const hunterApi: OutreachCredentialTester = async (data, { fetch, signal }) => {
  const base = (data.baseUrl || 'https://api.hunter.io').replace(/\/+$/, '').replace(/\/v2$/, '');
  const url = joinUrl(base, '/v2/account');
  url.searchParams.set('api_key', data.apiKey ?? '');
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', headers: { accept: 'application/json' }, signal });
  } catch (err) {
    return { ok: false, message: `Could not reach Hunter at ${base}: ${reason(err, data.apiKey)}` };
  }
  const body = parseJson(await response.text()) as
    | { data?: { email?: unknown; plan_name?: unknown; requests?: { searches?: { used?: unknown; available?: unknown } } } }
    | undefined;
  if (response.status === 401) return { ok: false, message: 'Hunter refused the API key (401)' };
  if (response.status === 429 || response.status === 403) return { ok: false, message: `Hunter is limiting this key right now (${response.status}); try again later` };
  if (!response.ok || !body?.data) return { ok: false, message: `Hunter answered ${response.status}${body?.data ? '' : ' without account data'}` };
  const account = body.data;
  const who = typeof account.email === 'string' ? ` as ${account.email}` : '';
  const plan = typeof account.plan_name === 'string' ? `, ${account.plan_name} plan` : '';
  const searches = account.requests?.searches;
  const usage =
    typeof searches?.used === 'number' && typeof searches.available === 'number' ? `, ${searches.used} of ${searches.available} searches used` : '';
  return { ok: true, message: `Connected to Hunter${who}${plan}${usage}` };
};

/**
 * A person lookup of test@example.com at Clearbit's default path: any answer but 401/403 (a
 * 404 for the unknown address, say) shows the key was accepted.
 */
const enrichmentApi: OutreachCredentialTester = async (data, { fetch, signal }) => {
  let url: URL;
  try {
    url = joinUrl(data.baseUrl ?? '', '/v2/people/find?email=test%40example.com');
  } catch {
    return { ok: false, message: 'The base URL is not a valid URL' };
  }
  const headers = new Headers({ accept: 'application/json' });
  const key = data.apiKey ?? '';
  if (data.authStyle === 'header') headers.set(data.headerName || 'X-API-Key', key);
  else if (data.authStyle === 'query') url.searchParams.set(data.queryName || 'api_key', key);
  else headers.set('authorization', `Bearer ${key}`);
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', headers, signal });
  } catch (err) {
    return { ok: false, message: `Could not reach ${url.origin}: ${reason(err, key)}` };
  }
  await response.body?.cancel();
  const status = response.status;
  if (status === 401 || status === 403) return { ok: false, message: `The enrichment API refused the API key (${status})` };
  if (status === 429) return { ok: false, message: 'The enrichment API is rate limiting this key right now (429); try again later' };
  if (status >= 500) return { ok: false, message: `The enrichment API answered ${status}` };
  return { ok: true, message: `The enrichment API accepted the key (a test lookup answered ${status})` };
};

/** Connects, upgrades to TLS as configured and logs in (SMTP verify); sends nothing. */
const smtp: OutreachCredentialTester = async (data, { signal }) => {
  const server = `${data.host}:${data.port}`;
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: data.host,
    port: Number(data.port),
    secure: data.secure === 'tls',
    requireTLS: data.secure === 'starttls',
    ignoreTLS: data.secure === 'none',
    ...(data.user ? { auth: { user: data.user, pass: data.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 20_000,
    logger: false,
  });
  const onAbort = () => transport.close();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await transport.verify();
    return { ok: true, message: data.user ? `Connected to ${server} and logged in as ${data.user}` : `Connected to ${server} (no login configured)` };
  } catch (err) {
    if (signal.aborted) return { ok: false, message: `No answer from ${server} in time` };
    return { ok: false, message: reason(smtpError(err, server), data.password) };
  } finally {
    signal.removeEventListener('abort', onAbort);
    transport.close();
  }
};

export const outreachCredentialTesters = { hunterApi, enrichmentApi, smtp } satisfies Record<string, OutreachCredentialTester>;
export { enrichmentApi, hunterApi, smtp };
