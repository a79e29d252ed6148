-- AlterTable
ALTER TABLE "WeeklyReport" ADD COLUMN     "makeupAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ProgressMeeting" (
    "id" SERIAL NOT NULL,
    "isoWeek" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "minutes" TEXT NOT NULL,
    "attendance" JSONB NOT NULL,
    "items" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MajorMatter" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "flaggedById" INTEGER,
    "flaggedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processInstanceKey" TEXT,
    "decision" TEXT,
    "decisionNote" TEXT,
    "meetingAt" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "MajorMatter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProgressMeeting_isoWeek_idx" ON "ProgressMeeting"("isoWeek");

-- CreateIndex
CREATE UNIQUE INDEX "MajorMatter_number_key" ON "MajorMatter"("number");

-- CreateIndex
CREATE UNIQUE INDEX "MajorMatter_processInstanceKey_key" ON "MajorMatter"("processInstanceKey");

