import { z } from 'zod';
import { NodeError } from '../errors.ts';
import { isItem, isJsonObject, toItems, type Item } from '../items.ts';
import { defineNode } from '../node-api.ts';

type SandboxModule = typeof import('../sandbox/index.ts');

// Loaded on first use: the sandbox brings a WASM engine that runs without Code nodes never need.
let sandbox: Promise<SandboxModule> | undefined;
function loadSandbox(): Promise<SandboxModule> {
  sandbox ??= import('../sandbox/index.ts');
  return sandbox;
}

/** Accepts what user code returns: an array of items or plain objects (or one object); anything else is an error. */
export function normaliseCodeResult(result: unknown): Item[] {
  if (result === undefined || result === null) return [];
  if (Array.isArray(result)) {
    for (const value of result) {
      if (!isJsonObject(value)) {
        throw new NodeError('Code must return an array of objects (or of { json } items)', { code: 'CODE_INVALID_RESULT', retryable: false });
      }
    }
    return result.map((value) => (isItem(value) ? { json: value.json } : { json: value as Record<string, unknown> }));
  }
  if (isJsonObject(result)) return toItems([result]);
  throw new NodeError(`Code must return an array of items, got ${typeof result}`, { code: 'CODE_INVALID_RESULT', retryable: false });
}

export const code = defineNode({
  type: 'core.code',
  version: 1,
  displayName: 'Code',
  description: 'Runs JavaScript on the items, in a sandbox.',
  docs: [
    'The code is the body of an async function. It sees `items` (the input, an array of `{ json }`), `$json` (the first',
    'item\'s JSON), `$run`, `$workflow` and `$now`, and returns an array of items or of plain objects.',
    'It runs in an isolated sandbox with no access to the network, the file system or the process, limited by',
    '**timeoutMs** and **memoryLimitMb**. `console.log` goes to the run log. `{{ }}` in the code is not an expression:',
    'the code is taken literally.',
    '```js\nreturn items.map(({ json }) => ({ ...json, total: json.price * json.qty }));\n```',
  ].join('\n'),
  category: 'data',
  icon: '🧑‍💻',
  inputs: [{ name: 'main' }],
  outputs: [{ name: 'main' }],
  params: z.object({
    code: z.string().min(1).max(200_000).default('return items;').describe('JavaScript function body; return the new items'),
    timeoutMs: z.number().int().min(10).max(60_000).default(1000).describe('CPU time limit'),
    memoryLimitMb: z.number().int().min(8).max(1024).default(64).describe('Memory limit'),
  }),
  rawParams: ['code'],
  runsPerItem: false,
  async run(ctx) {
    const { runInSandbox, SandboxError } = await loadSandbox();
    const globals = {
      items: ctx.items.map((i) => ({ json: i.json })),
      $json: ctx.items[0]?.json ?? {},
      $run: { id: ctx.run.id, startedAt: ctx.run.startedAt, trigger: ctx.run.trigger },
      $workflow: ctx.run.workflow,
      $now: ctx.clock.now(),
    };
    let result: unknown;
    try {
      result = await runInSandbox(ctx.params.code, globals, {
        timeoutMs: ctx.params.timeoutMs,
        memoryLimitBytes: ctx.params.memoryLimitMb * 1024 * 1024,
        // console.* inside the sandbox goes to the run's logger (redacted like every log line).
        onLog: ({ level, message }) => ctx.logger[level === 'log' ? 'info' : level](message, { source: 'code' }),
      });
    } catch (err) {
      if (err instanceof SandboxError) throw new NodeError(err.message, { code: err.code, retryable: false, cause: err });
      throw err;
    }
    return normaliseCodeResult(result);
  },
});
