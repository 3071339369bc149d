import { z } from 'zod';
import { NodeError } from '../errors.ts';
import { getPath, type JsonObject } from '../items.ts';
import { defineNode, type NodeContext } from '../node-api.ts';
import { normalizeDomain } from './hunter.ts';
import { fetchService, joinUrl, parseJson, statusError, type ServiceCall } from './outreach/service-http.ts';

export const ENRICHMENT_CREDENTIAL_KIND = 'enrichmentApi';
const CALL: ServiceCall = { service: 'The enrichment API', codePrefix: 'ENRICH' };

export const EnrichMapping = z.object({
  field: z.string().min(1).describe('Output field, e.g. jobTitle'),
  path: z.string().min(1).describe('Dotted path in the answer, e.g. employment.title'),
});

export const EnrichParams = z.object({
  credentialId: z.string().min(1).describe('Enrichment API credential (base URL, key, how the key is sent)'),
  lookup: z.enum(['person', 'company']).default('person').describe('person: look a person up by email; company: a company by domain'),
  email: z.string().default('').describe('person: email address to look up, e.g. {{ $json.email }}'),
  domain: z.string().default('').describe('company: company domain (a URL is reduced to its host), e.g. {{ $json.domain }}'),
  personPath: z
    .string()
    .min(1)
    .default('/v2/people/find?email={email}')
    .describe('person: path (or full URL) of the person lookup; {email} is replaced, URL-encoded'),
  companyPath: z
    .string()
    .min(1)
    .default('/v2/companies/find?domain={domain}')
    .describe('company: path (or full URL) of the company lookup; {domain} is replaced, URL-encoded'),
  mapping: z.array(EnrichMapping).default([]).describe('Output fields read from the answer by dotted path (null when absent)'),
  outputField: z.string().default('enrichment').describe('Field that receives the whole answer (empty: not kept)'),
  keepInput: z.boolean().default(true).describe('Keep the input item\'s fields next to the lookup\'s'),
});
type EnrichParams = z.output<typeof EnrichParams>;

/** Fills `{email}` / `{domain}` in a path template; any other placeholder is a mistake worth naming. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z_][\w]*)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new NodeError(`Unknown placeholder ${whole} in the lookup path; use ${Object.keys(values).map((k) => `{${k}}`).join(' or ')}`, {
        code: 'ENRICH_BAD_PATH',
        retryable: false,
      });
    }
    return encodeURIComponent(value);
  });
}

function authorize(cred: Record<string, string>, url: URL, headers: Headers): void {
  const key = cred.apiKey ?? '';
  switch (cred.authStyle) {
    case 'header':
      headers.set(cred.headerName || 'X-API-Key', key);
      return;
    case 'query':
      url.searchParams.set(cred.queryName || 'api_key', key);
      return;
    default:
      headers.set('authorization', `Bearer ${key}`);
  }
}

/** The lookup's answer, or undefined when the API does not know the person/company (404). */
async function lookUp(ctx: NodeContext<EnrichParams>): Promise<JsonObject | undefined> {
  const p = ctx.params;
  const cred = await ctx.getCredential(p.credentialId, ENRICHMENT_CREDENTIAL_KIND);
  if (cred.apiKey) ctx.redact(cred.apiKey);
  let path: string;
  if (p.lookup === 'person') {
    const email = p.email.trim();
    if (email === '') throw new NodeError('A person lookup needs an email address', { code: 'ENRICH_MISSING_PARAM', field: 'params.email', retryable: false });
    path = fillPath(p.personPath, { email });
  } else {
    const domain = normalizeDomain(p.domain);
    if (domain === '') throw new NodeError('A company lookup needs a domain', { code: 'ENRICH_MISSING_PARAM', field: 'params.domain', retryable: false });
    path = fillPath(p.companyPath, { domain });
  }
  const url = joinUrl(cred.baseUrl ?? '', path);
  const headers = new Headers({ accept: 'application/json' });
  authorize(cred, url, headers);
  const response = await fetchService(ctx.fetch, url, { method: 'GET', headers, signal: ctx.signal }, CALL);
  const text = await response.text();
  const now = ctx.clock.now();
  const status = response.status;
  if (status === 404) return undefined;
  if (status === 401 || status === 403) {
    throw statusError(CALL, response, now, { code: 'ENRICH_UNAUTHORIZED', message: `The enrichment API refused the API key (${status})`, retryable: false });
  }
  if (status === 202) {
    // Clearbit-style: the lookup was queued; asking again later gives the answer.
    throw statusError(CALL, response, now, { code: 'ENRICH_PENDING', message: 'The enrichment API is still looking this up (202); try again shortly', retryable: true });
  }
  if (!response.ok) throw statusError(CALL, response, now, { message: `The enrichment API answered ${status} ${response.statusText}`.trim(), body: text });
  const body = parseJson(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new NodeError('The enrichment API did not answer with a JSON object', { code: 'ENRICH_INVALID_RESPONSE', retryable: false, details: { status } });
  }
  return body as JsonObject;
}

export const enrich = defineNode({
  type: 'outreach.enrich',
  version: 1,
  displayName: 'Enrich Person / Company',
  description: 'Looks up a person (by email) or a company (by domain) in a Clearbit-style enrichment API.',
  docs: [
    'One GET per item to the **enrichmentApi** credential\'s base URL plus **personPath** (person lookup) or **companyPath**',
    '(company lookup). The defaults are Clearbit\'s: `/v2/people/find?email={email}` and `/v2/companies/find?domain={domain}`;',
    'a path may also be a full URL (Clearbit serves companies from another host). The key is sent as a bearer token, a',
    'header or a query parameter, per the credential.',
    'Output: the input item (with **keepInput**) plus `found: true`, one field per **mapping** entry (a dotted path into the',
    'answer, e.g. `employment.title`, `timeZone`, `geo.country`, `metrics.employees`; null when absent) and the whole',
    'answer under **outputField** (default `enrichment`).',
    'Unknown person/company (404) is not an error: `found: false`, mapped fields null. Errors: `ENRICH_UNAUTHORIZED`',
    '(401/403, not retried), `ENRICH_PENDING` (202, queued lookup; retryable), `ENRICH_HTTP_STATUS` (429 and 5xx retryable,',
    'Retry-After honoured), `ENRICH_INVALID_RESPONSE` (not JSON), `ENRICH_MISSING_PARAM`.',
    'Tip: Clearbit\'s `timeZone` feeds the send window node: `{{ $json.enrichment.timeZone }}`.',
  ].join('\n'),
  category: 'integration',
  icon: '🔎',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: EnrichParams,
  credentials: [{ kind: ENRICHMENT_CREDENTIAL_KIND, required: true }],
  async run(ctx) {
    const p = ctx.params;
    const answer = await lookUp(ctx);
    const out: JsonObject = p.keepInput ? { ...(ctx.item?.json ?? {}) } : {};
    out.found = answer !== undefined;
    for (const m of p.mapping) {
      const value = answer === undefined ? undefined : getPath(answer, m.path);
      out[m.field] = value === undefined ? null : value;
    }
    if (p.outputField.trim() !== '') out[p.outputField.trim()] = answer ?? null;
    return [{ json: out }];
  },
});
