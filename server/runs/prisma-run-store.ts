import type { PrismaClient } from '../../generated/prisma/client.ts';
import type {
  CheckpointStore,
  NodeRunRecord,
  RunStateRecord,
  StoredRun,
} from '../../engine/executor/checkpoint-store.ts';
import type { RunEvent } from '../../engine/executor/events.ts';
import { countItems } from '../../engine/items.ts';

/** Postgres `timestamp(3)` in UTC from epoch ms (Prisma stores DateTime as UTC without zone). */
const TS = (param: number) => `(to_timestamp($${param}::float8 / 1000) AT TIME ZONE 'UTC')`;
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * The engine's checkpoint store on Prisma (PostgreSQL or PGlite). Each write is ONE SQL
 * statement: the checkpoint upsert and, when given, the event that announces it, in one
 * round trip and one implicit transaction — so a stored event always has its checkpoint and
 * vice versa. Node runs keep one row per attempt; loadRun reads the newest per node.
 */
export class PrismaRunStore implements CheckpointStore {
  private readonly exec: (sql: string, params: unknown[]) => Promise<unknown>;

  /** `exec` runs the write statements (default: through Prisma); reads always use Prisma. */
  constructor(
    private readonly db: PrismaClient,
    exec?: (sql: string, params: unknown[]) => Promise<unknown>,
  ) {
    this.exec = exec ?? ((sql, params) => db.$executeRawUnsafe(sql, ...params));
  }

  async loadRun(runId: string): Promise<StoredRun | undefined> {
    const exec = await this.db.execution.findUnique({ where: { id: runId } });
    if (!exec || !exec.startedAt) return undefined;
    const rows = await this.db.$queryRawUnsafe<NodeRow[]>(
      `SELECT DISTINCT ON ("nodeId") "nodeId", attempt, status::text AS status, input, output, error, meta,
              (extract(epoch FROM "startedAt") * 1000)::float8 AS "startedAt",
              (extract(epoch FROM "finishedAt") * 1000)::float8 AS "finishedAt"
         FROM node_runs WHERE "executionId" = $1 ORDER BY "nodeId", attempt DESC`,
      runId,
    );
    const state = (exec.state ?? {}) as Partial<RunStateRecord>;
    const run: RunStateRecord = {
      runId,
      status: exec.status === 'queued' ? 'running' : exec.status,
      workflow: state.workflow ?? { id: exec.workflowId, name: '', versionId: exec.versionId },
      trigger: state.trigger ?? { nodeId: exec.triggerNodeId ?? '', kind: exec.trigger },
      triggerItems: (exec.input as RunStateRecord['triggerItems'] | null) ?? [],
      startedAt: exec.startedAt.getTime(),
      updatedAt: state.updatedAt ?? exec.startedAt.getTime(),
      lastSeq: exec.lastSeq,
      ...(exec.finishedAt ? { finishedAt: exec.finishedAt.getTime() } : {}),
      ...(exec.resumeAt ? { resumeAt: exec.resumeAt.getTime() } : {}),
      ...(exec.error ? { error: exec.error as unknown as RunStateRecord['error'] } : {}),
      ...(state.response ? { response: state.response } : {}),
      ...(state.outputNodeId ? { outputNodeId: state.outputNodeId } : {}),
    };
    return { run, nodes: rows.map((r) => toRecord(runId, r)) };
  }

  async saveRun(run: RunStateRecord, event?: RunEvent): Promise<void> {
    const state = { workflow: run.workflow, trigger: run.trigger, updatedAt: run.updatedAt, response: run.response, outputNodeId: run.outputNodeId };
    const params: unknown[] = [
      run.runId,
      run.status,
      run.startedAt,
      run.finishedAt ?? null,
      run.resumeAt ?? null,
      run.lastSeq,
      json(run.error),
      JSON.stringify(state),
      JSON.stringify(run.triggerItems),
      run.trigger.nodeId || null,
      run.status === 'succeeded' && run.outputNodeId ? run.outputNodeId : null,
    ];
    const update = `UPDATE executions SET status = $2::"ExecutionStatus", "startedAt" = ${TS(3)},
        "finishedAt" = CASE WHEN $4::float8 IS NULL THEN NULL ELSE ${TS(4)} END,
        "resumeAt" = CASE WHEN $5::float8 IS NULL THEN NULL ELSE ${TS(5)} END,
        "lastSeq" = $6, error = $7::jsonb, state = $8::jsonb, input = $9::jsonb,
        "triggerNodeId" = COALESCE($10, "triggerNodeId"),
        -- A succeeded run's output (its last node's items, error port aside) lands with its final
        -- status, so whoever sees "succeeded" can read the output.
        output = CASE WHEN $11::text IS NULL THEN output ELSE (
          SELECT COALESCE(jsonb_agg(item.value), '[]'::jsonb)
            FROM node_runs nr
            CROSS JOIN LATERAL jsonb_each(COALESCE(nr.output, '{}'::jsonb)) port
            CROSS JOIN LATERAL jsonb_array_elements(port.value) item
           WHERE nr."executionId" = $1 AND nr."nodeId" = $11 AND port.key <> 'error'
             AND nr.attempt = (SELECT max(attempt) FROM node_runs WHERE "executionId" = $1 AND "nodeId" = $11)
        ) END
      WHERE id = $1`;
    await this.write(update, params, event);
  }

