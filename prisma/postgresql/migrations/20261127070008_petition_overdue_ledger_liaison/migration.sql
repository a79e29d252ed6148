-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "overdueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SatisfactionRating" ADD COLUMN     "visitMethod" TEXT;

-- AlterTable
ALTER TABLE "LedgerItem" ADD COLUMN     "liaisonName" TEXT,
ADD COLUMN     "liaisonPhone" TEXT;

