-- CreateTable
CREATE TABLE "SupervisionCircular" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "period" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "generatedAt" DATETIME NOT NULL,
    "generatedById" INTEGER,
    "figures" JSONB NOT NULL,
    "fileName" TEXT NOT NULL,
    "document" BLOB NOT NULL,
    "documentSha256" TEXT NOT NULL,
    "leadersMailId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SupervisionCircularRecipient" (
    "circularId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "outboxMessageId" INTEGER,

    PRIMARY KEY ("circularId", "unitId"),
    CONSTRAINT "SupervisionCircularRecipient_circularId_fkey" FOREIGN KEY ("circularId") REFERENCES "SupervisionCircular" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionCircular_period_key" ON "SupervisionCircular"("period");

-- CreateIndex
CREATE INDEX "SupervisionCircularRecipient_unitId_idx" ON "SupervisionCircularRecipient"("unitId");

