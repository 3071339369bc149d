import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../../generated/prisma/client.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { applyMigrations } from './migrate.ts';

export type Database = {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** Names of the migrations this open applied (empty when already up to date). */
  applied: string[];
  close(): Promise<void>;
};

export type OpenDatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number; migrate?: boolean }
  | { kind: 'pglite'; dataDir: string; migrate?: boolean };

/**
 * Opens the app's database and brings its schema up to date. PostgreSQL goes through
 * `pg`; the embedded default is PGlite in `<dataDir>/pgdata`, locked to this process.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const factory = new PrismaPg({ connectionString: options.url, max: options.poolSize ?? 10 });
    const applied = options.migrate === false ? [] : await applyMigrations(factory);
    const prisma = new PrismaClient({ adapter: factory, transactionOptions: { maxWait: 10_000 } });
    return { prisma, kind: 'postgres', applied, close: () => prisma.$disconnect() };
  }

  await mkdir(options.dataDir, { recursive: true });
  const lock: DataDirLock = await lockDataDir(options.dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    // PGlite never fsyncs, so it survives a killed process but not power loss (STACK-NOTES).
    // Within that guarantee, deferring its file sync and WAL flush makes writes ~3.5x faster:
    // a crash can lose the last instants of writes as a suffix (runs resume from the last
    // checkpoint that made it), never leave them half-applied.
    const pglite = await PGlite.create(path.join(options.dataDir, 'pgdata'), {
      relaxedDurability: true,
      postgresqlconf: ['synchronous_commit=off', 'full_page_writes=off'],
    });
    const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
    const applied = options.migrate === false ? [] : await applyMigrations(factory);
    // PGlite serialises every query: interactive transactions queue, so allow them to wait.
    const prisma = new PrismaClient({ adapter: factory, transactionOptions: { maxWait: 30_000, timeout: 30_000 } });
    return {
      prisma,
      kind: 'pglite',
      applied,
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        await lock.release();
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
