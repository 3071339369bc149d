import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat-completions request as the fake server received it. */
export interface FakeChatRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    stream?: boolean;
    response_format?: unknown;
    temperature?: number;
    max_tokens?: number;
    [key: string]: unknown;
  };
}

/** What the fake answers: a model message, or a raw HTTP failure. */
export type FakeReply =
  | { content: string; model?: string; usage?: { prompt_tokens: number; completion_tokens: number }; finishReason?: string }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Sends `bytes` of garbage-free JSON padding: an oversized answer. */
  | { oversizedBytes: number };

export type FakeResponder = (request: FakeChatRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAi {
  /** Base URL to put in the credential, e.g. http://127.0.0.1:4321/v1 */
  baseUrl: string;
  requests: FakeChatRequest[];
  /** Queues replies answered in order; when the queue is empty `fallback` answers. */
  enqueue(...replies: (FakeReply | FakeResponder)[]): void;
  setFallback(responder: FakeResponder): void;
  /** Forgets recorded requests and queued replies (between tests). */
  reset(): void;
  close(): Promise<void>;
}

const roughTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/**
 * A real HTTP server on 127.0.0.1 speaking OpenAI's chat-completions wire format, streaming
 * (server-sent events with usage) included, and GET /models. Tests drive the real `openai`
 * SDK against it. Requires `Authorization: Bearer <apiKey>` when `apiKey` is given.
 */
export async function startFakeOpenAi(options: { apiKey?: string; fallback?: FakeResponder } = {}): Promise<FakeOpenAi> {
  const requests: FakeChatRequest[] = [];
  const queue: (FakeReply | FakeResponder)[] = [];
  let fallback: FakeResponder = options.fallback ?? (() => ({ content: 'ok' }));

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(err) } }));
      });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const unauthorized = () =>
      json(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    const authorized = !options.apiKey || req.headers.authorization === `Bearer ${options.apiKey}`;
    if (req.method === 'GET' && path.endsWith('/models')) {
      if (!authorized) return unauthorized();
      return json(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' }] });
    }
    if (req.method !== 'POST' || !path.endsWith('/chat/completions')) return json(res, 404, { error: { message: `No route ${path}` } });
    let body: FakeChatRequest['body'];
    try {
      body = JSON.parse(raw) as FakeChatRequest['body'];
    } catch {
      return json(res, 400, { error: { message: 'Body is not JSON' } });
    }
    const request: FakeChatRequest = { path, headers: req.headers, body };
    requests.push(request);
    // Recorded before the key check, so tests can count refused calls too.
    if (!authorized) return unauthorized();
    const next = queue.shift() ?? fallback;
    const reply = typeof next === 'function' ? await next(request) : next;

    if ('status' in reply) return json(res, reply.status, reply.body ?? { error: { message: `Fake error ${reply.status}` } }, reply.headers);
    if ('oversizedBytes' in reply) {
      const content = 'x'.repeat(reply.oversizedBytes);
      return json(res, 200, completion(body.model ?? 'fake-model', content, 'stop', { prompt_tokens: 1, completion_tokens: 1 }));
    }
    const model = reply.model ?? body.model ?? 'fake-model';
    const promptText = (body.messages ?? []).map((m) => m.content).join('\n');
    const usage = reply.usage ?? { prompt_tokens: roughTokens(promptText), completion_tokens: roughTokens(reply.content) };
    const finish = reply.finishReason ?? 'stop';
    if (!body.stream) return json(res, 200, completion(model, reply.content, finish, usage));

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const id = `chatcmpl-fake-${requests.length}`;
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const base = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
    send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    // Word-sized deltas, as real providers stream.
    for (const piece of reply.content.match(/\S+\s*|\s+/g) ?? []) {
      send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
      await new Promise((resolve) => setImmediate(resolve));
    }
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] });
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
    if (streamOptions?.include_usage) send({ ...base, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } });
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setFallback: (responder) => void (fallback = responder),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(model: string, content: string, finish: string, usage: { prompt_tokens: number; completion_tokens: number }) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish, logprobs: null }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
