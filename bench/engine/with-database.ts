// Engine overhead with durable checkpoints: the same scenarios as run.ts, in memory vs the
// real Prisma store on embedded PGlite and on PostgreSQL, in one run.
//   npx tsx bench/engine/with-database.ts [runs=20]
import type { CheckpointStore, StoredRun } from '../../engine/executor/checkpoint-store.ts';
import { MemoryCheckpointStore } from '../../engine/executor/memory-store.ts';
import { PrismaRunStore } from '../../server/runs/prisma-run-store.ts';
import { seedWorkflow } from '../../server/testing/fixtures.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../../server/testing/test-databases.ts';
import { benchEngine } from './run.ts';

const runs = Number(process.argv[2] ?? 20);

/** The Prisma store needs the execution row a queued run would have; create it on first sight. */
async function prismaStoreFactory(db: TestDatabase): Promise<() => CheckpointStore> {
  const { workflow, version, workspace } = await seedWorkflow(db.prisma, { schemaVersion: 1, nodes: [{ id: 't', type: 'core.manualTrigger', name: 'T' }], edges: [] });
  return () => {
    const inner = new PrismaRunStore(db.prisma, db.execCheckpoint);
    return {
      async loadRun(runId: string): Promise<StoredRun | undefined> {
        await db.prisma.execution.upsert({
          where: { id: runId },
          create: { id: runId, workflowId: workflow.id, versionId: version.id, workspaceId: workspace.id, trigger: 'manual' },
          update: {},
        });
        return inner.loadRun(runId);
      },
      saveRun: (run, event) => inner.saveRun(run, event),
      saveNodeRun: (record, event) => inner.saveNodeRun(record, event),
    };
  };
}

const dbs: TestDatabase[] = [];
const factories: Record<string, () => CheckpointStore> = { memory: () => new MemoryCheckpointStore() };
for (const target of await databaseTargets()) {
  const db = await createTestDatabase(target);
  dbs.push(db);
  factories[target] = await prismaStoreFactory(db);
}
try {
  await benchEngine(factories, { warmupRuns: 3, runs });
} finally {
  for (const db of dbs) await db.destroy();
}
process.exit(0);
