-- AlterTable
ALTER TABLE "Position" ADD COLUMN "holderName" TEXT;

