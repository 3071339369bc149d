import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { sendJson } from './send-json.ts';

const startedAt = Date.now();

/** `/healthz`: the process answers. `/readyz`: it can also reach its database. */
export function createHealthHandlers(db: PrismaClient, databaseKind: string) {
  return {
    healthz(_req: IncomingMessage, res: ServerResponse) {
      sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
    },
    async readyz(_req: IncomingMessage, res: ServerResponse) {
      const t0 = performance.now();
      try {
        await db.$queryRawUnsafe('SELECT 1');
        sendJson(res, 200, { status: 'ready', database: databaseKind, latencyMs: +(performance.now() - t0).toFixed(1) });
      } catch (err) {
        sendJson(res, 503, { status: 'unavailable', database: databaseKind, error: (err as Error).message });
      }
    },
  };
}
