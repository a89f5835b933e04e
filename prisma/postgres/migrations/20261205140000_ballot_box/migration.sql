-- CreateTable
CREATE TABLE "BallotBox" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "sealed" BYTEA NOT NULL,

    CONSTRAINT "BallotBox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BallotBox_roundId_idx" ON "BallotBox"("roundId");

-- AddForeignKey
ALTER TABLE "BallotBox" ADD CONSTRAINT "BallotBox_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
