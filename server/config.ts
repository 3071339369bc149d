import path from 'node:path';
import { z } from 'zod';

// Every setting the process reads from its environment, parsed once with clear errors.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL').optional(),
  FLOWFORGE_DATA_DIR: z.string().default('.flowforge'),
  BETTER_AUTH_SECRET: z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional(),
  FLOWFORGE_ENCRYPTION_KEY: z.string().optional(),
  FLOWFORGE_SEED_DEMO: z.enum(['0', '1']).default('1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  FLOWFORGE_HTTP_ALLOW_LIST: z.string().optional(),
});

export type AppConfig = {
  port: number;
  host: string;
  dev: boolean;
  publicUrl: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  authSecret: string | undefined;
  encryptionKey: string | undefined;
  seedDemo: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Private hosts/CIDRs nodes, credential tests and the copilot may reach (e.g. a local Ollama). */
  httpAllowList: string[];
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dev: e.NODE_ENV === 'development',
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: path.resolve(e.FLOWFORGE_DATA_DIR),
    authSecret: e.BETTER_AUTH_SECRET,
    encryptionKey: e.FLOWFORGE_ENCRYPTION_KEY,
    seedDemo: e.FLOWFORGE_SEED_DEMO === '1',
    logLevel: e.LOG_LEVEL,
    httpAllowList: (e.FLOWFORGE_HTTP_ALLOW_LIST ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  };
}
