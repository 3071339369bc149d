import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Auth } from './auth/create-auth.ts';
import { createFromTemplate } from './templates/create-from-template.ts';
import { outreachTemplate } from './templates/templates.ts';

export const DEMO_EMAIL = 'demo@flowforge.local';

export type DemoAccount = { email: string; password: string | null; created: boolean };

/**
 * On an empty database, creates the demo account (with its personal workspace, made by the
 * sign-up hook) and keeps its generated password in `<dataDir>/demo-credentials.json`, so each
 * start can print how to sign in.
 */
export async function seedDemo(db: PrismaClient, auth: Auth, dataDir: string): Promise<DemoAccount> {
  const file = path.join(dataDir, 'demo-credentials.json');
  const saved = JSON.parse(await readFile(file, 'utf8').catch(() => 'null')) as { email: string; password: string } | null;
  const exists = await db.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  if (exists) return { email: DEMO_EMAIL, password: saved?.email === DEMO_EMAIL ? saved.password : null, created: false };
  if ((await db.user.count()) > 0) return { email: DEMO_EMAIL, password: null, created: false };

  const password = randomBytes(9).toString('base64url');
  const { user } = await auth.api.signUpEmail({ body: { email: DEMO_EMAIL, password, name: 'Demo User' } });
  // The brief's first use, ready to try: credentials are asked for when it is first opened.
  const workspace = await db.membership.findFirst({ where: { userId: user.id }, select: { workspaceId: true } });
  if (workspace) await createFromTemplate(db, { workspaceId: workspace.workspaceId, userId: user.id, template: outreachTemplate, params: {} });
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify({ email: DEMO_EMAIL, password }, null, 2), { mode: 0o600 });
  return { email: DEMO_EMAIL, password, created: true };
}
