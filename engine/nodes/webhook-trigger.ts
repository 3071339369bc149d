import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Item } from '../items.ts';
import { defineNode } from '../node-api.ts';

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

export const WebhookHmacSchema = z.object({
  credentialId: z.string().min(1).describe('Credential of kind hmacSecret holding the shared secret'),
  header: z.string().min(1).default('x-signature-256').describe('Request header that carries the signature'),
  algorithm: z.enum(['sha256', 'sha1', 'sha512']).default('sha256').describe('HMAC hash'),
  encoding: z.enum(['hex', 'base64']).default('hex').describe('How the signature is encoded'),
  prefix: z.string().default('sha256=').describe('Text before the signature in the header, e.g. "sha256=" (GitHub)'),
});

export const WebhookTriggerParams = z.object({
  path: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._~\-/:]+$/, { error: 'Use letters, digits and - _ . ~ / : only' })
    .describe('Path under /api/hooks/ that starts this workflow; ":name" segments capture parameters'),
  method: z.enum(WEBHOOK_METHODS).default('POST').describe('HTTP method to accept'),
  responseMode: z
    .enum(['immediately', 'lastNode', 'respondNode'])
    .default('immediately')
    .describe('immediately: reply at once with the run id; lastNode: reply with the last node\'s output; respondNode: a Respond to Webhook node replies'),
  hmac: WebhookHmacSchema.optional().describe('Reject requests without a valid HMAC signature of the raw body'),
});
export type WebhookTriggerParams = z.infer<typeof WebhookTriggerParams>;

/** The item a webhook run starts with; the server builds it from the request. */
export function webhookItem(request: {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  params?: Record<string, string>;
  body: unknown;
}): Item {
  return {
    json: {
      method: request.method,
      path: request.path,
      headers: request.headers,
      query: request.query,
      params: request.params ?? {},
      body: request.body,
    },
  };
}

/**
 * Checks an HMAC signature of the raw request body in constant time.
 * `signatureHeader` is the header value, including any prefix such as `sha256=`.
 */
export function verifyWebhookSignature(options: {
  secret: string;
  payload: string | Buffer;
  signatureHeader: string | undefined | null;
  algorithm?: 'sha256' | 'sha1' | 'sha512';
  encoding?: 'hex' | 'base64';
  prefix?: string;
}): boolean {
  const { secret, payload, signatureHeader, algorithm = 'sha256', encoding = 'hex', prefix = 'sha256=' } = options;
  if (!signatureHeader) return false;
  const given = signatureHeader.startsWith(prefix) ? signatureHeader.slice(prefix.length) : signatureHeader;
  const expected = createHmac(algorithm, secret).update(payload).digest();
  let actual: Buffer;
  try {
    actual = Buffer.from(given.trim(), encoding);
  } catch {
    return false;
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const webhookTrigger = defineNode({
  type: 'core.webhookTrigger',
  version: 1,
  displayName: 'Webhook',
  description: 'Starts the workflow when an HTTP request arrives.',
  docs: [
    'Listens on `/api/hooks/<path>` for the chosen **method**. The run starts with one item:',
    '`{ method, path, headers, query, params, body }`.',
    '**responseMode**: `immediately` answers 202 with the run id; `lastNode` waits and answers with the JSON of',
    'the last node\'s items; `respondNode` lets a Respond to Webhook node answer.',
    'With **hmac** set, requests must carry an HMAC of the raw body in the given header (e.g. GitHub\'s `X-Hub-Signature-256`).',
  ].join('\n'),
  category: 'trigger',
  icon: '🪝',
  inputs: [],
  outputs: [{ name: 'main' }],
  params: WebhookTriggerParams,
  credentials: [{ kind: 'hmacSecret', required: false }],
  isTrigger: true,
  runsPerItem: false,
  run(ctx) {
    return ctx.items;
  },
});
