import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { MemoryDataTableStore } from '../testing/memory-data-tables.ts';
import { workflow } from '../testing/workflow-builder.ts';

type Spec = Parameters<typeof workflow>[0][number];

function setup(nodes: Spec[], edges: string[], store = new MemoryDataTableStore({ now: () => Date.UTC(2025, 0, 1) })) {
  const h = createHarness({ autoAdvance: true });
  const definition = workflow([['t', 'core.manualTrigger'], ...nodes], ['t -> e', ...edges]);
  return { h, store, run: () => h.run(definition, { services: { dataTables: store } }) };
}

const emit = (items: Record<string, unknown>[]): Spec => ['e', 'test.emit', { items }];
const single = (params: Record<string, unknown>, items: Record<string, unknown>[] = [{}], store?: MemoryDataTableStore) =>
  setup([emit(items), ['dt', 'core.dataTable', { table: 'contacts', ...params }]], ['e -> dt'], store);

describe('Data Table node', () => {
  it('insert writes the listed columns (expressions per item, nested names) and outputs the stored rows', async () => {
    const { store, run } = single(
      { operation: 'insert', columns: [{ name: 'email', value: '{{ $json.email }}' }, { name: 'company.name', value: '{{ $json.company }}' }, { name: 'stage', value: 'new' }, { name: 'note', value: '{{ $json.missing }}' }] },
      [{ email: 'ada@acme.io', company: 'Acme' }, { email: 'bob@bits.dev', company: 'Bits' }],
    );
    const outcome = await run();
    expect(store.rows('contacts')).toEqual([
      { email: 'ada@acme.io', company: { name: 'Acme' }, stage: 'new', note: null },
      { email: 'bob@bits.dev', company: { name: 'Bits' }, stage: 'new', note: null },
    ]);
    expect(outcome.output?.[0]?.json).toEqual({
      email: 'ada@acme.io',
      company: { name: 'Acme' },
      stage: 'new',
      note: null,
      _row: { id: 'row-1', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
    });
  });

  it('upsert merges by key, never duplicates, writes item fields without the row metadata', async () => {
    const store = new MemoryDataTableStore();
    await store.insert('contacts', [{ email: 'ada@acme.io', stage: 'new', followUps: 0 }]);
    const { run } = single(
      { operation: 'upsert', keyFields: ['email'], dataMode: 'itemFields', columns: [{ name: 'stage', value: 'sent' }] },
      [{ email: 'ada@acme.io', firstName: 'Ada', _row: { id: 'x' } }, { email: 'bob@bits.dev', firstName: 'Bob' }, { email: 'ada@acme.io', lastMessageId: 'm1' }],
      store,
    );
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    expect(store.rows('contacts')).toEqual([
      { email: 'ada@acme.io', stage: 'sent', followUps: 0, firstName: 'Ada', lastMessageId: 'm1' },
      { email: 'bob@bits.dev', firstName: 'Bob', stage: 'sent' },
    ]);

    const noKey = await single({ operation: 'upsert', keyFields: ['email'], columns: [{ name: 'email', value: '{{ $json.email }}' }] }, [{ name: 'no email' }]).run();
    expect(noKey).toMatchObject({ status: 'failed', error: { code: 'KEY_MISSING', message: 'Row 1 has no value for the key column "email"' } });
    const noKeyFields = await single({ operation: 'upsert', columns: [{ name: 'a', value: 1 }] }).run();
    expect(noKeyFields).toMatchObject({ status: 'failed', error: { code: 'DATA_TABLE_NO_KEY', field: 'params.keyFields' } });
    const nothing = await single({ operation: 'insert' }).run();
    expect(nothing).toMatchObject({ status: 'failed', error: { code: 'DATA_TABLE_NOTHING_TO_WRITE' } });
  });

  it('find filters, sorts and limits; one item per row, none when nothing matches', async () => {
    const store = new MemoryDataTableStore();
    await store.insert('contacts', [
      { email: 'a@x.io', stage: 'sent', followUps: 2 },
      { email: 'b@x.io', stage: 'replied', followUps: 1 },
      { email: 'c@x.io', stage: 'sent', followUps: 0 },
      { email: 'd@x.io', stage: 'bounced', followUps: 1 },
    ]);
    const found = await single(
      { operation: 'find', filters: [{ field: 'stage', op: 'in', value: 'sent, replied' }, { field: 'followUps', op: 'lt', value: '{{ $json.max }}' }], sortField: 'followUps', sortDirection: 'desc', limit: 2 },
      [{ max: 2 }],
      store,
    ).run();
    expect(found.output?.map((i) => i.json.email)).toEqual(['b@x.io', 'c@x.io']);
    const none = await single({ operation: 'find', filters: [{ field: 'email', op: 'eq', value: 'zed@x.io' }] }, [{}], store).run();
    expect(none).toMatchObject({ status: 'succeeded', output: [] });
    const missing = await single({ table: 'contcts', operation: 'find' }, [{}], store).run();
    expect(missing).toMatchObject({ status: 'failed', error: { code: 'TABLE_NOT_FOUND', message: expect.stringContaining('"contcts"') } });
  });

  it('exists routes the input items to Found / Not found: "skip contacts already in the table" without losing any', async () => {
    const store = new MemoryDataTableStore();
    await store.insert('contacts', [{ email: 'ada@acme.io', stage: 'replied' }]);
    const { h, run } = setup(
      [
        emit([{ email: 'ada@acme.io', src: 'feed' }, { email: 'bob@bits.dev', src: 'feed' }]),
        ['seen', 'core.dataTable', { table: 'contacts', operation: 'exists', filters: [{ field: 'email', value: '{{ $json.email }}' }], rowField: 'contact' }],
        ['save', 'core.dataTable', { table: 'contacts', operation: 'upsert', keyFields: ['email'], columns: [{ name: 'email', value: '{{ $json.email }}' }, { name: 'stage', value: 'new' }] }],
        ['skipped', 'test.record'],
      ],
      ['e -> seen', 'seen.notFound -> save', 'seen.found -> skipped'],
      store,
    );
    const outcome = await run();
    expect(outcome.status).toBe('succeeded');
    const seen = h.store.getNodeRun(outcome.runId, 'seen')?.output;
    expect(seen?.notFound?.map((i) => i.json)).toEqual([{ email: 'bob@bits.dev', src: 'feed' }]);
    expect(seen?.found?.map((i) => i.json)).toEqual([{ email: 'ada@acme.io', src: 'feed', contact: { email: 'ada@acme.io', stage: 'replied', _row: expect.objectContaining({ id: 'row-1' }) } }]);
    expect(store.rows('contacts')).toEqual([{ email: 'ada@acme.io', stage: 'replied' }, { email: 'bob@bits.dev', stage: 'new' }]);
    expect(h.store.getNodeRun(outcome.runId, 'skipped')?.output?.main?.map((i) => i.json.email)).toEqual(['ada@acme.io']);
  });

  it('insertIfNew claims each key once: a contact seen twice in one batch, or already stored, goes to Existing', async () => {
    const store = new MemoryDataTableStore();
    await store.insert('contacts', [{ email: 'old@acme.io', stage: 'replied' }]);
    const { h, run } = setup(
      [
        emit([{ email: 'ada@acme.io', n: 1 }, { email: 'ada@acme.io', n: 2 }, { email: 'old@acme.io', n: 3 }, { email: 'bob@bits.dev', n: 4 }]),
        ['claim', 'core.dataTable', { table: 'contacts', operation: 'insertIfNew', keyFields: ['email'], columns: [{ name: 'email', value: '{{ $json.email }}' }, { name: 'stage', value: 'queued' }] }],
      ],
      ['e -> claim'],
      store,
    );
    const outcome = await run();
    const out = h.store.getNodeRun(outcome.runId, 'claim')?.output;
    expect(out?.new?.map((i) => i.json.n)).toEqual([1, 4]);
    expect(out?.existing?.map((i) => i.json.n)).toEqual([2, 3]);
    expect(store.rows('contacts')).toEqual([
      { email: 'old@acme.io', stage: 'replied' },
      { email: 'ada@acme.io', stage: 'queued' },
      { email: 'bob@bits.dev', stage: 'queued' },
    ]);
  });

  it('update merges into matching rows and delete removes them; both refuse to run without a filter', async () => {
    const store = new MemoryDataTableStore();
    await store.insert('contacts', [{ email: 'ada@acme.io', stage: 'sent' }, { email: 'bob@bits.dev', stage: 'sent' }]);
    const updated = await single({ operation: 'update', filters: [{ field: 'email', value: '{{ $json.email }}' }], columns: [{ name: 'stage', value: 'replied' }] }, [{ email: 'ada@acme.io' }], store).run();
    expect(updated.output?.map((i) => i.json)).toEqual([{ email: 'ada@acme.io', stage: 'replied', _row: expect.objectContaining({ id: 'row-1' }) }]);
    const deleted = await single({ operation: 'delete', filters: [{ field: 'stage', value: 'sent' }] }, [{ why: 'cleanup' }], store).run();
    expect(deleted.output).toEqual([{ json: { why: 'cleanup', deleted: 1 } }]);
    expect(store.rows('contacts')).toEqual([{ email: 'ada@acme.io', stage: 'replied' }]);
    const unfiltered = await single({ operation: 'delete' }, [{}], store).run();
    expect(unfiltered).toMatchObject({ status: 'failed', error: { code: 'DATA_TABLE_NO_FILTER' } });
    expect(store.rows('contacts')).toHaveLength(1);
  });

  it('fails clearly where the runtime has no data tables, and has Found/Not found ports only for exists', async () => {
    const h = createHarness();
    const outcome = await h.run(workflow([['t', 'core.manualTrigger'], ['dt', 'core.dataTable', { table: 'contacts', operation: 'find' }]], ['t -> dt']));
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('data tables') } });
    const type = h.registry.list().find((t) => t.type === 'core.dataTable');
    expect(type).toMatchObject({ dynamicOutputs: true, category: 'data' });
    expect(() => h.compile(workflow([['t', 'core.manualTrigger'], ['dt', 'core.dataTable', { table: 'x', operation: 'find' }], ['n', 'core.noOp']], ['t -> dt', 'dt.found -> n']))).toThrow();
  });
});
