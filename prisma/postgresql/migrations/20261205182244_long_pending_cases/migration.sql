-- CreateEnum
CREATE TYPE "LongPendingType" AS ENUM ('civil', 'commercial');

-- CreateEnum
CREATE TYPE "LongPendingStatus" AS ENUM ('pending', 'review', 'closed');

-- CreateEnum
CREATE TYPE "ClosingMethod" AS ENUM ('judgment', 'mediation', 'withdrawal', 'enforced', 'other');

-- CreateTable
CREATE TABLE "LongPendingCase" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "caseType" "LongPendingType" NOT NULL,
    "parties" TEXT NOT NULL,
    "enterprise" TEXT NOT NULL,
    "filedOn" TEXT NOT NULL,
    "handler" TEXT,
    "plan" TEXT,
    "targetOn" TEXT,
    "status" "LongPendingStatus" NOT NULL DEFAULT 'pending',
    "closedOn" TEXT,
    "closingMethod" "ClosingMethod",
    "reviewSampleId" INTEGER,
    "ledgerItemId" INTEGER,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LongPendingCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LongPendingEvent" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LongPendingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LongPendingCase_reviewSampleId_key" ON "LongPendingCase"("reviewSampleId");

-- CreateIndex
CREATE UNIQUE INDEX "LongPendingCase_ledgerItemId_key" ON "LongPendingCase"("ledgerItemId");

-- CreateIndex
CREATE INDEX "LongPendingCase_status_idx" ON "LongPendingCase"("status");

-- CreateIndex
CREATE UNIQUE INDEX "LongPendingCase_unitId_caseNumber_key" ON "LongPendingCase"("unitId", "caseNumber");

-- CreateIndex
CREATE INDEX "LongPendingEvent_caseId_idx" ON "LongPendingEvent"("caseId");

-- AddForeignKey
ALTER TABLE "LongPendingCase" ADD CONSTRAINT "LongPendingCase_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LongPendingCase" ADD CONSTRAINT "LongPendingCase_reviewSampleId_fkey" FOREIGN KEY ("reviewSampleId") REFERENCES "CaseReviewSample"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LongPendingCase" ADD CONSTRAINT "LongPendingCase_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LongPendingEvent" ADD CONSTRAINT "LongPendingEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "LongPendingCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