  async saveNodeRun(record: NodeRunRecord, event?: RunEvent): Promise<void> {
    const meta = {
      seq: record.seq,
      continued: record.continued,
      skipReason: record.skipReason,
      resumeAt: record.resumeAt,
      inputTruncated: record.inputTruncated,
      outputTruncated: record.outputTruncated,
      usage: record.usage,
    };
    const params: unknown[] = [
      record.runId,
      record.nodeId,
      record.attempt,
      record.status,
      json(record.input),
      json(record.output),
      json(record.error),
      record.output ? countItems(record.output) : null,
      JSON.stringify(meta),
      record.startedAt ?? null,
      record.finishedAt ?? null,
    ];
    const upsert = `INSERT INTO node_runs (id, "executionId", "nodeId", attempt, status, input, output, error, "itemCount", meta, "startedAt", "finishedAt")
      VALUES (gen_random_uuid()::text, $1, $2, $3, $4::"NodeRunStatus", $5::jsonb, $6::jsonb, $7::jsonb, $8, $9::jsonb,
              CASE WHEN $10::float8 IS NULL THEN NULL ELSE ${TS(10)} END,
              CASE WHEN $11::float8 IS NULL THEN NULL ELSE ${TS(11)} END)
      ON CONFLICT ("executionId", "nodeId", attempt) DO UPDATE SET
        status = EXCLUDED.status, input = EXCLUDED.input, output = EXCLUDED.output, error = EXCLUDED.error,
        "itemCount" = EXCLUDED."itemCount", meta = EXCLUDED.meta, "startedAt" = EXCLUDED."startedAt",
        "finishedAt" = EXCLUDED."finishedAt"`;
    await this.write(upsert, params, event);
  }

  /** Runs `statement`, preceded in the same statement by the event insert when there is one. */
  private async write(statement: string, params: unknown[], event?: RunEvent): Promise<void> {
    if (!event) {
      await this.exec(statement, params);
      return;
    }
    const n = params.length;
    const withEvent = `WITH ev AS (
        INSERT INTO run_events ("executionId", seq, type, "nodeId", at, data)
        VALUES ($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, ${TS(n + 5)}, $${n + 6}::jsonb)
        ON CONFLICT ("executionId", seq) DO NOTHING
      ) ${statement}`;
    await this.exec(withEvent, [...params, event.runId, event.seq, event.type, event.nodeId ?? null, event.at, json(event.data)]);
  }
}

type NodeRow = {
  nodeId: string;
  attempt: number;
  status: NodeRunRecord['status'];
  input: NodeRunRecord['input'] | null;
  output: NodeRunRecord['output'] | null;
  error: NodeRunRecord['error'] | null;
  meta: Partial<NodeRunRecord> | null;
  startedAt: number | null;
  finishedAt: number | null;
};

function toRecord(runId: string, r: NodeRow): NodeRunRecord {
  const meta = r.meta ?? {};
  const rec: NodeRunRecord = { runId, nodeId: r.nodeId, attempt: r.attempt, status: r.status, seq: meta.seq ?? 0 };
  if (r.input) rec.input = r.input;
  if (r.output) rec.output = r.output;
  if (r.error) rec.error = r.error;
  if (meta.continued) rec.continued = meta.continued;
  if (meta.skipReason) rec.skipReason = meta.skipReason;
  if (meta.resumeAt !== undefined) rec.resumeAt = meta.resumeAt;
  if (meta.inputTruncated) rec.inputTruncated = meta.inputTruncated;
  if (meta.outputTruncated) rec.outputTruncated = meta.outputTruncated;
  if (meta.usage) rec.usage = meta.usage;
  if (r.startedAt !== null) rec.startedAt = Math.round(Number(r.startedAt));
  if (r.finishedAt !== null) rec.finishedAt = Math.round(Number(r.finishedAt));
  return rec;
}
