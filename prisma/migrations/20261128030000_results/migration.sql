-- AlterTable
ALTER TABLE "Round" ADD COLUMN "resultsPublishedAt" DATETIME;
