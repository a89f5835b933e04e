-- The ballot box (docs/decisions/009-ballot-box.md). WITHOUT ROWID, like Ballot: a rowid would
-- record the order in which sealed entries arrived, next to the Participation rows of the same casts.
-- CreateTable
CREATE TABLE "BallotBox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "sealed" BLOB NOT NULL,
    CONSTRAINT "BallotBox_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateIndex
CREATE INDEX "BallotBox_roundId_idx" ON "BallotBox"("roundId");
