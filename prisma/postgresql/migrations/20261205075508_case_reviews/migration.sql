-- CreateTable
CREATE TABLE "CaseReviewBatch" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "reviewedOn" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseReviewBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseReviewSample" (
    "id" SERIAL NOT NULL,
    "batchId" INTEGER NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "enterpriseRelated" BOOLEAN NOT NULL,
    "problem" TEXT,
    "ledgerItemId" INTEGER,

    CONSTRAINT "CaseReviewSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseReviewBatch_unitId_reviewedOn_idx" ON "CaseReviewBatch"("unitId", "reviewedOn");

-- CreateIndex
CREATE UNIQUE INDEX "CaseReviewSample_ledgerItemId_key" ON "CaseReviewSample"("ledgerItemId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseReviewSample_batchId_caseNumber_key" ON "CaseReviewSample"("batchId", "caseNumber");

-- AddForeignKey
ALTER TABLE "CaseReviewBatch" ADD CONSTRAINT "CaseReviewBatch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReviewSample" ADD CONSTRAINT "CaseReviewSample_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "CaseReviewBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReviewSample" ADD CONSTRAINT "CaseReviewSample_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

