import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { defineNode } from '../node-api.ts';
import { createHarness } from '../testing/harness.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { workflow } from '../testing/workflow-builder.ts';
import { REDACTED } from './redact.ts';

const TOKEN = 'tok_live_9f8e7d6c5b4a';

let server: TestServer;
beforeAll(async () => {
  // An API that echoes what it received, as many do in error messages.
  server = await startTestServer((req) =>
    req.path === '/fail'
      ? { status: 400, body: `bad token ${req.headers.authorization}` }
      : { body: { youSent: req.headers.authorization, note: `key=${TOKEN}` } },
  );
});
afterAll(() => server.close());

describe('executeRun: credential redaction', () => {
  it('removes credential values from stored data, events and the outcome', async () => {
    const h = createHarness();
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['h', 'core.httpRequest', { url: `${server.url}/echo`, auth: { kind: 'httpBearer', credentialId: 'cred-1' } }],
        ['r', 'test.record'],
      ],
      ['t -> h', 'h -> r'],
    );
    const outcome = await h.run(def, {
      httpAllowList: ['127.0.0.1'],
      credentials: async (id): Promise<Record<string, string>> => (id === 'cred-1' ? { token: TOKEN } : {}),
    });
    expect(outcome.status).toBe('succeeded');
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(outcome.output).toEqual([{ json: { youSent: `Bearer ${REDACTED}`, note: `key=${REDACTED}`, path: ['r'] } }]);
    const everything = JSON.stringify([h.sink.events, h.store.getNodeRun(outcome.runId, 'h'), h.store.getNodeRun(outcome.runId, 'r')]);
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain(REDACTED);
  });

  it('redacts secrets from error messages too', async () => {
    const h = createHarness();
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['h', 'core.httpRequest', { url: `${server.url}/fail`, auth: { kind: 'httpBearer', credentialId: 'c' } }],
      ],
      ['t -> h'],
    );
    const outcome = await h.run(def, { httpAllowList: ['127.0.0.1'], credentials: async () => ({ token: TOKEN }) });
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'HTTP_STATUS' } });
    expect(JSON.stringify([outcome, h.sink.events, h.store.getNodeRun(outcome.runId, 'h')])).not.toContain(TOKEN);
  });

  it('fails clearly when a credential is missing or malformed', async () => {
    const h = createHarness();
    const def = workflow(
      [
        ['t', 'core.manualTrigger'],
        ['h', 'core.httpRequest', { url: `${server.url}/x`, auth: { kind: 'httpBasic', credentialId: 'c' } }],
      ],
      ['t -> h'],
    );
    expect(await h.run(def, { httpAllowList: ['127.0.0.1'] })).toMatchObject({ error: { code: 'CREDENTIAL_MISSING' } });
    const bad = await h.run(def, { httpAllowList: ['127.0.0.1'], credentials: async () => ({ user: 'x', secret: 'hunter22' }) });
    expect(bad).toMatchObject({ error: { code: 'CREDENTIAL_INVALID' } });
    expect(JSON.stringify(bad)).not.toContain('hunter22');
  });
});

describe('executeRun: redaction of logs', () => {
  it('redacts what nodes log', async () => {
    const h = createHarness();
    h.registry.register(
      defineNode({
        type: 'test.leaky',
        version: 1,
        displayName: 'Leaky',
        description: '',
        docs: '',
        category: 'utility',
        icon: '!',
        inputs: [{ name: 'main' }],
        outputs: [{ name: 'main' }],
        params: z.object({}),
        async run(ctx) {
          const cred = await ctx.getCredential('c', 'httpBearer');
          ctx.logger.info(`using ${cred.token}`, { token: cred.token });
          return ctx.items;
        },
      }),
    );
    const lines: unknown[] = [];
    const log = (message: string, fields?: Record<string, unknown>) => void lines.push([message, fields]);
    const logger: Logger = { debug: log, info: log, warn: log, error: log };
    const outcome = await h.run(workflow([['t', 'core.manualTrigger'], ['l', 'test.leaky']], ['t -> l']), {
      logger,
      credentials: async () => ({ token: TOKEN }),
    });
    expect(outcome.status).toBe('succeeded');
    expect(lines).toEqual([[`using ${REDACTED}`, { runId: outcome.runId, nodeId: 'l', token: REDACTED }]]);
  });
});
