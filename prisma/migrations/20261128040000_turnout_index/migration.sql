-- DropIndex
DROP INDEX "Participation_roundId_schoolId_idx";

-- CreateIndex
CREATE INDEX "Participation_roundId_schoolId_classLevel_method_idx" ON "Participation"("roundId", "schoolId", "classLevel", "method");
