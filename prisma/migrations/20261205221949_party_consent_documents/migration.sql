-- AlterTable
ALTER TABLE "PetitionParty" ADD COLUMN "documentIds" JSONB;
ALTER TABLE "PetitionParty" ADD COLUMN "refusalReason" TEXT;

