import { z } from 'zod';
import { aiProviderConfig, createChatClient, type ChatMessage } from '../ai/chat-client.ts';
import { compileJsonSchema, readJsonAnswer } from '../ai/json-answer.ts';
import { NodeError } from '../errors.ts';
import type { Item, JsonObject } from '../items.ts';
import { defineNode, type NodeContext } from '../node-api.ts';

export const AI_CREDENTIAL_KIND = 'openAi';

export const AiChatParams = z.object({
  credentialId: z.string().min(1).describe('AI provider credential (OpenAI-compatible)'),
  model: z.string().max(200).optional().describe('Model name; empty uses the credential\'s default model'),
  systemPrompt: z.string().max(100_000).default('').describe('System prompt: the assistant\'s role and rules. {{ }} expressions allowed'),
  prompt: z.string().min(1).max(200_000).describe('User prompt. {{ }} expressions allowed, e.g. {{ $json.name }}'),
  temperature: z.number().min(0).max(2).optional().describe('Sampling temperature, 0 (focused) to 2 (creative)'),
  maxTokens: z.number().int().min(1).max(200_000).optional().describe('Upper bound of tokens in the answer'),
  output: z.enum(['text', 'json']).default('text').describe('text: the answer as a string; json: parsed and validated against jsonSchema'),
  jsonSchema: z.record(z.string(), z.unknown()).optional().describe('JSON Schema the answer must match when output is json'),
  mode: z.enum(['perItem', 'list']).default('perItem').describe('perItem: one call per input item; list: one call for the whole list'),
  outputField: z.string().min(1).max(200).default('ai').describe('Field of the output item that receives the answer'),
  keepInput: z.boolean().default(true).describe('Keep the input item\'s fields next to the answer (perItem mode)'),
});
type AiChatParams = z.output<typeof AiChatParams>;

export const AiErrorCodeJson = { InvalidJson: 'AI_INVALID_JSON', BadSchema: 'AI_BAD_SCHEMA' } as const;

async function ask(ctx: NodeContext<AiChatParams>): Promise<unknown> {
  const p = ctx.params;
  const cred = await ctx.getCredential(p.credentialId, AI_CREDENTIAL_KIND);
  if (cred.apiKey) ctx.redact(cred.apiKey);
  const client = createChatClient(aiProviderConfig(cred), { fetch: ctx.fetch });
  const messages: ChatMessage[] = [];
  if (p.systemPrompt.trim()) messages.push({ role: 'system', content: p.systemPrompt });
  messages.push({ role: 'user', content: p.prompt });
  const request = { model: p.model, temperature: p.temperature, maxTokens: p.maxTokens, signal: ctx.signal };

  if (p.output === 'text') {
    const answer = await client.complete({ ...request, messages });
    ctx.reportUsage(answer.usage);
    return answer.content;
  }

  if (!p.jsonSchema) {
    throw new NodeError('Output is json but no jsonSchema is set', { code: AiErrorCodeJson.BadSchema, field: 'params.jsonSchema', retryable: false });
  }
  const compiled = compileJsonSchema(p.jsonSchema);
  if (!compiled.ok) throw new NodeError(compiled.error, { code: AiErrorCodeJson.BadSchema, field: 'params.jsonSchema', retryable: false });
  const jsonSchema = { name: 'answer', schema: p.jsonSchema };
  const first = await client.complete({ ...request, messages, jsonSchema });
  ctx.reportUsage(first.usage);
  const checked = readJsonAnswer(first.content, compiled.validator);
  if (checked.ok) return checked.value;

  // One repair turn: the model sees its answer and exactly what was wrong with it.
  const repair: ChatMessage[] = [
    ...messages,
    { role: 'assistant', content: first.content.slice(0, 20_000) },
    {
      role: 'user',
      content: `Your answer did not match the required JSON Schema:\n- ${checked.errors.join('\n- ')}\nReply again with only the corrected JSON.`,
    },
  ];
  const second = await client.complete({ ...request, messages: repair, jsonSchema });
  ctx.reportUsage(second.usage);
  const again = readJsonAnswer(second.content, compiled.validator);
  if (again.ok) return again.value;
  throw new NodeError(`The model's answer did not match the JSON Schema after one repair attempt: ${again.errors.slice(0, 5).join('; ')}`, {
    code: AiErrorCodeJson.InvalidJson,
    retryable: false,
    details: { errors: again.errors, answer: second.content.slice(0, 2000) },
  });
}

export const aiChat = defineNode({
  type: 'ai.chat',
  version: 1,
  displayName: 'AI',
  description: 'Asks a chat model (OpenAI-compatible) and outputs its answer as text or validated JSON.',
  docs: [
    'Sends **systemPrompt** and **prompt** (both may use {{ }} expressions) to the model of an AI provider credential.',
    '**output** text puts the answer string in **outputField**; json asks for structured output, parses it and validates it',
    'against **jsonSchema**. An invalid answer is sent back once with the validation errors; a second invalid answer fails the node.',
    '**mode** perItem calls the model once per item; list once for all items (the prompt reads them with {{ $input.all() }}).',
    'Token usage and an estimated cost are recorded with the node run. Rate limits (429) and provider errors (5xx) are retryable:',
    'set retries in the node settings; Retry-After is honoured.',
  ].join('\n'),
  category: 'ai',
  icon: '✨',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: AiChatParams,
  rawParams: ['jsonSchema'],
  credentials: [{ kind: AI_CREDENTIAL_KIND, required: true }],
  runsPerItemFor: (params) => params.mode !== 'list',
  async run(ctx) {
    const answer = await ask(ctx);
    const p = ctx.params;
    const base: JsonObject = p.mode === 'perItem' && p.keepInput ? { ...(ctx.item?.json ?? {}) } : {};
    const out: Item = { json: { ...base, [p.outputField]: answer } };
    return [out];
  },
});
