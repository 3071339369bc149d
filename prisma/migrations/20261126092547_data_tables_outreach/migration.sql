-- AlterEnum
ALTER TYPE "TriggerType" ADD VALUE 'event';

-- CreateTable
CREATE TABLE "data_tables" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "columns" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "data_tables_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_rows" (
    "id" TEXT NOT NULL,
    "tableId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "key" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "data_rows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_settings" (
    "workspaceId" TEXT NOT NULL,
    "inboundToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outreach_settings_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateTable
CREATE TABLE "outreach_messages" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "executionId" TEXT,
    "nodeId" TEXT,
    "recipient" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "contact" JSONB,
    "status" TEXT NOT NULL DEFAULT 'prepared',
    "smtpMessageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "lastEventAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outreach_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_events" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "meta" JSONB,

    CONSTRAINT "outreach_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "data_tables_workspaceId_name_key" ON "data_tables"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "data_rows_tableId_createdAt_id_idx" ON "data_rows"("tableId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "data_rows_data_idx" ON "data_rows" USING GIN ("data" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "data_rows_tableId_key_key" ON "data_rows"("tableId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "outreach_settings_inboundToken_key" ON "outreach_settings"("inboundToken");

-- CreateIndex
CREATE INDEX "outreach_messages_workspaceId_address_createdAt_idx" ON "outreach_messages"("workspaceId", "address", "createdAt");

-- CreateIndex
CREATE INDEX "outreach_messages_workflowId_createdAt_idx" ON "outreach_messages"("workflowId", "createdAt");

-- CreateIndex
CREATE INDEX "outreach_messages_smtpMessageId_idx" ON "outreach_messages"("smtpMessageId");

-- CreateIndex
CREATE INDEX "outreach_events_messageId_kind_at_idx" ON "outreach_events"("messageId", "kind", "at");

-- CreateIndex
CREATE INDEX "outreach_events_workflowId_at_idx" ON "outreach_events"("workflowId", "at");

-- AddForeignKey
ALTER TABLE "data_tables" ADD CONSTRAINT "data_tables_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_rows" ADD CONSTRAINT "data_rows_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "data_tables"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_settings" ADD CONSTRAINT "outreach_settings_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_events" ADD CONSTRAINT "outreach_events_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "outreach_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
