import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: a real server (built pages) driven by Chromium. Run `npx next build` first.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One fork, one file at a time: each file starts its own server and browser.
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
