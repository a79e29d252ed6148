-- CreateEnum
CREATE TYPE "ResolutionOutcome" AS ENUM ('resolved', 'partially_resolved', 'unresolved');

-- CreateEnum
CREATE TYPE "PartyRole" AS ENUM ('petitioner', 'opposing_party', 'third_party');

-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "resolutionNote" TEXT,
ADD COLUMN     "resolutionOutcome" "ResolutionOutcome",
ADD COLUMN     "resolutionRecordedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PetitionParty" (
    "id" SERIAL NOT NULL,
    "petitionId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "role" "PartyRole" NOT NULL,
    "consent" BOOLEAN NOT NULL,
    "consentedOn" TIMESTAMP(3) NOT NULL,
    "method" TEXT NOT NULL,
    "note" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PetitionParty_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PetitionParty_petitionId_sequence_key" ON "PetitionParty"("petitionId", "sequence");

-- AddForeignKey
ALTER TABLE "PetitionParty" ADD CONSTRAINT "PetitionParty_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Data. Before this migration the return visit's satisfaction stood for 解决率 (满意 and 基本满意 counted as
-- resolved). A petition visited before then keeps that reading as its outcome, marked as inferred, so the
-- figure does not jump; every later visit records the outcome itself.
UPDATE "Petition" SET
  "resolutionOutcome" = (CASE (SELECT s."rating" FROM "SatisfactionRating" s WHERE s."petitionId" = "Petition"."id")
    WHEN 'unsatisfied' THEN 'unresolved' ELSE 'resolved' END)::"ResolutionOutcome",
  "resolutionNote" = '（迁移推定：原记录未单独登记解决情况，依据回访满意度推定）',
  "resolutionRecordedAt" = (SELECT s."visitedAt" FROM "SatisfactionRating" s WHERE s."petitionId" = "Petition"."id")
WHERE "resolutionOutcome" IS NULL
  AND EXISTS (SELECT 1 FROM "SatisfactionRating" s WHERE s."petitionId" = "Petition"."id");

-- Only the petitioner was asked before: an answer on record becomes party 1, the petitioner.
INSERT INTO "PetitionParty" ("petitionId", "sequence", "name", "role", "consent", "consentedOn", "method", "note", "recordedAt")
SELECT "id", 1, "petitionerName", 'petitioner'::"PartyRole", "consentGiven", COALESCE("consentRecordedAt", "updatedAt"), 'other',
  '（迁移：原记录仅登记信访人意见）', COALESCE("consentRecordedAt", "updatedAt")
FROM "Petition" WHERE "consentGiven" IS NOT NULL;
