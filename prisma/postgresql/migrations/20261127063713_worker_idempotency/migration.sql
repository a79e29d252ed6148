-- CreateTable
CREATE TABLE "ProcessedJob" (
    "key" TEXT NOT NULL,
    "jobType" TEXT NOT NULL,
    "jobKey" TEXT NOT NULL,
    "processInstanceKey" TEXT,
    "result" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedJob_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ScheduledPublication" (
    "id" SERIAL NOT NULL,
    "messageName" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "messageKey" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScheduledPublication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProcessedJob_processInstanceKey_idx" ON "ProcessedJob"("processInstanceKey");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledPublication_messageName_messageId_key" ON "ScheduledPublication"("messageName", "messageId");

