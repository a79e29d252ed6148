-- AlterTable
ALTER TABLE "Petition" ADD COLUMN "overdueAt" DATETIME;

-- AlterTable
ALTER TABLE "SatisfactionRating" ADD COLUMN "visitMethod" TEXT;

-- AlterTable
ALTER TABLE "LedgerItem" ADD COLUMN "liaisonName" TEXT;
ALTER TABLE "LedgerItem" ADD COLUMN "liaisonPhone" TEXT;

