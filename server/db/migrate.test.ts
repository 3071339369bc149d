import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_POSTGRES_URL, databaseTargets } from '../testing/test-databases.ts';
import { readMigrationList } from './migrations-dir.ts';
import { openDatabase } from './open-database.ts';
import { DataDirLockedError } from './data-dir-lock.ts';

const committed = (await readMigrationList()).migrationDirectories.map((d) => d.path);
const targets = await databaseTargets();

const EXPECTED_TABLES = [
  'users', 'sessions', 'accounts', 'verifications', 'rate_limits', 'workspaces', 'memberships', 'invites',
  'workflows', 'workflow_versions', 'executions', 'node_runs', 'run_events', 'credentials', 'triggers',
];

async function tablesOf(db: { prisma: { $queryRawUnsafe<T>(q: string): Promise<T> } }) {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ table_name: string }>>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  return rows.map((r) => r.table_name);
}

describe('migrations on embedded PGlite', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('apply every committed migration on an empty folder, then nothing on the next open', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ff-mig-'));
    dirs.push(dir);
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(first.applied).toEqual(committed);
    expect(await tablesOf(first)).toEqual(expect.arrayContaining([...EXPECTED_TABLES, '_prisma_migrations']));
    await first.prisma.workspace.create({ data: { name: 'kept', slug: 'kept' } });
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(second.applied).toEqual([]);
    expect(await second.prisma.workspace.findUnique({ where: { slug: 'kept' } })).toMatchObject({ name: 'kept' });
    await second.close();
  });

  it('refuses a second opener of the same folder with a clear error, and frees it on close', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ff-lock-'));
    dirs.push(dir);
    const owner = await openDatabase({ kind: 'pglite', dataDir: dir });
    const second = openDatabase({ kind: 'pglite', dataDir: dir });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(/Another FlowForge process is already using the data folder/);
    await owner.close();
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(again.applied).toEqual([]);
    await again.close();
  });
});

describe.runIf(targets.includes('postgres'))('migrations on PostgreSQL', () => {
  const name = `ff_mig_${process.pid}_${Date.now()}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('apply on an empty database and are idempotent', async () => {
    await admin(`CREATE DATABASE ${name}`);
    const first = await openDatabase({ kind: 'postgres', url: url.toString() });
    expect(first.applied).toEqual(committed);
    expect(await tablesOf(first)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    await first.close();
    const second = await openDatabase({ kind: 'postgres', url: url.toString() });
    expect(second.applied).toEqual([]);
    await second.close();
  });
});
