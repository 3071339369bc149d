import { readFile } from 'node:fs/promises';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
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
  // The engine never disposes the connections it opens; one of them holds PostgreSQL's
  // migration advisory lock, so track and close them ourselves.
  const opened: SqlDriverAdapter[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: async () => track(await adapterFactory.connect()),
    connectToShadowDb: async () => track(await adapterFactory.connectToShadowDb()),
  };
  function track(adapter: SqlDriverAdapter) {
    opened.push(adapter);
    return adapter;
  }
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  try {
    return await fn(engine, { path: schemaPath, content });
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}
