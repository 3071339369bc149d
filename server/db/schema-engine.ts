import { readFile } from 'node:fs/promises';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { SCHEMA_PATH } from './migrations-dir.ts';

// Prisma's CLI downloads a native schema engine; its WebAssembly build ships on npm and
// drives any migration-aware driver adapter, so migrations work offline and on PGlite.
type WasmSchemaEngine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: WasmSchemaEngine, schema: { path: string; content: string }) => Promise<T>,
  schemaPath = SCHEMA_PATH,
): Promise<T> {
  const { SchemaEngine } = (await import('@prisma/schema-engine-wasm')) as unknown as {
    SchemaEngine: { new: (opts: unknown, log: (msg: string) => void, adapter: object) => Promise<WasmSchemaEngine> };
  };
  const content = await readFile(schemaPath, 'utf8');
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    return await fn(engine, { path: schemaPath, content });
  } finally {
    engine.free();
  }
}
