import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../db/open-database.ts';

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Set by .ci/run: a missing PostgreSQL or Redis fails the suite instead of skipping it. */
export const REQUIRE_SERVICES = process.env.FLOWFORGE_REQUIRE_SERVICES === '1';

export type DatabaseTarget = 'pglite' | 'postgres';

export type TestDatabase = Database & { target: DatabaseTarget; destroy(): Promise<void> };

let postgresReachable: Promise<boolean> | undefined;

async function canReachPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    if (REQUIRE_SERVICES) throw new Error(`PostgreSQL is required (FLOWFORGE_REQUIRE_SERVICES=1) but ${TEST_POSTGRES_URL} failed: ${(err as Error).message}`, { cause: err });
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** PGlite always; PostgreSQL too when reachable (required in CI). */
export async function databaseTargets(): Promise<DatabaseTarget[]> {
  postgresReachable ??= canReachPostgres();
  return (await postgresReachable) ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database of its own for one test file, removed by destroy(). */
export async function createTestDatabase(target: DatabaseTarget): Promise<TestDatabase> {
  if (target === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ff-test-'));
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    return { ...db, target, destroy: async () => { await db.close(); await rm(dir, { recursive: true, force: true }); } };
  }
  const name = `ff_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  return {
    ...db,
    target,
    destroy: async () => {
      await db.close();
      const drop = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
