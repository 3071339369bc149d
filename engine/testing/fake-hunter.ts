import { startTestServer, type RecordedRequest, type TestResponse, type TestServer } from './test-server.ts';

/** One person at a domain, as the fake knows them. */
export interface FakeHunterPerson {
  email: string;
  firstName: string;
  lastName: string;
  position?: string;
  seniority?: string;
  department?: string;
  confidence?: number;
  type?: 'personal' | 'generic';
  linkedin?: string | null;
  twitter?: string | null;
  /** Verifier status: valid, invalid, accept_all, webmail, disposable, unknown. Default valid. */
  status?: string;
}

export interface FakeHunterCompany {
  organization: string;
  pattern?: string;
  country?: string | null;
  people: FakeHunterPerson[];
}

export interface FakeHunter {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers the next request with this response instead (e.g. a 429), first in first out. */
  enqueue(response: TestResponse): void;
  /** Adds or replaces a company, keyed by domain. */
  setCompany(domain: string, company: FakeHunterCompany): void;
  /** Verifier answer for an address the fake does not know as a person. */
  setVerification(email: string, status: string): void;
  reset(): void;
  close(): Promise<void>;
}

const RESULT_OF: Record<string, string> = {
  valid: 'deliverable',
  invalid: 'undeliverable',
  disposable: 'undeliverable',
  accept_all: 'risky',
  webmail: 'deliverable',
  unknown: 'risky',
};

function hunterError(status: number, id: string, details: string, headers: Record<string, string> = {}): TestResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: { errors: [{ id, code: status, details }] } };
}

function ok(body: unknown): TestResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
}

/**
 * A local stand-in for the Hunter.io API v2 with the real paths, parameters (api_key in the
 * query) and response shapes: /v2/domain-search, /v2/email-finder, /v2/email-verifier, /v2/account.
 */
export async function startFakeHunter(options: { apiKey: string; companies?: Record<string, FakeHunterCompany> }): Promise<FakeHunter> {
  const companies = new Map(Object.entries(options.companies ?? {}));
  const verifications = new Map<string, string>();
  const queue: TestResponse[] = [];

  const personEntry = (p: FakeHunterPerson) => ({
    value: p.email,
    type: p.type ?? 'personal',
    confidence: p.confidence ?? 90,
    sources: [],
    first_name: p.firstName,
    last_name: p.lastName,
    position: p.position ?? null,
    seniority: p.seniority ?? null,
    department: p.department ?? null,
    linkedin: p.linkedin ?? null,
    twitter: p.twitter ?? null,
    phone_number: null,
    verification: { date: '2025-01-01', status: p.status ?? 'valid' },
  });

  const findPerson = (email: string) => {
    for (const [domain, company] of companies) {
      const person = company.people.find((p) => p.email.toLowerCase() === email.toLowerCase());
      if (person) return { domain, company, person };
    }
    return undefined;
  };

  const handle = (req: RecordedRequest): TestResponse => {
    const queued = queue.shift();
    if (queued) return queued;
    const q = req.url.searchParams;
    if (q.get('api_key') !== options.apiKey) return hunterError(401, 'authentication_failed', 'No user found for the API key supplied');
    switch (req.path) {
      case '/v2/account':
        return ok({ data: { first_name: 'Test', last_name: 'User', email: 'owner@example.com', plan_name: 'Free', requests: { searches: { used: 3, available: 25 }, verifications: { used: 1, available: 50 } } } });
      case '/v2/domain-search': {
        const domain = q.get('domain');
        if (!domain && !q.get('company')) return hunterError(400, 'wrong_params', 'You are missing the domain parameter');
        const company = domain ? companies.get(domain) : undefined;
        const limit = Number(q.get('limit') ?? 10);
        const offset = Number(q.get('offset') ?? 0);
        const type = q.get('type');
        const people = (company?.people ?? []).filter((p) => !type || (p.type ?? 'personal') === type);
        return ok({
          data: {
            domain,
            disposable: false,
            webmail: false,
            accept_all: false,
            pattern: company?.pattern ?? null,
            organization: company?.organization ?? null,
            country: company?.country ?? null,
            emails: people.slice(offset, offset + limit).map(personEntry),
            linked_domains: [],
          },
          meta: { results: people.length, limit, offset, params: { domain, company: q.get('company'), type, seniority: q.get('seniority'), department: q.get('department') } },
        });
      }
      case '/v2/email-finder': {
        const domain = q.get('domain');
        if (!domain && !q.get('company')) return hunterError(400, 'wrong_params', 'You are missing the domain or company parameter');
        let first = q.get('first_name');
        let last = q.get('last_name');
        const full = q.get('full_name');
        if (full && !(first && last)) [first, last] = full.split(/\s+/, 2) as [string, string];
        if (!first || !last) return hunterError(400, 'wrong_params', 'You are missing the first_name and last_name (or full_name) parameters');
        const company = domain ? companies.get(domain) : undefined;
        const person = company?.people.find((p) => p.firstName.toLowerCase() === first!.toLowerCase() && p.lastName.toLowerCase() === last!.toLowerCase());
        if (!person) return hunterError(404, 'email_not_found', 'No email address has been found for this person');
        return ok({
          data: {
            first_name: person.firstName,
            last_name: person.lastName,
            email: person.email,
            score: person.confidence ?? 90,
            domain,
            accept_all: false,
            position: person.position ?? null,
            twitter: person.twitter ?? null,
            linkedin_url: person.linkedin ?? null,
            phone_number: null,
            company: company?.organization ?? null,
            sources: [],
            verification: { date: '2025-01-01', status: person.status ?? 'valid' },
          },
          meta: { params: { first_name: first, last_name: last, full_name: full, domain, company: q.get('company'), max_duration: null } },
        });
      }
      case '/v2/email-verifier': {
        const email = q.get('email');
        if (!email) return hunterError(400, 'wrong_params', 'You are missing the email parameter');
        const known = findPerson(email);
        const status =
          verifications.get(email.toLowerCase()) ??
          (known ? (known.person.status ?? 'valid') : /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? 'unknown' : 'invalid');
        return ok({
          data: {
            status,
            result: RESULT_OF[status] ?? 'risky',
            score: status === 'valid' ? 100 : status === 'invalid' ? 0 : 50,
            email,
            regexp: /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email),
            gibberish: false,
            disposable: status === 'disposable',
            webmail: status === 'webmail',
            mx_records: status !== 'invalid',
            smtp_server: status !== 'invalid',
            smtp_check: status === 'valid',
            accept_all: status === 'accept_all',
            block: false,
            sources: [],
          },
          meta: { params: { email } },
        });
      }
      default:
        return hunterError(404, 'not_found', 'This route does not exist');
    }
  };

  const server: TestServer = await startTestServer(handle);
  return {
    baseUrl: server.url,
    requests: server.requests,
    enqueue: (response) => queue.push(response),
    setCompany: (domain, company) => companies.set(domain, company),
    setVerification: (email, status) => verifications.set(email.toLowerCase(), status),
    reset() {
      queue.length = 0;
      server.requests.length = 0;
      verifications.clear();
    },
    close: () => server.close(),
  };
}
