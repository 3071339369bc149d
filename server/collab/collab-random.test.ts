import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabError } from '../../collab/errors.ts';
import { addEdge, removeEdge } from '../../collab/ops/edges.ts';
import { addNode, removeNode, updateNodePosition } from '../../collab/ops/nodes.ts';
import { editParamText, setParam } from '../../collab/ops/params.ts';
import { findViolations } from '../../collab/schema-guard.ts';
import { definitionFromDoc, edgesOf, nodesOf } from '../../collab/workflow-doc.ts';
import { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { addMember } from './testing/collab-fixture.ts';
import { cookieOf, eventually, openDoc, openSocket, type DocClient } from './testing/collab-client.ts';

/**
 * Randomized convergence: many small scripts, each 3–5 editors hammering one document with
 * random edits (same and different nodes, text, edges, removals) while their connections drop
 * and come back. Every script must end with every editor and the server holding the same,
 * schema-valid document. Seeded: a failure names the seed that reproduces it
 * (COLLAB_FUZZ_SEED=<seed> COLLAB_FUZZ_SCRIPTS=1 to rerun one).
 */
const SCRIPTS = Number(process.env.COLLAB_FUZZ_SCRIPTS ?? 200);
const BASE_SEED = Number(process.env.COLLAB_FUZZ_SEED ?? 0x5eed);
/** Scripts run in this many independent lanes (each with its own sockets) at once. */
const LANES = 4;
const MAX_CLIENTS = 5;

// All scripts run against one server (the database plays no part in convergence): PostgreSQL
// when reachable, since a new PGlite costs seconds the 60 s budget of this file cannot spare.
const target = (await databaseTargets()).at(-1)!;

/** mulberry32: small, fast, good enough for test scripts. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)],
  };
}
type Rng = ReturnType<typeof prng>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Brings a socket back after `disconnect()`. The provider ignores `connect()` until the old
 * socket has reported its close, so wait for that first.
 */
async function reconnect(socket: HocuspocusProviderWebsocket): Promise<void> {
  await eventually(() => expect(socket.status).toBe('disconnected'), 5_000, 2);
  void socket.connect();
}
const TYPES = ['core.set', 'core.noOp', 'core.code', 'core.httpRequest', 'core.if'];

/** One random edit by one client; refusals of the typed operations are part of the game. */
function randomEdit(rng: Rng, doc: Y.Doc, who: number, counter: { n: number }): void {
  const nodes = [...nodesOf(doc).keys()];
  const edges = [...edgesOf(doc).keys()];
  const id = () => `c${who}-${counter.n++}`;
  const roll = rng.next();
  try {
    if (roll < 0.2 || nodes.length < 2) {
      const nodeId = id();
      addNode(doc, { id: nodeId, type: rng.pick(TYPES)!, name: `N ${nodeId}`, position: { x: rng.int(1000), y: rng.int(1000) }, params: { prompt: 'hello' } });
    } else if (roll < 0.4) {
      updateNodePosition(doc, rng.pick(nodes)!, { x: rng.int(2000) - 1000, y: rng.int(2000) - 1000 });
    } else if (roll < 0.55) {
      const text = rng.next() < 0.7 ? { index: rng.int(8), insert: String.fromCharCode(97 + rng.int(26)).repeat(1 + rng.int(3)) } : { index: rng.int(5), deleteCount: 1 + rng.int(3) };
      editParamText(doc, rng.pick(nodes)!, 'prompt', text);
    } else if (roll < 0.65) {
      setParam(doc, rng.pick(nodes)!, rng.pick(['url', 'mode', 'count'])!, rng.next() < 0.5 ? rng.int(100) : `v${rng.int(100)}`);
    } else if (roll < 0.82) {
      addEdge(doc, { id: id(), source: rng.pick(nodes)!, target: rng.pick(nodes)! });
    } else if (roll < 0.9 && edges.length > 0) {
      removeEdge(doc, rng.pick(edges)!);
    } else {
      removeNode(doc, rng.pick(nodes)!);
    }
  } catch (err) {
    if (!(err instanceof CollabError)) throw err;
  }
}

describe(`randomized editing on ${target}`, () => {
  let srv: TestServer;
  let cookies: string[];
  let workflowIds: string[];
  /** Per lane, MAX_CLIENTS long-lived sockets (one per simulated tab) reused by every script. */
  let lanes: HocuspocusProviderWebsocket[][];

  beforeAll(async () => {
    srv = await startTestServer(target);
    const owner = await TestUser.signUp(srv.url, 'Fuzz Owner', `fuzz-owner-${target}@example.com`);
    const editor = await TestUser.signUp(srv.url, 'Fuzz Editor', `fuzz-editor-${target}@example.com`);
    const ws = await owner.api.workspace.create.mutate({ name: 'Fuzz' });
    await addMember(owner, editor, ws.id, 'editor');
    cookies = [cookieOf(owner), cookieOf(editor)];
    const ownerId = (await owner.api.me.query())!.id;
    workflowIds = Array.from({ length: SCRIPTS }, () => crypto.randomUUID());
    await srv.db.prisma.workflow.createMany({
      data: workflowIds.map((id, i) => ({ id, workspaceId: ws.id, name: `Fuzz ${i}`, createdById: ownerId })),
    });
    lanes = Array.from({ length: LANES }, () =>
      Array.from({ length: MAX_CLIENTS }, (_, i) => openSocket({ baseUrl: srv.url, cookie: cookies[i % cookies.length]! })),
    );
  }, 60_000);

  afterAll(async () => {
    for (const socket of lanes?.flat() ?? []) socket.destroy();
    await srv?.stop();
  });

  async function runScript(index: number, sockets: HocuspocusProviderWebsocket[]): Promise<void> {
    const seed = BASE_SEED + index;
    const rng = prng(seed);
    const workflowId = workflowIds[index]!;
    const count = 3 + rng.int(3);
    const clients: DocClient[] = sockets.slice(0, count).map((socket) => openDoc(socket, workflowId));
    const counters = clients.map(() => ({ n: 0 }));
    try {
      await Promise.all(clients.map((c) => c.synced));
      const offline = new Set<number>();
      const steps = 15 + rng.int(15);
      for (let step = 0; step < steps; step++) {
        const who = rng.int(count);
        const roll = rng.next();
        if (roll < 0.06 && !offline.has(who)) {
          sockets[who]!.disconnect();
          offline.add(who);
        } else if (roll < 0.12 && offline.has(who)) {
          await reconnect(sockets[who]!);
          offline.delete(who);
        } else {
          randomEdit(rng, clients[who]!.doc, who, counters[who]!);
        }
        if (rng.next() < 0.3) await sleep(rng.int(4));
      }
      await Promise.all([...offline].map((who) => reconnect(sockets[who]!)));
      await eventually(async () => {
        const server = await srv.collab.read(workflowId);
        const vector = Buffer.from(Y.encodeStateVector(server)).toString('base64');
        for (const c of clients) expect(Buffer.from(Y.encodeStateVector(c.doc)).toString('base64')).toBe(vector);
        const expected = definitionFromDoc(server);
        for (const c of clients) expect(definitionFromDoc(c.doc)).toEqual(expected);
        expect(findViolations(server)).toEqual([]);
      }, 10_000, 5);
    } catch (err) {
      throw new Error(`script ${index} (COLLAB_FUZZ_SEED=${seed} COLLAB_FUZZ_SCRIPTS=1) failed: ${(err as Error).message}`, { cause: err });
    } finally {
      for (const c of clients) c.provider.destroy();
    }
  }

  it(`${SCRIPTS} scripts of 3–${MAX_CLIENTS} editors with random disconnects all converge`, async () => {
    let next = 0;
    await Promise.all(
      lanes.map(async (sockets) => {
        while (next < SCRIPTS) await runScript(next++, sockets);
      }),
    );
    expect(next).toBeGreaterThanOrEqual(SCRIPTS);
  }, 120_000);
});
