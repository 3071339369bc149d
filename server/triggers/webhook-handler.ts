import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Item } from '../../engine/items.ts';
import { verifyWebhookSignature, webhookItem, WebhookTriggerParams } from '../../engine/nodes/webhook-trigger.ts';
import { createCredentialResolver } from '../credentials/credential-resolver.ts';
import { sendJson } from '../http/send-json.ts';
import type { Logger } from '../logger.ts';
import type { RunService, WaitResult } from '../runs/run-service.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { BodyTooLargeError, parseBody, readBody } from './read-body.ts';
import type { WebhookRouter } from './webhook-routes.ts';

export const HOOKS_PREFIX = '/api/hooks/';

export type WebhookHandlerDeps = {
  db: PrismaClient;
  runs: RunService;
  router: WebhookRouter;
  limiter: RateLimiter;
  encryptionKey: Buffer;
  logger: Logger;
  /** Largest accepted body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** How long lastNode / respondNode modes wait before answering 504. Default 30 s. */
  responseTimeoutMs?: number;
  /** Requests per minute per workflow unless the workflow's settings say otherwise. */
  defaultRatePerMinute?: number;
};

type HookConfig = { params: WebhookTriggerParams; workspaceId: string; ratePerMinute: number };

/**
 * `/api/hooks/<workflowId>/<path>`: starts a run of the workflow's active version and answers
 * at once (202 + run id), with the last node's output, or with a Respond to Webhook node's
 * response. Checks, in order: route, method, rate limit, body size, signature, body format.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps) {
  const maxBody = deps.maxBodyBytes ?? 1024 * 1024;
  const timeoutMs = deps.responseTimeoutMs ?? 30_000;
  const configs = new Map<string, HookConfig>();

  async function configOf(versionId: string, nodeId: string): Promise<HookConfig | null> {
    const key = `${versionId}/${nodeId}`;
    const hit = configs.get(key);
    if (hit) return hit;
    const version = await deps.db.workflowVersion.findUnique({
      where: { id: versionId },
      select: { definition: true, workflow: { select: { workspaceId: true, settings: true } } },
    });
    const node = (version?.definition as { nodes?: Array<{ id: string; params?: unknown }> } | undefined)?.nodes?.find((n) => n.id === nodeId);
    const params = WebhookTriggerParams.safeParse(node?.params ?? {});
    if (!version || !params.success) return null;
    const settings = (version.workflow.settings ?? {}) as { webhookRatePerMinute?: number };
    const config = { params: params.data, workspaceId: version.workflow.workspaceId, ratePerMinute: settings.webhookRatePerMinute ?? deps.defaultRatePerMinute ?? 60_000 };
    if (configs.size > 5000) configs.clear();
    configs.set(key, config);
    return config;
  }

  return async function handleWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rest = url.pathname.slice(HOOKS_PREFIX.length);
    const slash = rest.indexOf('/');
    const workflowId = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
    const path = slash === -1 ? '' : rest.slice(slash + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    const fail = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
      req.resume();
      sendJson(res, status, { error: { code, message }, ...extra });
    };

    if (!workflowId || workflowId.length > 64) return fail(404, 'WEBHOOK_NOT_FOUND', 'No active webhook at this address');
    const match = await deps.router.match(workflowId, method, path);
    if (!match) return fail(404, 'WEBHOOK_NOT_FOUND', 'No active webhook at this address');
    if ('methodNotAllowed' in match) return fail(405, 'METHOD_NOT_ALLOWED', `This webhook does not accept ${method}`);
    const { route, params: pathParams } = match;
    const config = await configOf(route.versionId, route.nodeId);
    if (!config) return fail(404, 'WEBHOOK_NOT_FOUND', 'No active webhook at this address');

    if (!(await deps.limiter.take(`hook:${workflowId}`, config.ratePerMinute, 60_000))) {
      res.setHeader('retry-after', '60');
      return fail(429, 'RATE_LIMITED', `This workflow accepts at most ${config.ratePerMinute} webhook calls a minute`);
    }

    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        return fail(413, 'PAYLOAD_TOO_LARGE', err.message);
      }
      throw err;
    }

    const hmac = config.params.hmac;
    if (hmac) {
      let secret: string | undefined;
      try {
        const fields = await createCredentialResolver(deps.db, deps.encryptionKey, config.workspaceId)(hmac.credentialId);
        secret = fields.secret;
      } catch {
        secret = undefined;
      }
      if (!secret) return fail(500, 'WEBHOOK_SECRET_MISSING', 'The webhook\'s signing secret is not configured');
      const header = req.headers[hmac.header.toLowerCase()];
      const ok = verifyWebhookSignature({
        secret,
        payload: raw,
        signatureHeader: Array.isArray(header) ? header[0] : header,
        algorithm: hmac.algorithm,
        encoding: hmac.encoding,
        prefix: hmac.prefix,
      });
      if (!ok) return fail(401, 'INVALID_SIGNATURE', `Missing or invalid signature in ${hmac.header}`);
    }

    const parsed = parseBody(raw, req.headers['content-type']);
    if (!parsed.ok) return fail(400, 'INVALID_BODY', parsed.error);

    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k === 'cookie' || k === 'authorization' || k.startsWith('x-flowforge-')) continue;
      if (typeof v === 'string') headers[k] = v;
    }
    const item: Item = webhookItem({
      method,
      path,
      headers,
      query: Object.fromEntries(url.searchParams),
      params: pathParams,
      body: parsed.body,
    });
    const idemHeader = req.headers['idempotency-key'];
    const idempotencyKey = typeof idemHeader === 'string' && idemHeader.length > 0 ? idemHeader.slice(0, 200) : undefined;
    const { executionId, duplicate } = await deps.runs.start({
      workflowId,
      versionId: route.versionId,
      trigger: 'webhook',
      triggerNodeId: route.nodeId,
      items: [item],
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    res.setHeader('x-flowforge-run-id', executionId);
    if (duplicate) res.setHeader('x-flowforge-duplicate', '1');

    const mode = config.params.responseMode;
    if (mode === 'immediately') return sendJson(res, 202, { runId: executionId, status: 'queued', ...(duplicate ? { duplicate: true } : {}) });
    const result = await deps.runs.waitFor(executionId, mode === 'respondNode' ? 'response' : 'finished', timeoutMs);
    respondWithResult(res, executionId, result, mode);
  };
}

function respondWithResult(res: ServerResponse, runId: string, result: WaitResult | null, mode: 'lastNode' | 'respondNode') {
  if (!result) return sendJson(res, 504, { runId, error: { code: 'RUN_TIMEOUT', message: 'The run did not answer in time; it goes on' } });
  if (mode === 'respondNode' && result.response) {
    const { status, headers, body } = result.response;
    const isText = typeof body === 'string';
    res.writeHead(status, { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
    res.end(isText ? body : JSON.stringify(body ?? null));
    return;
  }
  if (result.status === 'failed' || result.status === 'cancelled') {
    return sendJson(res, 500, { runId, status: result.status, error: result.error ?? { code: 'RUN_FAILED', message: 'The run failed' } });
  }
  if (result.status === 'waiting') return sendJson(res, 202, { runId, status: 'waiting' });
  const items = result.output ?? [];
  sendJson(res, 200, items.length === 1 ? items[0]!.json : items.map((i) => i.json));
}
