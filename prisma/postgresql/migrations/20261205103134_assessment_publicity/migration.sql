-- CreateEnum
CREATE TYPE "PublicityKind" AS ENUM ('trial_broadcast', 'typical_case', 'press_conference', 'media_report');

-- CreateEnum
CREATE TYPE "MediaLevel" AS ENUM ('provincial', 'national');

-- CreateTable
CREATE TABLE "PublicityItem" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "kind" "PublicityKind" NOT NULL,
    "title" TEXT NOT NULL,
    "happenedOn" TEXT NOT NULL,
    "outlet" TEXT,
    "mediaLevel" "MediaLevel",
    "link" TEXT,
    "participants" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicityItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentDimension" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "measures" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AssessmentDimension_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "AssessmentSetting" (
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "AssessmentSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AssessmentEntry" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "enteredById" INTEGER,
    "enteredBy" TEXT NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PublicityItem_unitId_happenedOn_idx" ON "PublicityItem"("unitId", "happenedOn");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentEntry_unitId_period_dimension_key" ON "AssessmentEntry"("unitId", "period", "dimension");

-- AddForeignKey
ALTER TABLE "PublicityItem" ADD CONSTRAINT "PublicityItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentEntry" ADD CONSTRAINT "AssessmentEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

