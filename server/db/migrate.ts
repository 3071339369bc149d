import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { readMigrationList } from './migrations-dir.ts';
import { withSchemaEngine } from './schema-engine.ts';

/**
 * Applies every committed migration not yet recorded in `_prisma_migrations`, exactly like
 * `prisma migrate deploy`. Idempotent: a second call applies nothing.
 */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const migrationsList = await readMigrationList();
  return withSchemaEngine(adapterFactory, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  });
}
