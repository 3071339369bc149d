import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { SessionUser } from '../auth/session-cache.ts';
import type { CollabService } from '../collab/collab-service.ts';
import type { Runtime } from '../runtime.ts';

export type { SessionUser };

/** What every tRPC procedure receives. Services are injected so tests pass real ones. */
export type ApiContext = {
  db: PrismaClient;
  user: SessionUser | null;
  publicUrl: string;
  /** The run engine (queue, runs, triggers); absent only in processes that serve no runs. */
  runtime?: Runtime;
  /** Live workflow documents (Hocuspocus): versions read and restore through it. */
  collab: CollabService;
};

export type ApiServices = {
  db: PrismaClient;
  publicUrl: string;
  runtime?: Runtime;
  collab: CollabService;
  resolveUser: (headers: Headers) => Promise<SessionUser | null>;
};

export async function createContext(services: ApiServices, headers: Headers): Promise<ApiContext> {
  return {
    db: services.db,
    user: await services.resolveUser(headers),
    publicUrl: services.publicUrl,
    collab: services.collab,
    ...(services.runtime ? { runtime: services.runtime } : {}),
  };
}
