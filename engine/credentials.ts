import { z } from 'zod';

/**
 * Credential kinds: the shape of each kind of secret a node can use. The server
 * validates credential forms with `schema`; the executor redacts the values of
 * `secretFields` from everything it stores or emits.
 */
export interface CredentialKind<S extends z.ZodObject = z.ZodObject> {
  kind: string;
  displayName: string;
  description: string;
  schema: S;
  /** Fields whose values never appear in run data, events or logs. */
  secretFields: readonly string[];
}

function defineCredentialKind<S extends z.ZodObject>(kind: CredentialKind<S>): CredentialKind<S> {
  return kind;
}

export const httpBasic = defineCredentialKind({
  kind: 'httpBasic',
  displayName: 'HTTP Basic Auth',
  description: 'Username and password sent as an Authorization: Basic header.',
  schema: z.object({
    username: z.string().min(1).describe('User name'),
    password: z.string().describe('Password'),
  }),
  secretFields: ['password'],
});

export const httpBearer = defineCredentialKind({
  kind: 'httpBearer',
  displayName: 'Bearer Token',
  description: 'A token sent as an Authorization: Bearer header.',
  schema: z.object({ token: z.string().min(1).describe('The bearer token') }),
  secretFields: ['token'],
});

export const httpHeaderKey = defineCredentialKind({
  kind: 'httpHeaderKey',
  displayName: 'API Key (header)',
  description: 'An API key sent in a request header.',
  schema: z.object({
    headerName: z.string().min(1).default('X-API-Key').describe('Header that carries the key'),
    value: z.string().min(1).describe('The API key'),
  }),
  secretFields: ['value'],
});

export const httpQueryKey = defineCredentialKind({
  kind: 'httpQueryKey',
  displayName: 'API Key (query string)',
  description: 'An API key sent as a query parameter.',
  schema: z.object({
    paramName: z.string().min(1).default('api_key').describe('Query parameter that carries the key'),
    value: z.string().min(1).describe('The API key'),
  }),
  secretFields: ['value'],
});

export const oauth2ClientCredentials = defineCredentialKind({
  kind: 'oauth2ClientCredentials',
  displayName: 'OAuth2 (client credentials)',
  description: 'Fetches an access token from the token URL with the client id and secret, then sends it as a bearer token.',
  schema: z.object({
    tokenUrl: z.url().describe('Token endpoint'),
    clientId: z.string().min(1).describe('Client id'),
    clientSecret: z.string().min(1).describe('Client secret'),
    scope: z.string().optional().describe('Space-separated scopes'),
    audience: z.string().optional().describe('Audience, for providers that need one'),
    clientAuth: z
      .enum(['header', 'body'])
      .default('header')
      .describe('Send client id/secret as Basic auth header or in the form body'),
  }),
  secretFields: ['clientSecret'],
});

export const hmacSecret = defineCredentialKind({
  kind: 'hmacSecret',
  displayName: 'HMAC secret',
  description: 'Shared secret used to verify webhook signatures.',
  schema: z.object({ secret: z.string().min(8).describe('Shared secret') }),
  secretFields: ['secret'],
});

export const openAiCompatible = defineCredentialKind({
  kind: 'openAi',
  displayName: 'AI provider (OpenAI-compatible)',
  description:
    'Any chat-completions API: OpenAI, Azure-style gateways, Ollama, vLLM, LM Studio. Set the base URL for anything but OpenAI.',
  schema: z.object({
    apiKey: z.string().default('').describe('API key (leave empty for local servers that need none)'),
    baseUrl: z.url().default('https://api.openai.com/v1').describe('Base URL of the API, ending before /chat/completions'),
    defaultModel: z.string().min(1).default('gpt-4o-mini').describe('Model used when a node does not name one'),
    organization: z.string().optional().describe('OpenAI organization id (optional)'),
    inputPricePerMillion: z.string().regex(/^\d+(\.\d+)?$/).optional().describe('USD per million input tokens, for cost estimates of models we do not know'),
    outputPricePerMillion: z.string().regex(/^\d+(\.\d+)?$/).optional().describe('USD per million output tokens'),
  }),
  secretFields: ['apiKey'],
});

const Port = z.string().regex(/^\d{1,5}$/, { error: 'A port number, e.g. 587' });

export const hunterApi = defineCredentialKind({
  kind: 'hunterApi',
  displayName: 'Hunter.io',
  description: 'API key of a Hunter.io account (Dashboard → API). Sent as the api_key query parameter.',
  schema: z.object({
    apiKey: z.string().min(1).describe('Hunter API key'),
    baseUrl: z.url().default('https://api.hunter.io').describe('Base URL of the API (change only for a proxy or a test server)'),
  }),
  secretFields: ['apiKey'],
});

