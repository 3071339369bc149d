import { z } from 'zod';
import { NodeError } from '../errors.ts';
import { isJsonObject, type Item, type JsonObject } from '../items.ts';
import { defineNode, type NodeContext } from '../node-api.ts';
import { fetchService, joinUrl, parseJson, statusError, type ServiceCall } from './outreach/service-http.ts';

export const HUNTER_CREDENTIAL_KIND = 'hunterApi';
const CALL: ServiceCall = { service: 'Hunter', codePrefix: 'HUNTER' };

const DEPARTMENTS = [
  'executive',
  'it',
  'finance',
  'management',
  'sales',
  'legal',
  'support',
  'hr',
  'marketing',
  'communication',
  'education',
  'design',
  'health',
  'operations',
] as const;

export const HunterParams = z.object({
  credentialId: z.string().min(1).describe('Hunter.io credential (API key)'),
  operation: z
    .enum(['domainSearch', 'emailFinder', 'emailVerifier'])
    .default('domainSearch')
    .describe('domainSearch: the addresses known at a domain; emailFinder: one person\'s address; emailVerifier: check an address'),
  domain: z.string().default('').describe('Company domain, e.g. acme.io (domain search, email finder); a URL is reduced to its host'),
  company: z.string().default('').describe('Company name, used when there is no domain (domain search, email finder)'),
  limit: z.number().int().min(1).max(100).default(10).describe('domainSearch: most addresses to return'),
  emailType: z.enum(['any', 'personal', 'generic']).default('any').describe('domainSearch: personal (people) or generic (info@…) addresses only'),
  seniority: z.array(z.enum(['junior', 'senior', 'executive'])).default([]).describe('domainSearch: only people of these seniorities'),
  department: z.array(z.enum(DEPARTMENTS)).default([]).describe('domainSearch: only people in these departments'),
  split: z.boolean().default(true).describe('domainSearch: one output item per address (off: one item with an emails list)'),
  firstName: z.string().default('').describe('emailFinder: first name of the person'),
  lastName: z.string().default('').describe('emailFinder: last name of the person'),
  fullName: z.string().default('').describe('emailFinder: full name, when first and last name are not separate'),
  email: z.string().default('').describe('emailVerifier: the address to verify, e.g. {{ $json.email }}'),
  acceptRisky: z.boolean().default(false).describe('emailVerifier: count accept_all and unknown results as deliverable'),
  keepInput: z.boolean().default(true).describe('Keep the input item\'s fields next to Hunter\'s'),
});
type HunterParams = z.output<typeof HunterParams>;

/** "https://www.acme.io/about" → "acme.io": users map whatever link they have. */
export function normalizeDomain(value: string): string {
  let text = value.trim().toLowerCase();
  if (text === '') return '';
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text}`;
  try {
    return new URL(text).hostname.replace(/^www\./, '');
  } catch {
    return value.trim();
  }
}

function missing(message: string, field: string): NodeError {
  return new NodeError(message, { code: 'HUNTER_MISSING_PARAM', field: `params.${field}`, retryable: false });
}

function apiBase(baseUrl: string): string {
  // Accept a base URL given with the version, as Hunter's docs print it.
  return baseUrl.replace(/\/+$/, '').replace(/\/v2$/, '');
}

/** Hunter's own words for an error: `errors[0].details`. */
function hunterDetails(body: unknown): string | undefined {
  if (!isJsonObject(body) || !Array.isArray(body.errors)) return undefined;
  const first: unknown = body.errors[0];
  return isJsonObject(first) && typeof first.details === 'string' ? first.details : undefined;
}

type HunterAnswer = { kind: 'ok'; data: JsonObject; meta: JsonObject } | { kind: 'notFound'; status: number; details: string | undefined };

/** GET one Hunter endpoint; maps its statuses to errors the executor can retry (or not). */
async function callHunter(ctx: NodeContext<HunterParams>, path: string, query: Record<string, string>): Promise<HunterAnswer> {
  const cred = await ctx.getCredential(ctx.params.credentialId, HUNTER_CREDENTIAL_KIND);
  const apiKey = cred.apiKey ?? '';
  ctx.redact(apiKey);
  const url = joinUrl(apiBase(cred.baseUrl || 'https://api.hunter.io'), path);
  for (const [name, value] of Object.entries(query)) if (value !== '') url.searchParams.set(name, value);
  url.searchParams.set('api_key', apiKey);
  const response = await fetchService(ctx.fetch, url, { method: 'GET', headers: { accept: 'application/json' }, signal: ctx.signal }, CALL);
  const text = await response.text();
  const body = parseJson(text);
  const details = hunterDetails(body);
  const said = details ? `: ${details}` : '';
  const now = ctx.clock.now();
  const status = response.status;
  if (status === 401) {
    throw statusError(CALL, response, now, { code: 'HUNTER_UNAUTHORIZED', message: `Hunter refused the API key (401)${said}`, retryable: false });
  }
  if (status === 429 || status === 403) {
    // 429: the plan's quota; 403: too many requests per second. Both pass; retry after a while.
    throw statusError(CALL, response, now, { code: 'HUNTER_RATE_LIMITED', message: `Hunter's rate or usage limit was reached (${status})${said}`, retryable: true });
  }
  if (status === 202) {
    throw statusError(CALL, response, now, { code: 'HUNTER_PENDING', message: 'Hunter is still verifying the address (202); try again shortly', retryable: true });
  }
  if (status === 404 || status === 451) return { kind: 'notFound', status, details };
  if (status === 400 || status === 422) {
    throw statusError(CALL, response, now, { code: 'HUNTER_BAD_REQUEST', message: `Hunter rejected the request (${status})${said}`, retryable: false });
  }
  if (!response.ok) throw statusError(CALL, response, now, { message: `Hunter answered ${status}${said}`, body: details ?? text });
  if (!isJsonObject(body) || !isJsonObject(body.data)) {
    throw new NodeError('Hunter answered with something that is not its JSON format', { code: 'HUNTER_INVALID_RESPONSE', retryable: false, details: { status } });
  }
  return { kind: 'ok', data: body.data, meta: isJsonObject(body.meta) ? body.meta : {} };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const verificationOf = (v: unknown): string | null => (isJsonObject(v) ? str(v.status) : null);

