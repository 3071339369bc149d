-- AlterTable
ALTER TABLE "executions" ADD COLUMN     "state" JSONB;

-- AlterTable
ALTER TABLE "node_runs" ADD COLUMN     "meta" JSONB;
