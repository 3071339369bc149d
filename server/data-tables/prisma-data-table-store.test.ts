import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataFilter } from '../../engine/workspace-services.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../testing/test-databases.ts';
import { DataTableAdmin } from './data-table-admin.ts';
import { DataTableError } from './data-table-error.ts';
import { PrismaDataTableStore } from './prisma-data-table-store.ts';

const targets = await databaseTargets();

async function workspace(db: TestDatabase, slug: string) {
  return db.prisma.workspace.create({ data: { name: slug, slug: `${slug}-${Math.random().toString(36).slice(2, 8)}` } });
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (err) {
    if (err instanceof DataTableError) return err.code;
    throw err;
  }
}

describe.each(targets)('data table store on %s', (target) => {
  let db: TestDatabase;
  let store: PrismaDataTableStore;
  let other: PrismaDataTableStore;

  beforeAll(async () => {
    db = await createTestDatabase(target);
    store = new PrismaDataTableStore(db.prisma, (await workspace(db, 'a')).id);
    other = new PrismaDataTableStore(db.prisma, (await workspace(db, 'b')).id);
  });
  afterAll(() => db?.destroy());

  it('creates a table on first insert and returns the rows in order', async () => {
    const rows = await store.insert('people', [{ name: 'Ada', age: 36 }, { name: 'Bob', age: 25 }, { name: 'Cy', age: 41 }]);
    expect(rows.map((r) => r.data.name)).toEqual(['Ada', 'Bob', 'Cy']);
    expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(rows[0]!.createdAt)).toBeGreaterThan(0);
    const all = await store.find('people', {});
    expect(all.map((r) => r.data.name)).toEqual(['Ada', 'Bob', 'Cy']);
    // Another workspace's table of the same name is another table.
    expect(await codeOf(other.find('people', {}))).toBe('TABLE_NOT_FOUND');
  });

  it('reading a missing table names it and the tables that exist', async () => {
    const err = await store.find('peeple', {}).catch((e: unknown) => e as DataTableError);
    expect(err).toBeInstanceOf(DataTableError);
    expect((err as DataTableError).message).toContain('"peeple" does not exist');
    expect((err as DataTableError).message).toContain('"people"');
    expect(await codeOf(store.update('nope', [{ field: 'a', op: 'exists' }], { a: 1 }))).toBe('TABLE_NOT_FOUND');
    expect(await codeOf(store.delete('nope', [{ field: 'a', op: 'exists' }]))).toBe('TABLE_NOT_FOUND');
  });

  it('filters with every operator', async () => {
    await store.insert('f', [
      { n: 1, s: 'alpha', tags: ['x', 'y'], nested: { city: 'Paris' }, when: '2026-01-05' },
      { n: 5, s: 'Beta', tags: ['y'], nested: { city: 'Lyon' }, when: '2026-02-01', maybe: null },
      { n: 10, s: 'gamma 100%', when: '2025-12-31', flag: true },
      { n: '5', s: 'delta_x' },
    ]);
    const names = async (filters: DataFilter[]) =>
      (await store.find('f', { filters })).map((r) => r.data.s);
    expect(await names([{ field: 'n', op: 'eq', value: 5 }])).toEqual(['Beta']);
    expect(await names([{ field: 'n', op: 'eq', value: '5' }])).toEqual(['delta_x']);
    expect(await names([{ field: 'n', op: 'neq', value: 5 }])).toEqual(['alpha', 'gamma 100%', 'delta_x']);
    expect(await names([{ field: 'n', op: 'gt', value: 1 }])).toEqual(['Beta', 'gamma 100%']);
    expect(await names([{ field: 'n', op: 'gte', value: 5 }, { field: 'n', op: 'lte', value: 10 }])).toEqual(['Beta', 'gamma 100%']);
    expect(await names([{ field: 'n', op: 'lt', value: 5 }])).toEqual(['alpha']);
    expect(await names([{ field: 'when', op: 'gte', value: '2026-01-01' }])).toEqual(['alpha', 'Beta']);
    expect(await names([{ field: 's', op: 'contains', value: 'ETA' }])).toEqual(['Beta']);
    expect(await names([{ field: 's', op: 'contains', value: '%' }])).toEqual(['gamma 100%']);
    expect(await names([{ field: 's', op: 'contains', value: '_' }])).toEqual(['delta_x']);
    expect(await names([{ field: 'tags', op: 'contains', value: 'x' }])).toEqual(['alpha']);
    expect(await names([{ field: 's', op: 'in', value: ['alpha', 'gamma 100%', 'zzz'] }])).toEqual(['alpha', 'gamma 100%']);
    expect(await names([{ field: 's', op: 'in', value: [] }])).toEqual([]);
    expect(await names([{ field: 'flag', op: 'exists' }])).toEqual(['gamma 100%']);
    expect(await names([{ field: 'maybe', op: 'exists' }])).toEqual([]);
    expect(await names([{ field: 'maybe', op: 'eq', value: null }])).toHaveLength(4);
    expect(await names([{ field: 'tags', op: 'notExists' }])).toEqual(['gamma 100%', 'delta_x']);
    expect(await names([{ field: 'nested.city', op: 'eq', value: 'Lyon' }])).toEqual(['Beta']);
    expect(await names([{ field: 'tags.0', op: 'eq', value: 'y' }])).toEqual(['Beta']);
  });

  it('orders and limits', async () => {
    const byN = await store.find('f', { filters: [{ field: 'n', op: 'gte', value: 0 }], orderBy: { field: 'n', direction: 'desc' }, limit: 2 });
    expect(byN.map((r) => r.data.n)).toEqual([10, 5]);
    const missingLast = await store.find('f', { orderBy: { field: 'flag', direction: 'asc' } });
    expect(missingLast[0]!.data.s).toBe('gamma 100%');
    expect(await codeOf(store.find('f', { limit: 1001 }))).toBe('INVALID_QUERY');
    expect(await codeOf(store.find('f', { limit: 0 }))).toBe('INVALID_QUERY');
    expect(await store.find('f', { limit: 1000 })).toHaveLength(4);
  });

  it('rejects hostile or malformed field names before any SQL runs', async () => {
    const hostile = [
      `name'); DROP TABLE data_rows; --`,
      'a"b',
      'a..b',
      '.a',
      '',
      ' lead',
      '__proto__',
      'a\nb',
      'x'.repeat(70),
      'a.b.c.d.e.f',
      '$1',
    ];
    for (const field of hostile.slice(0, -1)) {
      expect(await codeOf(store.find('f', { filters: [{ field, op: 'eq', value: 1 }] })), field).toBe('INVALID_FIELD');
      expect(await codeOf(store.find('f', { orderBy: { field, direction: 'asc' } })), field).toBe('INVALID_FIELD');
    }
    // "$1" is a legal column name, bound as a parameter: it matches nothing and breaks nothing.
    expect(await store.find('f', { filters: [{ field: '$1', op: 'eq', value: 1 }] })).toEqual([]);
    expect(await codeOf(store.upsert('f', ['a;b'], [{ 'a;b': 1 }]))).toBe('INVALID_FIELD');
    expect(await codeOf(store.find('f', { filters: [{ field: 'n', op: 'drop' as 'eq', value: 1 }] }))).toBe('INVALID_FILTER');
    expect(await codeOf(store.find('f', { filters: [{ field: 'n', op: 'gt', value: { a: 1 } }] }))).toBe('INVALID_FILTER');
    expect(await codeOf(store.find('f', { filters: [{ field: 'n', op: 'in', value: 'x' }] }))).toBe('INVALID_FILTER');
    expect(await store.find('f', {})).toHaveLength(4);
  });

  it('upserts by key: merges into the existing row and keeps one row per key', async () => {
    const [first] = await store.upsert('contacts', ['email'], [{ email: 'a@x.com', name: 'A', stage: 'new' }]);
    const [second] = await store.upsert('contacts', ['email'], [{ email: 'a@x.com', stage: 'sent' }]);
    expect(second!.id).toBe(first!.id);
    expect(second!.data).toEqual({ email: 'a@x.com', name: 'A', stage: 'sent' });
    // Two rows of one batch with the same key end as one row.
    await store.upsert('contacts', ['email'], [{ email: 'b@x.com', n: 1 }, { email: 'b@x.com', m: 2 }]);
    const b = await store.find('contacts', { filters: [{ field: 'email', op: 'eq', value: 'b@x.com' }] });
    expect(b).toHaveLength(1);
    expect(b[0]!.data).toEqual({ email: 'b@x.com', n: 1, m: 2 });
    expect(await codeOf(store.upsert('contacts', ['email'], [{ name: 'no key' }]))).toBe('KEY_MISSING');
    expect(await codeOf(store.upsert('contacts', ['email'], [{ email: { o: 1 } }]))).toBe('KEY_MISSING');
  });

  it('concurrent upserts of one key create one row', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.upsert('race', ['email', 'list'], [{ email: 'same@x.com', list: 7, [`k${i}`]: i }])),
    );
    const rows = await store.find('race', {});
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r[0]!.id))).toEqual(new Set([rows[0]!.id]));
    for (let i = 0; i < 20; i++) expect(rows[0]!.data[`k${i}`]).toBe(i);
  });

  it('insertIfAbsent: of 20 racing claims of one key exactly one is created; an inserted row counts as existing', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.insertIfAbsent('claims', ['email'], [{ email: 'one@x.com', n: i }])));
    expect(results.filter((r) => r[0]!.created)).toHaveLength(1);
    const rows = await store.find('claims', {});
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r[0]!.row.id))).toEqual(new Set([rows[0]!.id]));
    await store.insert('claims', [{ email: 'two@x.com', n: 'inserted' }]);
    const [again] = await store.insertIfAbsent('claims', ['email'], [{ email: 'two@x.com', n: 'claim' }]);
    expect(again).toMatchObject({ created: false, row: { data: { email: 'two@x.com', n: 'inserted' } } });
    expect(await store.find('claims', { filters: [{ field: 'email', op: 'eq', value: 'two@x.com' }] })).toHaveLength(1);
  });

  it('concurrent first writes to a new table make one table', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.insert('fresh', [{ i }])));
    const admin = new DataTableAdmin(db.prisma);
    const tables = (await admin.list(store.workspaceId)).filter((t) => t.name === 'fresh');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rowCount).toBe(10);
  });

  it('an upsert adopts a row inserted earlier with the same key values', async () => {
    const [inserted] = await store.insert('adopt', [{ email: 'c@x.com', name: 'C' }]);
    const [up] = await store.upsert('adopt', ['email'], [{ email: 'c@x.com', stage: 'sent' }]);
    expect(up!.id).toBe(inserted!.id);
    expect(up!.data).toEqual({ email: 'c@x.com', name: 'C', stage: 'sent' });
    expect(await store.find('adopt', {})).toHaveLength(1);
  });

  it('updates merge a patch into matching rows; a changed key is found again by value', async () => {
    await store.upsert('u', ['email'], [{ email: 'd@x.com', stage: 'new' }, { email: 'e@x.com', stage: 'new' }]);
    const updated = await store.update('u', [{ field: 'email', op: 'eq', value: 'd@x.com' }], { stage: 'replied', replied: true });
    expect(updated).toHaveLength(1);
    expect(updated[0]!.data).toEqual({ email: 'd@x.com', stage: 'replied', replied: true });
    await store.update('u', [{ field: 'email', op: 'eq', value: 'e@x.com' }], { email: 'f@x.com' });
    const [again] = await store.upsert('u', ['email'], [{ email: 'f@x.com', stage: 'sent' }]);
    expect(again!.data).toEqual({ email: 'f@x.com', stage: 'sent' });
    expect(await store.find('u', {})).toHaveLength(2);
    expect(await codeOf(store.update('u', [], { x: 1 }))).toBe('INVALID_FILTER');
  });

  it('deletes matching rows and returns the count', async () => {
    await store.insert('d', [{ k: 1 }, { k: 2 }, { k: 3 }]);
    expect(await store.delete('d', [{ field: 'k', op: 'gte', value: 2 }])).toBe(2);
    expect((await store.find('d', {})).map((r) => r.data.k)).toEqual([1]);
    expect(await codeOf(store.delete('d', []))).toBe('INVALID_FILTER');
  });

  it('refuses rows that are not objects or are too large', async () => {
    expect(await codeOf(store.insert('bad', [[1, 2] as never]))).toBe('INVALID_ROW');
    expect(await codeOf(store.insert('bad', [{ big: 'x'.repeat(300_000) }]))).toBe('INVALID_ROW');
    expect(await codeOf(store.insert('', [{ a: 1 }]))).toBe('TABLE_NAME_INVALID');
  });

  it('admin: lists with columns and counts, pages, searches, edits rows by id', async () => {
    const admin = new DataTableAdmin(db.prisma);
    const created = await admin.create(store.workspaceId, 'Leads', ['email', 'name']);
    await store.insert('Leads', Array.from({ length: 30 }, (_, i) => ({ email: `l${i}@x.com`, name: `Lead ${i}`, score: i })));
    const summary = (await admin.list(store.workspaceId)).find((t) => t.id === created.id)!;
    expect(summary.columns).toEqual(['email', 'name', 'score']);
    expect(summary.rowCount).toBe(30);
    const page = await admin.rows(store.workspaceId, created.id, { offset: 10, limit: 5 });
    expect(page.total).toBe(30);
    expect(page.rows.map((r) => r.data.score)).toEqual([10, 11, 12, 13, 14]);
    const found = await admin.rows(store.workspaceId, created.id, { search: 'lead 2', offset: 0, limit: 50 });
    expect(found.total).toBe(11);
    const filtered = await admin.rows(store.workspaceId, created.id, { filters: [{ field: 'score', op: 'lt', value: 3 }], offset: 0, limit: 50 });
    expect(filtered.total).toBe(3);
    const row = page.rows[0]!;
    const replaced = await admin.updateRow(store.workspaceId, created.id, row.id, { email: row.data.email as string, note: 'hi' });
    expect(replaced.data).toEqual({ email: row.data.email, note: 'hi' });
    await admin.deleteRow(store.workspaceId, created.id, row.id);
    expect((await admin.rows(store.workspaceId, created.id, { offset: 0, limit: 1 })).total).toBe(29);
    // Another workspace cannot reach this table by id.
    expect(await codeOf(admin.rows(other.workspaceId, created.id, { offset: 0, limit: 1 }))).toBe('TABLE_NOT_FOUND');
    await admin.rename(store.workspaceId, created.id, 'Leads 2026');
    expect((await store.find('Leads 2026', { limit: 1 }))).toHaveLength(1);
    await admin.delete(store.workspaceId, created.id);
    expect(await codeOf(store.find('Leads 2026', {}))).toBe('TABLE_NOT_FOUND');
  });
});
