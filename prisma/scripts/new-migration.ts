// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes a database
// from the committed migrations to prisma/schema.prisma. Uses an in-memory PGlite as the
// shadow database, so it needs neither PostgreSQL nor Prisma's native engine.
//   npm run db:diff -- <name>
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { MIGRATIONS_DIR, readMigrationList } from '../../server/db/migrations-dir.ts';
import { withSchemaEngine } from '../../server/db/schema-engine.ts';

const name = (process.argv[2] ?? 'change').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
const pglite = new PGlite();
const factory = new PrismaPGlite(pglite);
const migrationsList = await readMigrationList();
const sql = await withSchemaEngine(factory, async (engine, schema) => {
  const out = await engine.diff({
    from: { tag: 'migrations', ...migrationsList },
    to: { tag: 'schemaDatamodel', files: [schema] },
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  return out.stdout ?? '';
});
await pglite.close();
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log('schema and migrations agree; nothing to write');
} else {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  await writeFile(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'provider = "postgresql"\n');
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
