// Child process of bench/collab/run.ts: simulated editors, each on its own WebSocket (like one
// browser tab), each dragging its own node of its document at a fixed rate. Every position it
// writes carries the send time, so each peer that receives it records sender → peer latency.
// Editors are `light` (LightEditor: the wire protocol, receive = decode only) or `provider`
// (a full @hocuspocus/provider that integrates every update, as a browser does).
// Protocol on stdin/stdout, one JSON line each:
//   in:  {url, cookie, workflowIds, editors, offset, hz, mode}  out: {ready: true}
//   in:  {go: {recordFrom, recordTo}}                           out: {sent, samples: number[], cpuMs}
//   in:  {quit: true}
import { createInterface } from 'node:readline';
import type * as Y from 'yjs';
import { updateNodePosition } from '../../collab/ops/nodes.ts';
import { nodesOf } from '../../collab/workflow-doc.ts';
import { openDoc, openSocket } from '../../server/collab/testing/collab-client.ts';
import { LightEditor } from './light-editor.ts';

type Setup = { url: string; cookie: string; workflowIds: string[]; editors: number; offset: number; hz: number; mode: 'light' | 'provider' };
type Editor = { ready: Promise<void>; move(x: number, y: number): void; close(): void };

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const read = async <T>() => JSON.parse(((await lines.next()).value as string | undefined) ?? 'null') as T;
const send = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
/** Wall-clock ms with sub-ms precision, comparable across processes on one machine. */
const now = () => performance.timeOrigin + performance.now();

const setup = await read<Setup>();
const documents = setup.workflowIds.length;
let recordFrom = Number.POSITIVE_INFINITY;
let recordTo = Number.NEGATIVE_INFINITY;
const samples: number[] = [];
let sent = 0;

const record = (sentAt: number) => {
  const at = now();
  if (at >= recordFrom && at <= recordTo) samples.push(Math.round((at - sentAt) * 100) / 100);
};

function providerEditor(workflowId: string, nodeId: string): Editor {
  const client = openDoc(openSocket({ baseUrl: setup.url, cookie: setup.cookie }), workflowId);
  client.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin !== client.provider) return;
    for (const [type, keys] of tr.changed) {
      if (!keys.has('position')) continue;
      const x = (type as unknown as Y.Map<{ x: number }>).get('position')?.x;
      if (typeof x === 'number' && x > 1e12) record(x);
    }
  });
  return {
    ready: client.synced.then(() => {
      if (!nodesOf(client.doc).has(nodeId)) throw new Error(`document has no node ${nodeId}`);
    }),
    move: (x, y) => updateNodePosition(client.doc, nodeId, { x, y }),
    close: () => client.destroy(),
  };
}

const editors = Array.from({ length: setup.editors }, (_, k) => {
  const global = setup.offset + k;
  const workflowId = setup.workflowIds[global % documents]!;
  // Each editor drags its own node; node n0 is the trigger.
  const nodeId = `n${1 + Math.floor(global / documents)}`;
  const editor: Editor = setup.mode === 'provider' ? providerEditor(workflowId, nodeId) : new LightEditor(setup.url, setup.cookie, workflowId, nodeId, record);
  return { editor, global };
});

await Promise.all(editors.map((e) => e.editor.ready));
send({ ready: true });

const { go } = await read<{ go: { recordFrom: number; recordTo: number } }>();
recordFrom = go.recordFrom;
recordTo = go.recordTo;
let cpuAtStart = process.cpuUsage();
setTimeout(() => (cpuAtStart = process.cpuUsage()), Math.max(0, recordFrom - now()));
const period = 1000 / setup.hz;
const intervals: NodeJS.Timeout[] = [];
// Editors start at random phases, as people do, instead of all in the same millisecond.
const starts = editors.map((e) =>
  setTimeout(() => {
    const tick = () => {
      const at = now();
      e.editor.move(at, e.global);
      if (at >= recordFrom && at <= recordTo) sent++;
    };
    tick();
    intervals.push(setInterval(tick, period));
  }, Math.random() * period),
);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, recordTo - now()) + 300));
for (const t of starts) clearTimeout(t);
for (const t of intervals) clearInterval(t);
const cpu = process.cpuUsage(cpuAtStart);
send({ sent, samples, cpuMs: (cpu.user + cpu.system) / 1000 });

await read<{ quit: true }>();
for (const e of editors) e.editor.close();
process.exit(0);
