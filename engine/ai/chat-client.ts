import OpenAI from 'openai';
import { NodeError } from '../errors.ts';
import type { FetchLike, NodeUsage } from '../node-api.ts';
import { limitResponseBytes, ResponseTooLargeError } from './limit-response.ts';
import { estimateCostUsd } from './pricing.ts';

/** A workspace's AI provider, as stored in an `openAi` credential. */
export interface AiProviderConfig {
  apiKey: string;
  baseUrl: string;
  defaultModel: string;
  organization?: string | undefined;
  inputPricePerMillion?: string | undefined;
  outputPricePerMillion?: string | undefined;
}

/** The provider config stored in an `openAi` credential's fields, with its defaults. */
export function aiProviderConfig(cred: Record<string, string>): AiProviderConfig {
  return {
    apiKey: cred.apiKey ?? '',
    baseUrl: cred.baseUrl || 'https://api.openai.com/v1',
    defaultModel: cred.defaultModel || 'gpt-4o-mini',
    organization: cred.organization,
    inputPricePerMillion: cred.inputPricePerMillion,
    outputPricePerMillion: cred.outputPricePerMillion,
  };
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model?: string | undefined;
  messages: ChatMessage[];
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  /** Ask for JSON matching this schema (structured output); the caller still validates. */
  jsonSchema?: { name: string; schema: Record<string, unknown> } | undefined;
  signal?: AbortSignal | undefined;
}

export interface ChatAnswer {
  content: string;
  model: string;
  finishReason: string | null;
  usage: NodeUsage;
}

export const AiErrorCode = {
  Auth: 'AI_AUTH',
  ModelNotFound: 'AI_MODEL_NOT_FOUND',
  BadRequest: 'AI_BAD_REQUEST',
  RateLimited: 'AI_RATE_LIMITED',
  ProviderError: 'AI_PROVIDER_ERROR',
  Unreachable: 'AI_UNREACHABLE',
  AnswerTooLarge: 'AI_ANSWER_TOO_LARGE',
  EmptyAnswer: 'AI_EMPTY_ANSWER',
} as const;

export interface ChatClientOptions {
  fetch: FetchLike;
  /** Largest answer body accepted (default 2 MiB). */
  maxAnswerBytes?: number;
  timeoutMs?: number;
}

export interface ChatClient {
  readonly model: string;
  complete(request: ChatRequest): Promise<ChatAnswer>;
  /** Streams text deltas to `onDelta` as they arrive; resolves with the whole answer. */
  stream(request: ChatRequest, onDelta: (text: string) => void): Promise<ChatAnswer>;
}

/**
 * Chat completions through the official SDK against any OpenAI-compatible base URL. The SDK's
 * own retries are off: the engine's retry settings (and Retry-After, surfaced in the error's
 * details) decide, so a run's attempts stay visible and bounded.
 */
export function createChatClient(config: AiProviderConfig, options: ChatClientOptions): ChatClient {
  const maxAnswerBytes = options.maxAnswerBytes ?? 2 * 1024 * 1024;
  const client = new OpenAI({
    // Local servers (Ollama, LM Studio) need no key, but the SDK insists on one.
    apiKey: config.apiKey || 'not-needed',
    baseURL: config.baseUrl,
    organization: config.organization || null,
    fetch: limitResponseBytes(options.fetch, maxAnswerBytes) as never,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 120_000,
  });

  const usageOf = (model: string, usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): NodeUsage => {
    const promptTokens = usage?.prompt_tokens ?? 0;
    const completionTokens = usage?.completion_tokens ?? 0;
    return { model, calls: 1, promptTokens, completionTokens, costUsd: estimateCostUsd(model, promptTokens, completionTokens, config) };
  };

  const body = (request: ChatRequest) => ({
    model: request.model || config.defaultModel,
    messages: request.messages,
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    ...(request.jsonSchema
      ? { response_format: { type: 'json_schema' as const, json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: false } } }
      : {}),
  });

  return {
    model: config.defaultModel,
    async complete(request) {
      const params = body(request);
      try {
        const completion = await client.chat.completions.create({ ...params, stream: false }, { signal: request.signal });
        const choice = completion.choices?.[0];
        const content = choice?.message?.content ?? '';
        const model = completion.model || params.model;
        return { content, model, finishReason: choice?.finish_reason ?? null, usage: usageOf(model, completion.usage) };
      } catch (err) {
        throw toAiError(err, config, params.model);
      }
    },
    async stream(request, onDelta) {
      const params = body(request);
      try {
        const stream = await client.chat.completions.create(
          { ...params, stream: true, stream_options: { include_usage: true } },
          { signal: request.signal },
        );
        let content = '';
        let model = params.model;
        let finishReason: string | null = null;
        let usage: { prompt_tokens?: number; completion_tokens?: number } | null = null;
        for await (const chunk of stream) {
          if (chunk.model) model = chunk.model;
          if (chunk.usage) usage = chunk.usage;
          const choice = chunk.choices?.[0];
          const delta = choice?.delta?.content;
          if (delta) {
            content += delta;
            if (content.length > maxAnswerBytes) throw new ResponseTooLargeError(maxAnswerBytes);
            onDelta(delta);
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason;
        }
        return { content, model, finishReason, usage: usageOf(model, usage) };
      } catch (err) {
        throw toAiError(err, config, params.model);
      }
    },
  };
}

function findCause<T>(err: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof type) return e;
  }
  return undefined;
}

/** SDK failures as node errors: clear, with a stable code, retryable only where a retry can help. */
export function toAiError(err: unknown, config: AiProviderConfig, model: string): NodeError {
  if (err instanceof NodeError) return err;
  const tooLarge = findCause(err, ResponseTooLargeError);
  if (tooLarge) {
    return new NodeError(`The AI provider's answer was too large: ${tooLarge.message}`, { code: AiErrorCode.AnswerTooLarge, retryable: false, cause: err });
  }
  if (err instanceof OpenAI.APIUserAbortError) throw err;
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    const status = err.status;
    const detail = providerMessage(err);
    if (status === 401 || status === 403) {
      return new NodeError(`The AI provider at ${config.baseUrl} refused the API key (${status})${detail}. Check the credential.`, {
        code: AiErrorCode.Auth,
        retryable: false,
        details: { status },
      });
    }
    if (status === 404) {
      return new NodeError(`The AI provider has no model "${model}" or no chat endpoint at ${config.baseUrl} (404)${detail}`, {
        code: AiErrorCode.ModelNotFound,
        retryable: false,
        details: { status },
      });
    }
    if (status === 429) {
      const retryAfterMs = retryAfter(err.headers);
      return new NodeError(`The AI provider is rate-limiting requests (429)${detail}`, {
        code: AiErrorCode.RateLimited,
        retryable: true,
        details: { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
      });
    }
    if (status >= 500) {
      return new NodeError(`The AI provider failed (${status})${detail}`, { code: AiErrorCode.ProviderError, retryable: true, details: { status } });
    }
    return new NodeError(`The AI provider rejected the request (${status})${detail}`, { code: AiErrorCode.BadRequest, retryable: false, details: { status } });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new NodeError(`Could not reach the AI provider at ${config.baseUrl}: ${message}`, { code: AiErrorCode.Unreachable, retryable: true, cause: err });
}

function providerMessage(err: InstanceType<typeof OpenAI.APIError>): string {
  const body = err.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : '';
  return text ? `: ${text.slice(0, 300)}` : '';
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
