import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { createWorkspace } from '../workspaces/create-workspace.ts';

/** The header our HTTP layer sets from the socket's address; clients cannot forge it. */
export const CLIENT_IP_HEADER = 'x-flowforge-client-ip';

export type CreateAuthOptions = {
  prisma: PrismaClient;
  secret: string;
  baseURL: string;
  /** Sign-in attempts allowed per client address per minute. */
  signInPerMinute?: number;
};

/**
 * Accounts, sessions (httpOnly cookies) and password hashing (scrypt) by better-auth.
 * Sign-in and sign-up are rate limited per client address, counted in the database so
 * every web process shares the same budget.
 */
export function createAuth({ prisma, secret, baseURL, signInPerMinute = 10 }: CreateAuthOptions) {
  return betterAuth({
    appName: 'FlowForge',
    baseURL,
    basePath: '/api/auth',
    secret,
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      // A signed copy of the session in a cookie spares a database read per request.
      cookieCache: { enabled: true, maxAge: 60 },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: signInPerMinute },
        '/sign-up/email': { window: 60, max: signInPerMinute },
      },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: baseURL.startsWith('https://'),
    },
    databaseHooks: {
      user: {
        create: {
          // Everyone starts with a personal workspace they own.
          after: async (user) => {
            const first = user.name.trim().split(/\s+/)[0] || 'My';
            await createWorkspace(prisma, user.id, `${first}'s workspace`);
          },
        },
      },
    },
    trustedOrigins: [baseURL],
    telemetry: { enabled: false },
    // Failed sign-ins are expected traffic, not warnings worth a log line each.
    logger: { level: 'error' },
  });
}

export type Auth = ReturnType<typeof createAuth>;
