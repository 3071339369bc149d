import { aiProviderConfig, createChatClient, type AiProviderConfig, type ChatClient } from '../../engine/ai/chat-client.ts';
import { AI_CREDENTIAL_KIND } from '../../engine/nodes/ai-chat.ts';
import type { FetchLike } from '../../engine/node-api.ts';
import { createGuardedFetch } from '../../engine/net/guarded-fetch.ts';
import type { NodeRegistry } from '../../engine/registry.ts';
import type { WorkflowDefinition } from '../../engine/definition.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { decryptSecret } from '../credentials/cipher.ts';
import type { FailureContext } from './copilot-prompts.ts';
import { describeWorkflow, explainSystemPrompt } from './copilot-prompts.ts';
import { draftProposal, type DraftMode, type DraftOutcome } from './draft-proposal.ts';

export const CopilotErrorCode = {
  NotConfigured: 'NOT_CONFIGURED',
  CredentialNotFound: 'CREDENTIAL_NOT_FOUND',
  RunNotFound: 'RUN_NOT_FOUND',
  NothingFailed: 'NOTHING_FAILED',
} as const;
export type CopilotErrorCode = (typeof CopilotErrorCode)[keyof typeof CopilotErrorCode];

export class CopilotError extends Error {
  override name = 'CopilotError';
  constructor(
    readonly code: CopilotErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type CopilotDeps = {
  db: PrismaClient;
  registry: NodeRegistry;
  encryptionKey: Buffer;
  /** Hosts the provider may live on although private (a local Ollama): the HTTP node's allow-list. */
  httpAllowList?: readonly string[];
  fetch?: FetchLike;
  /** Largest model answer accepted, bytes (default 1 MiB): a proposal is never bigger. */
  maxAnswerBytes?: number;
};

export type ProviderChoice = { id: string; name: string; model: string; baseUrl: string };

/**
 * The copilot: drafts, changes, fixes and explains workflows with the workspace's AI provider
 * (an `openAi` credential). It only proposes: the browser applies an accepted proposal to the
 * shared document itself, as one step of that user's undo history.
 */
export function createCopilotService(deps: CopilotDeps) {
  const fetch = createGuardedFetch(deps.fetch ?? (globalThis.fetch as FetchLike), { allowList: deps.httpAllowList ?? [] });

  async function providers(workspaceId: string): Promise<(ProviderChoice & { config: AiProviderConfig })[]> {
    const rows = await deps.db.credential.findMany({
      where: { workspaceId, kind: AI_CREDENTIAL_KIND },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, encrypted: true },
    });
    return rows.map((row) => {
      const data = JSON.parse(decryptSecret(deps.encryptionKey, row.encrypted, workspaceId)) as Record<string, string>;
      const config = aiProviderConfig(data);
      return { id: row.id, name: row.name, model: config.defaultModel, baseUrl: config.baseUrl, config };
    });
  }

  async function clientFor(workspaceId: string, credentialId: string | undefined): Promise<ChatClient> {
    const all = await providers(workspaceId);
    if (all.length === 0) {
      throw new CopilotError(
        'NOT_CONFIGURED',
        'No AI provider is configured for this workspace. Add a credential of kind "AI provider (OpenAI-compatible)" in Settings → Credentials.',
      );
    }
    const chosen = credentialId ? all.find((p) => p.id === credentialId) : all[0];
    if (!chosen) throw new CopilotError('CREDENTIAL_NOT_FOUND', 'That AI provider credential does not exist in this workspace');
    return createChatClient(chosen.config, { fetch, maxAnswerBytes: deps.maxAnswerBytes ?? 1024 * 1024 });
  }

  async function failureOf(workflowId: string, runId: string, nodeId: string | undefined): Promise<FailureContext> {
    const run = await deps.db.execution.findFirst({ where: { id: runId, workflowId }, select: { id: true, version: { select: { definition: true } } } });
    if (!run) throw new CopilotError('RUN_NOT_FOUND', 'Run not found');
    const failed = await deps.db.nodeRun.findFirst({
      where: { executionId: runId, status: 'failed', ...(nodeId ? { nodeId } : {}) },
      orderBy: [{ finishedAt: 'desc' }, { attempt: 'desc' }],
      select: { nodeId: true, error: true, input: true },
    });
    if (!failed) throw new CopilotError('NOTHING_FAILED', 'No node failed in this run');
    const definition = run.version?.definition as { nodes?: { id: string; name: string }[] } | null;
    const error = (failed.error ?? {}) as { code?: string; message?: string };
    return {
      nodeId: failed.nodeId,
      nodeName: definition?.nodes?.find((n) => n.id === failed.nodeId)?.name ?? failed.nodeId,
      error: { code: error.code ?? 'NODE_ERROR', message: error.message ?? 'failed' },
      input: failed.input,
    };
  }

  return {
    /** The workspace's AI providers (no secrets), for the panel's picker and "configure" hint. */
    async status(workspaceId: string): Promise<{ configured: boolean; providers: ProviderChoice[] }> {
      const all = await providers(workspaceId);
      return { configured: all.length > 0, providers: all.map(({ id, name, model, baseUrl }) => ({ id, name, model, baseUrl })) };
    },

    async draft(input: {
      workspaceId: string;
      workflowId: string;
      /** The live document as a definition (the caller reads it from collab). */
      current: WorkflowDefinition;
      mode: DraftMode;
      prompt: string;
      credentialId?: string | undefined;
      runId?: string | undefined;
      nodeId?: string | undefined;
      signal?: AbortSignal;
    }): Promise<DraftOutcome> {
      const client = await clientFor(input.workspaceId, input.credentialId);
      const { current } = input;
      const failure = input.mode === 'fix' && input.runId ? await failureOf(input.workflowId, input.runId, input.nodeId) : undefined;
      return draftProposal(client, deps.registry, {
        mode: input.mode,
        request: input.prompt,
        current,
        ...(failure ? { failure } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
      });
    },

    /** Streams an explanation of the current document, delta by delta. */
    async *explain(input: { workspaceId: string; current: WorkflowDefinition; credentialId?: string | undefined; signal?: AbortSignal }): AsyncGenerator<string> {
      const client = await clientFor(input.workspaceId, input.credentialId);
      const { current } = input;
      const queue: string[] = [];
      let wake: (() => void) | null = null;
      let finished = false;
      let failure: unknown = null;
      void client
        .stream(
          {
            messages: [
              { role: 'system', content: explainSystemPrompt(deps.registry.list()) },
              { role: 'user', content: `${describeWorkflow(current)}\n\nExplain this workflow.` },
            ],
            temperature: 0.3,
            signal: input.signal,
          },
          (delta) => {
            queue.push(delta);
            wake?.();
          },
        )
        .catch((err: unknown) => (failure = err))
        .finally(() => {
          finished = true;
          wake?.();
        });
      for (;;) {
        if (queue.length > 0) {
          yield queue.splice(0).join('');
          continue;
        }
        if (finished) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      if (failure) throw failure;
    },
  };
}

export type CopilotService = ReturnType<typeof createCopilotService>;
