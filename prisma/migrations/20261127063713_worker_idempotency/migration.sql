-- CreateTable
CREATE TABLE "ProcessedJob" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "jobType" TEXT NOT NULL,
    "jobKey" TEXT NOT NULL,
    "processInstanceKey" TEXT,
    "result" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScheduledPublication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "messageName" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "messageKey" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ProcessedJob_processInstanceKey_idx" ON "ProcessedJob"("processInstanceKey");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledPublication_messageName_messageId_key" ON "ScheduledPublication"("messageName", "messageId");

