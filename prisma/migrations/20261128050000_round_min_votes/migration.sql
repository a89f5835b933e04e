-- AlterTable
ALTER TABLE "Round" ADD COLUMN "minVotes" INTEGER;
