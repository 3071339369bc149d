import { defineConfig } from 'prisma/config';

// Prisma 7 reads no .env on its own. Migrations are applied by server/db/migrate.ts
// (WebAssembly schema engine), so the CLI is only used for `generate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
