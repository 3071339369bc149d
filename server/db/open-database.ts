import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../../generated/prisma/client.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { applyMigrations } from './migrate.ts';

/** Runs one SQL statement with positional parameters. */
export type SqlExec = (sql: string, params: unknown[]) => Promise<void>;

export type Database = {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /**
   * Where run checkpoints are written. On PostgreSQL: a pool of its own with
   * synchronous_commit=off — a checkpoint is on the server before the node's result is
   * used, so a worker crash never loses it; only a crash of PostgreSQL itself can drop the
   * last fraction of a second, and those nodes run again (at-least-once). Saves the ~3 ms
   * disk flush per node that would otherwise dominate. Undefined: use `prisma`.
   */
  execCheckpoint?: SqlExec;
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
    const { default: pg } = await import('pg');
    const checkpoints = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, options: '-c synchronous_commit=off' });
    checkpoints.on('error', () => {}); // an idle client dropped by the server is replaced on next use
    return {
      prisma,
      kind: 'postgres',
      applied,
      execCheckpoint: async (sql, params) => {
        await checkpoints.query(sql, params);
      },
      close: async () => {
        await prisma.$disconnect();
        await checkpoints.end();
      },
    };
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
      // Straight to PGlite: it queues a query behind any open transaction, and skipping
      // Prisma's raw-query path halves the cost of a checkpoint.
      execCheckpoint: async (sql, params) => {
        await pglite.query(sql, params);
      },
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
