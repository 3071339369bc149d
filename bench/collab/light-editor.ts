import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { updateNodePosition } from '../../collab/ops/nodes.ts';
import { collabUrl } from '../../server/collab/testing/collab-client.ts';

/** Hocuspocus message types and sync steps (the wire protocol @hocuspocus/provider speaks). */
const SYNC = 0;
const AUTH = 2;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;

function frame(documentName: string, type: number, write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarString(enc, documentName);
  encoding.writeVarUint(enc, type);
  write(enc);
  return encoding.toUint8Array(enc);
}

/**
 * A simulated editor that speaks the Hocuspocus protocol itself over one WebSocket: it
 * authenticates with the session cookie, syncs the document into a Y.Doc, then sends real Yjs
 * updates of its own node. What it receives it only decodes (to time peers' moves), instead of
 * integrating into a Y.Doc as a browser would: hundreds of full providers on the server's two
 * cores would measure the load generator, not the server's fan-out.
 */
export class LightEditor {
  readonly doc = new Y.Doc();
  readonly ready: Promise<void>;
  private readonly ws: WebSocket;

  constructor(
    baseUrl: string,
    cookie: string,
    private readonly workflowId: string,
    private readonly nodeId: string,
    onPeerMove: (sentAt: number) => void,
  ) {
    this.ws = new WebSocket(collabUrl(baseUrl), { headers: { cookie } });
    this.ws.binaryType = 'nodebuffer';
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      this.send(frame(workflowId, SYNC, (enc) => {
        encoding.writeVarUint(enc, UPDATE);
        encoding.writeVarUint8Array(enc, update);
      }));
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.ws.on('error', reject);
      this.ws.on('open', () => {
        this.send(frame(workflowId, AUTH, (enc) => {
          encoding.writeVarUint(enc, AUTH_TOKEN);
          encoding.writeVarString(enc, '');
        }));
        this.send(frame(workflowId, SYNC, (enc) => {
          encoding.writeVarUint(enc, STEP1);
          encoding.writeVarUint8Array(enc, Y.encodeStateVector(this.doc));
        }));
      });
      this.ws.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(data);
        decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        if (type === AUTH && decoding.readVarUint(decoder) === AUTH_DENIED) reject(new Error(decoding.readVarString(decoder)));
        if (type !== SYNC) return;
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === STEP2) {
          Y.applyUpdate(this.doc, payload, this);
          resolve();
        } else if (step === STEP1) {
          this.send(frame(workflowId, SYNC, (enc) => {
            encoding.writeVarUint(enc, STEP2);
            encoding.writeVarUint8Array(enc, Y.encodeStateAsUpdate(this.doc, payload));
          }));
        } else if (step === UPDATE) {
          for (const struct of Y.decodeUpdate(payload).structs) {
            // The server echoes every update to its sender too; only peers' moves count.
            if (struct.id.client === this.doc.clientID) continue;
            if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
              const x = (struct.content.arr[0] as { x?: unknown } | undefined)?.x;
              if (typeof x === 'number' && x > 1e12) onPeerMove(x);
            }
          }
        }
      });
    });
  }

  /** Drags this editor's node: one real Yjs update to the server. */
  move(x: number, y: number): void {
    updateNodePosition(this.doc, this.nodeId, { x, y });
  }

  close(): void {
    this.ws.close();
    this.doc.destroy();
  }

  private send(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }
}
