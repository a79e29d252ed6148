-- CreateTable
CREATE TABLE "LongPendingCase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "caseType" TEXT NOT NULL,
    "parties" TEXT NOT NULL,
    "enterprise" TEXT NOT NULL,
    "filedOn" TEXT NOT NULL,
    "handler" TEXT,
    "plan" TEXT,
    "targetOn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "closedOn" TEXT,
    "closingMethod" TEXT,
    "reviewSampleId" INTEGER,
    "ledgerItemId" INTEGER,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LongPendingCase_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LongPendingCase_reviewSampleId_fkey" FOREIGN KEY ("reviewSampleId") REFERENCES "CaseReviewSample" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LongPendingCase_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LongPendingEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LongPendingEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "LongPendingCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

