-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN "advancedRank" INTEGER;

-- CreateTable
CREATE TABLE "IndicatorPeriodFigure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "indicatorId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "value" REAL,
    "cityRank" INTEGER NOT NULL,
    "rankedCount" INTEGER NOT NULL,
    "note" TEXT,
    "enteredById" INTEGER NOT NULL,
    "enteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "correctedAt" DATETIME,
    "ledgerItemId" INTEGER,
    CONSTRAINT "IndicatorPeriodFigure_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IndicatorPeriodFigure_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IndicatorPeriodFigure_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorPeriodFigure_ledgerItemId_key" ON "IndicatorPeriodFigure"("ledgerItemId");

-- CreateIndex
CREATE INDEX "IndicatorPeriodFigure_period_idx" ON "IndicatorPeriodFigure"("period");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorPeriodFigure_indicatorId_period_key" ON "IndicatorPeriodFigure"("indicatorId", "period");


-- Plan task 13: the court's five figures must all be in the city's advanced positions (top 3 by default; the
-- admin may change it). The seed sets it on a new install; this sets it where the indicators already exist.
UPDATE "Indicator" SET "advancedRank" = 3 WHERE "code" IN ('summary-procedure-rate', 'pre-litigation-mediation-rate', 'pre-litigation-mediation-success-rate', 'enforcement-within-legal-period', 'actual-enforcement-rate');
