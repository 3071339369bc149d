import type { SandboxErrorData } from './errors.ts';

/** One execution request. All data crosses threads as strings (JSON), never as live objects. */
export interface SandboxJob {
  code: string;
  /** JSON object whose keys become global variables of the guest. */
  globalsJson: string;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxStackBytes: number;
  /** Longest accepted JSON text of the result, in characters. */
  maxResultChars: number;
  maxLogLines: number;
  maxLogLineChars: number;
}

export type SandboxLogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface SandboxLogEntry {
  level: SandboxLogLevel;
  message: string;
}

export type SandboxOutcome =
  | { ok: true; resultJson: string | undefined }
  | { ok: false; error: SandboxErrorData };

/** host → worker */
export type HostMessage = { type: 'run'; id: number; job: SandboxJob };

/** worker → host. `retire` asks the pool to replace the worker. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'log'; id: number; entry: SandboxLogEntry }
  | { type: 'done'; id: number; outcome: SandboxOutcome; retire: boolean };
