-- CreateTable
CREATE TABLE "AssessmentSanction" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "decidedOn" TEXT NOT NULL,
    "attachmentId" INTEGER,
    "ledgerItemId" INTEGER,
    "enteredById" INTEGER,
    "enteredBy" TEXT NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentSanction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentSanction_ledgerItemId_key" ON "AssessmentSanction"("ledgerItemId");

-- CreateIndex
CREATE INDEX "AssessmentSanction_period_unitId_idx" ON "AssessmentSanction"("period", "unitId");

-- AddForeignKey
ALTER TABLE "AssessmentSanction" ADD CONSTRAINT "AssessmentSanction_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentSanction" ADD CONSTRAINT "AssessmentSanction_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

