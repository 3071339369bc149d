import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Auth } from '../auth/create-auth.ts';

export type SessionUser = { id: string; name: string; email: string };

/** What every tRPC procedure receives. Services are injected so tests pass real ones. */
export type ApiContext = {
  db: PrismaClient;
  user: SessionUser | null;
  publicUrl: string;
};

export type ApiServices = { db: PrismaClient; auth: Auth; publicUrl: string };

export async function createContext(services: ApiServices, headers: Headers): Promise<ApiContext> {
  const session = await services.auth.api.getSession({ headers }).catch(() => null);
  const user = session?.user ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
  return { db: services.db, user, publicUrl: services.publicUrl };
}
