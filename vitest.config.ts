import { defineConfig } from 'vitest/config';

// Unit and integration tests sit beside the code; browser tests live in e2e/ with their own config.
export default defineConfig({
  test: {
    include: ['{engine,server,collab,app,prisma,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
