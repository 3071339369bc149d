import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.ts';

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'workspace';
}

/** Creates a workspace with `ownerId` as its owner; the slug gets a random suffix when taken. */
export async function createWorkspace(db: PrismaClient, ownerId: string, name: string) {
  const base = slugify(name);
  for (let attempt = 0; ; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`;
    const taken = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
    if (taken && attempt < 5) continue;
    return db.workspace.create({
      data: { name, slug, memberships: { create: { userId: ownerId, role: 'owner' } } },
    });
  }
}