function fullNameOf(first: string | null, last: string | null): string | null {
  const name = [first, last].filter(Boolean).join(' ');
  return name === '' ? null : name;
}

/** One entry of a domain search, in the names the rest of a workflow uses. */
function personOf(entry: JsonObject, data: JsonObject): JsonObject {
  const firstName = str(entry.first_name);
  const lastName = str(entry.last_name);
  return {
    email: str(entry.value),
    firstName,
    lastName,
    fullName: fullNameOf(firstName, lastName),
    position: str(entry.position),
    seniority: str(entry.seniority),
    department: str(entry.department),
    confidence: num(entry.confidence),
    emailType: str(entry.type),
    linkedin: str(entry.linkedin),
    twitter: str(entry.twitter),
    phone: str(entry.phone_number),
    verificationStatus: verificationOf(entry.verification),
    domain: str(data.domain),
    organization: str(data.organization),
    country: str(data.country),
  };
}

async function domainSearch(ctx: NodeContext<HunterParams>, base: JsonObject): Promise<Item[]> {
  const p = ctx.params;
  const domain = normalizeDomain(p.domain);
  if (domain === '' && p.company.trim() === '') throw missing('Domain search needs a domain (or a company name)', 'domain');
  const answer = await callHunter(ctx, '/v2/domain-search', {
    domain,
    company: domain === '' ? p.company.trim() : '',
    limit: String(p.limit),
    type: p.emailType === 'any' ? '' : p.emailType,
    seniority: p.seniority.join(','),
    department: p.department.join(','),
  });
  if (answer.kind === 'notFound') {
    throw new NodeError(`Hunter found nothing for ${domain || p.company} (${answer.status})${answer.details ? `: ${answer.details}` : ''}`, {
      code: 'HUNTER_HTTP_STATUS',
      retryable: false,
      details: { status: answer.status },
    });
  }
  const { data, meta } = answer;
  const entries = (Array.isArray(data.emails) ? data.emails : []).filter(isJsonObject);
  if (p.split) return entries.map((entry) => ({ json: { ...base, ...personOf(entry, data), hunter: entry } }));
  return [
    {
      json: {
        ...base,
        domain: str(data.domain),
        organization: str(data.organization),
        pattern: str(data.pattern),
        country: str(data.country),
        total: num(meta.results) ?? entries.length,
        emails: entries.map((entry) => personOf(entry, data)),
        hunter: data,
      },
    },
  ];
}

async function emailFinder(ctx: NodeContext<HunterParams>, base: JsonObject): Promise<Item[]> {
  const p = ctx.params;
  const domain = normalizeDomain(p.domain);
  if (domain === '' && p.company.trim() === '') throw missing('Email finder needs a domain (or a company name)', 'domain');
  const hasNames = p.firstName.trim() !== '' && p.lastName.trim() !== '';
  if (!hasNames && p.fullName.trim() === '') throw missing('Email finder needs firstName and lastName, or fullName', 'firstName');
  const answer = await callHunter(ctx, '/v2/email-finder', {
    domain,
    company: domain === '' ? p.company.trim() : '',
    first_name: hasNames ? p.firstName.trim() : '',
    last_name: hasNames ? p.lastName.trim() : '',
    full_name: hasNames ? '' : p.fullName.trim(),
  });
  if (answer.kind === 'notFound') {
    return [{ json: { ...base, found: false, email: null, score: null, restricted: answer.status === 451, hunter: null } }];
  }
  const { data } = answer;
  const firstName = str(data.first_name);
  const lastName = str(data.last_name);
  const email = str(data.email);
  return [
    {
      json: {
        ...base,
        found: email !== null,
        email,
        score: num(data.score),
        firstName,
        lastName,
        fullName: fullNameOf(firstName, lastName),
        position: str(data.position),
        domain: str(data.domain),
        organization: str(data.company),
        linkedin: str(data.linkedin_url),
        twitter: str(data.twitter),
        phone: str(data.phone_number),
        verificationStatus: verificationOf(data.verification),
        hunter: data,
      },
    },
  ];
}

