import { z } from 'zod';
import { NodeError } from '../errors.ts';
import type { Item } from '../items.ts';
import { defineNode, type AnyNodeDefinition } from '../node-api.ts';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Shared state of the test nodes: what ran, in which order, and gates the test opens. */
export class TestProbe {
  readonly log: string[] = [];
  readonly calls = new Map<string, number>();
  private readonly gates = new Map<string, Deferred>();
  private readonly waiters: { predicate: () => boolean; resolve: () => void }[] = [];

  record(entry: string): void {
    this.log.push(entry);
    for (const w of [...this.waiters]) {
      if (w.predicate()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  count(nodeId: string): number {
    return this.calls.get(nodeId) ?? 0;
  }

  bump(nodeId: string): number {
    const n = this.count(nodeId) + 1;
    this.calls.set(nodeId, n);
    return n;
  }

  gate(nodeId: string): Promise<void> {
    let gate = this.gates.get(nodeId);
    if (!gate) {
      gate = deferred();
      this.gates.set(nodeId, gate);
    }
    return gate.promise;
  }

  release(nodeId: string): void {
    this.gate(nodeId);
    this.gates.get(nodeId)?.resolve();
  }

  /** Resolves once `entry` (e.g. `start:a`) has been logged. */
  waitFor(entry: string): Promise<void> {
    if (this.log.includes(entry)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ predicate: () => this.log.includes(entry), resolve }));
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    promise.then(resolve, reject);
  });
}

/** Node types for executor tests; every one logs `start:<id>` / `end:<id>` to the probe. */
export function createTestNodes(probe: TestProbe): AnyNodeDefinition[] {
  const base = { version: 1, docs: 'Test node.', description: 'Test node.', category: 'utility' as const, icon: '🧪' };
  return [
    defineNode({
      ...base,
      type: 'test.record',
      displayName: 'Record',
      inputs: [{ name: 'main' }],
      outputs: [{ name: 'main' }],
      params: z.object({ tag: z.string().optional() }),
      runsPerItem: false,
      run(ctx) {
        probe.bump(ctx.node.id);
        probe.record(`start:${ctx.node.id}`);
        probe.record(`end:${ctx.node.id}`);
        return ctx.items.map((i) => ({ json: { ...i.json, path: [...((i.json.path as string[]) ?? []), ctx.node.id] } }));
      },
    }),
    defineNode({
      ...base,
      type: 'test.emit',
      displayName: 'Emit',
      inputs: [{ name: 'main' }],
      outputs: [{ name: 'main' }],
      params: z.object({ items: z.array(z.record(z.string(), z.unknown())).default([]) }),
      runsPerItem: false,
      run(ctx) {
        probe.bump(ctx.node.id);
        probe.record(`start:${ctx.node.id}`);
        probe.record(`end:${ctx.node.id}`);
        return ctx.params.items.map((json) => ({ json }));
      },
    }),
    defineNode({
      ...base,
      type: 'test.gate',
      displayName: 'Gate',
      inputs: [{ name: 'main' }],
      outputs: [{ name: 'main' }],
      params: z.object({}),
      runsPerItem: false,
      async run(ctx) {
        probe.bump(ctx.node.id);
        probe.record(`start:${ctx.node.id}`);
        await abortable(probe.gate(ctx.node.id), ctx.signal);
        probe.record(`end:${ctx.node.id}`);
        return ctx.items;
      },
    }),
    defineNode({
      ...base,
      type: 'test.sleep',
      displayName: 'Sleep',
      inputs: [{ name: 'main' }],
      outputs: [{ name: 'main' }],
      params: z.object({ ms: z.number().int().min(0) }),
      runsPerItem: false,
      async run(ctx) {
        probe.bump(ctx.node.id);
        probe.record(`start:${ctx.node.id}@${ctx.clock.now()}`);
        await ctx.clock.sleep(ctx.params.ms, ctx.signal);
        probe.record(`end:${ctx.node.id}@${ctx.clock.now()}`);
        return ctx.items;
      },
    }),
    defineNode({
      ...base,
      type: 'test.hang',
      displayName: 'Hang',
      inputs: [{ name: 'main' }],
      outputs: [{ name: 'main' }],
      params: z.object({ ignoreSignal: z.boolean().default(false) }),
      runsPerItem: false,
      run(ctx): Promise<Item[]> {
        probe.bump(ctx.node.id);
        probe.record(`start:${ctx.node.id}`);
        if (ctx.params.ignoreSignal) return new Promise(() => {});
        return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }));
      },
    }),
    defineNode({
      ...base,
      type: 'test.flaky',
      displayName: 'Flaky',
      inputs: [{ name: 'main' }],
      outputs: [{ name: 'main' }],
      params: z.object({
        failTimes: z.number().int().min(0).default(1_000_000),
        /** Only items whose json has this truthy field fail (per-item mode). */
        failWhen: z.string().optional(),
        retryable: z.boolean().default(true),
        message: z.string().default('boom'),
      }),
      run(ctx) {
        const n = probe.bump(ctx.node.id);
        probe.record(`start:${ctx.node.id}`);
        const selected = ctx.params.failWhen === undefined || Boolean(ctx.item?.json[ctx.params.failWhen]);
        if (selected && n <= ctx.params.failTimes) {
          throw new NodeError(ctx.params.message, { code: 'TEST_FAILURE', retryable: ctx.params.retryable });
        }
        probe.record(`end:${ctx.node.id}`);
        return ctx.item ? [ctx.item] : [];
      },
    }),
  ] as AnyNodeDefinition[];
}
