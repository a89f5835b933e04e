-- CreateTable
CREATE TABLE "Participation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "classLevel" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "votedAt" DATETIME NOT NULL,
    "casts" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Participation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Participation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Ballots and their picks are stored WITHOUT ROWID: a rowid would record the order of insertion,
-- which could be lined up with the order of Participation rows. Ordered by their random UUID
-- primary key instead, the table's physical order says nothing about who cast when.
-- (PostgreSQL migrations need their own answer: see docs/decisions/004-secret-ballot.md.)
-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "voterKey" TEXT NOT NULL,
    "receiptHash" TEXT NOT NULL,
    CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "BallotPick" (
    "ballotId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,

    PRIMARY KEY ("ballotId", "projectId"),
    CONSTRAINT "BallotPick_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BallotPick_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BallotProject" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateIndex
CREATE INDEX "Participation_roundId_schoolId_idx" ON "Participation"("roundId", "schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_roundId_userId_key" ON "Participation"("roundId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_voterKey_key" ON "Ballot"("voterKey");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_receiptHash_key" ON "Ballot"("receiptHash");

-- CreateIndex
CREATE INDEX "Ballot_roundId_areaSlug_idx" ON "Ballot"("roundId", "areaSlug");

-- CreateIndex
CREATE INDEX "BallotPick_projectId_idx" ON "BallotPick"("projectId");