const DELIVERABLE = new Set(['valid', 'webmail']);
const RISKY = new Set(['accept_all', 'unknown']);

/** Whether to send: valid and webmail addresses; accept_all/unknown only when the workflow accepts the risk. */
export function isDeliverable(status: string | null, result: string | null, acceptRisky: boolean): boolean {
  if (status !== null) return DELIVERABLE.has(status) || (acceptRisky && RISKY.has(status));
  return result === 'deliverable' || (acceptRisky && result === 'risky');
}

async function emailVerifier(ctx: NodeContext<HunterParams>, base: JsonObject): Promise<Item[]> {
  const p = ctx.params;
  const email = p.email.trim();
  if (email === '') throw missing('Email verifier needs an email address', 'email');
  const answer = await callHunter(ctx, '/v2/email-verifier', { email });
  if (answer.kind === 'notFound') {
    const status = answer.status === 451 ? 'restricted' : 'unknown';
    return [{ json: { ...base, email, deliverable: false, verification: { status, result: null, score: null }, hunter: null } }];
  }
  const { data } = answer;
  const status = str(data.status);
  const result = str(data.result);
  return [
    {
      json: {
        ...base,
        email: str(data.email) ?? email,
        deliverable: isDeliverable(status, result, p.acceptRisky),
        verification: {
          status,
          result,
          score: num(data.score),
          disposable: data.disposable === true,
          webmail: data.webmail === true,
          acceptAll: data.accept_all === true,
          mxRecords: data.mx_records === true,
          smtpCheck: data.smtp_check === true,
          block: data.block === true,
        },
        hunter: data,
      },
    },
  ];
}

export const hunter = defineNode({
  type: 'outreach.hunter',
  version: 1,
  displayName: 'Hunter.io',
  description: 'Finds and verifies professional email addresses with Hunter.io: domain search, email finder, email verifier.',
  docs: [
    'Calls the Hunter.io API v2 with the key of a **hunterApi** credential (its base URL can point at a proxy). One call per item.',
    '- **domainSearch** (`/v2/domain-search`): the addresses Hunter knows at **domain** (a URL is reduced to its host) or',
    '  **company**, up to **limit**, optionally only **emailType** personal/generic, **seniority**, **department**. With **split**',
    '  (default) one item per address: `{ email, firstName, lastName, fullName, position, seniority, department, confidence,',
    '  emailType, linkedin, twitter, phone, verificationStatus, domain, organization, country }`; no address: no item.',
    '  Without split: one item `{ domain, organization, pattern, country, total, emails: [...] }`.',
    '- **emailFinder** (`/v2/email-finder`): the most likely address of **firstName** + **lastName** (or **fullName**) at',
    '  the domain: `{ found, email, score, firstName, lastName, fullName, position, domain, organization, linkedin, twitter,',
    '  phone, verificationStatus }`. Nobody found is not an error: `found: false, email: null`.',
    '- **emailVerifier** (`/v2/email-verifier`): `{ email, deliverable, verification: { status, result, score, disposable,',
    '  webmail, acceptAll, mxRecords, smtpCheck, block } }`. An undeliverable or invalid address is NOT an error:',
    '  `deliverable` is false, so follow with an If on `{{ $json.deliverable }}` to skip it (and record why).',
    '  `deliverable` is true for status valid and webmail; accept_all and unknown count only with **acceptRisky**.',
    'Every output keeps Hunter\'s raw `data` under **hunter**, and (with **keepInput**) the input item\'s fields.',
    'Errors: `HUNTER_UNAUTHORIZED` (401, the key was refused; not retried), `HUNTER_RATE_LIMITED` (429 usage limit or',
    '403 rate limit; retryable, Retry-After honoured — set retries in the node settings), `HUNTER_BAD_REQUEST` (400/422),',
    '`HUNTER_PENDING` (202, verification still running; retryable), `HUNTER_HTTP_STATUS` (5xx retryable),',
    '`HUNTER_MISSING_PARAM` when the operation\'s inputs are empty.',
  ].join('\n'),
  category: 'integration',
  icon: '🎯',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: HunterParams,
  credentials: [{ kind: HUNTER_CREDENTIAL_KIND, required: true }],
  async run(ctx) {
    const base: JsonObject = ctx.params.keepInput ? { ...(ctx.item?.json ?? {}) } : {};
    switch (ctx.params.operation) {
      case 'domainSearch':
        return domainSearch(ctx, base);
      case 'emailFinder':
        return emailFinder(ctx, base);
      case 'emailVerifier':
        return emailVerifier(ctx, base);
    }
  },
});
