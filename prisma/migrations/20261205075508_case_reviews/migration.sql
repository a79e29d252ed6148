-- CreateTable
CREATE TABLE "CaseReviewBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "reviewedOn" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseReviewBatch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseReviewSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "batchId" INTEGER NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "enterpriseRelated" BOOLEAN NOT NULL,
    "problem" TEXT,
    "ledgerItemId" INTEGER,
    CONSTRAINT "CaseReviewSample_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "CaseReviewBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseReviewSample_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaseReviewBatch_unitId_reviewedOn_idx" ON "CaseReviewBatch"("unitId", "reviewedOn");

-- CreateIndex
CREATE UNIQUE INDEX "CaseReviewSample_ledgerItemId_key" ON "CaseReviewSample"("ledgerItemId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseReviewSample_batchId_caseNumber_key" ON "CaseReviewSample"("batchId", "caseNumber");

