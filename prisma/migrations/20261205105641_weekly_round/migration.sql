-- AlterTable
ALTER TABLE "WeeklyReport" ADD COLUMN "makeupAt" DATETIME;

-- CreateTable
CREATE TABLE "ProgressMeeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "isoWeek" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "minutes" TEXT NOT NULL,
    "attendance" JSONB NOT NULL,
    "items" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MajorMatter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "flaggedById" INTEGER,
    "flaggedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processInstanceKey" TEXT,
    "decision" TEXT,
    "decisionNote" TEXT,
    "meetingAt" TEXT,
    "decidedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ProgressMeeting_isoWeek_idx" ON "ProgressMeeting"("isoWeek");

-- CreateIndex
CREATE UNIQUE INDEX "MajorMatter_number_key" ON "MajorMatter"("number");

-- CreateIndex
CREATE UNIQUE INDEX "MajorMatter_processInstanceKey_key" ON "MajorMatter"("processInstanceKey");