export const enrichmentApi = defineCredentialKind({
  kind: 'enrichmentApi',
  displayName: 'Enrichment API (Clearbit-style)',
  description: 'A person/company lookup API over HTTP with an API key: Clearbit, or any service with the same shape.',
  schema: z.object({
    baseUrl: z.url().describe('Base URL the lookup paths are appended to, e.g. https://person.clearbit.com'),
    apiKey: z.string().min(1).describe('API key'),
    authStyle: z
      .enum(['bearer', 'header', 'query'])
      .default('bearer')
      .describe('bearer: Authorization: Bearer <key>; header: the key in the header named below; query: the key in the query parameter named below'),
    headerName: z.string().min(1).default('X-API-Key').describe('Header that carries the key (authStyle header)'),
    queryName: z.string().min(1).default('api_key').describe('Query parameter that carries the key (authStyle query)'),
  }),
  secretFields: ['apiKey'],
});

export const smtp = defineCredentialKind({
  kind: 'smtp',
  displayName: 'SMTP (email sending)',
  description: 'An SMTP server to send email through: host, port, TLS mode, login and the sender address.',
  schema: z.object({
    host: z.string().min(1).describe('SMTP server host, e.g. smtp.example.com'),
    port: Port.default('587').describe('Port: usually 587 (STARTTLS), 465 (TLS) or 25'),
    secure: z
      .enum(['tls', 'starttls', 'none'])
      .default('starttls')
      .describe('tls: TLS from the first byte (port 465); starttls: upgrade and require TLS (587); none: never use TLS (local relays only)'),
    user: z.string().default('').describe('Login user name (empty: no login)'),
    password: z.string().default('').describe('Login password'),
    fromAddress: z.email().describe('Sender address, e.g. ada@example.com'),
    fromName: z.string().default('').describe('Sender name shown to recipients, e.g. Ada Lovelace'),
  }),
  secretFields: ['password'],
});

export const credentialKinds: readonly CredentialKind[] = [
  httpBasic,
  httpBearer,
  httpHeaderKey,
  httpQueryKey,
  oauth2ClientCredentials,
  hmacSecret,
  openAiCompatible,
  hunterApi,
  enrichmentApi,
  smtp,
];

export type CredentialKindName =
  | 'httpBasic'
  | 'httpBearer'
  | 'httpHeaderKey'
  | 'httpQueryKey'
  | 'oauth2ClientCredentials'
  | 'hmacSecret'
  | 'openAi'
  | 'hunterApi'
  | 'enrichmentApi'
  | 'smtp';

const byKind = new Map(credentialKinds.map((k) => [k.kind, k]));

export function getCredentialKind(kind: string): CredentialKind | undefined {
  return byKind.get(kind);
}

/** Credential kinds with their fields as JSON Schema, for the server's credential forms. */
export function listCredentialKinds(): {
  kind: string;
  displayName: string;
  description: string;
  secretFields: readonly string[];
  jsonSchema: unknown;
}[] {
  return credentialKinds.map((k) => ({
    kind: k.kind,
    displayName: k.displayName,
    description: k.description,
    secretFields: k.secretFields,
    jsonSchema: z.toJSONSchema(k.schema, { io: 'input', unrepresentable: 'any' }),
  }));
}

export type CredentialValidation =
  | { ok: true; data: Record<string, string> }
  | { ok: false; errors: { code: 'UNKNOWN_CREDENTIAL_KIND' | 'INVALID_CREDENTIAL'; message: string; field?: string }[] };

/** Validates credential fields against their kind; defaults are filled in. */
export function validateCredential(kind: string, data: unknown): CredentialValidation {
  const def = byKind.get(kind);
  if (!def) return { ok: false, errors: [{ code: 'UNKNOWN_CREDENTIAL_KIND', message: `Unknown credential kind "${kind}"` }] };
  const result = def.schema.safeParse(data);
  if (result.success) return { ok: true, data: result.data as Record<string, string> };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      code: 'INVALID_CREDENTIAL' as const,
      message: issue.message,
      field: issue.path.map(String).join('.'),
    })),
  };
}

/** Values that must be redacted for a credential: its kind's secret fields, or every value when the kind is unknown. */
export function secretValuesOf(kind: string | undefined, data: Record<string, string>): string[] {
  const def = kind === undefined ? undefined : byKind.get(kind);
  const fields = def ? def.secretFields : Object.keys(data);
  const values: string[] = [];
  for (const field of fields) {
    const value = data[field];
    if (typeof value === 'string' && value.length > 0) values.push(value);
  }
  return values;
}
