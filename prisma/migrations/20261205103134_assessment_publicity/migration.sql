-- CreateTable
CREATE TABLE "PublicityItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "happenedOn" TEXT NOT NULL,
    "outlet" TEXT,
    "mediaLevel" TEXT,
    "link" TEXT,
    "participants" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PublicityItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentDimension" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "measures" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "AssessmentSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "AssessmentEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "reason" TEXT NOT NULL,
    "enteredById" INTEGER,
    "enteredBy" TEXT NOT NULL,
    "enteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AssessmentEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PublicityItem_unitId_happenedOn_idx" ON "PublicityItem"("unitId", "happenedOn");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentEntry_unitId_period_dimension_key" ON "AssessmentEntry"("unitId", "period", "dimension");

