-- DropIndex
DROP INDEX "Participation_roundId_schoolId_classLevel_method_idx";

-- CreateIndex
CREATE INDEX "Participation_roundId_schoolId_classLevel_method_votedAt_idx" ON "Participation"("roundId", "schoolId", "classLevel", "method", "votedAt");
