-- AlterTable
ALTER TABLE "PetitionParty" ADD COLUMN     "documentIds" JSONB,
ADD COLUMN     "refusalReason" TEXT;

