-- CreateTable
CREATE TABLE "Area" (
    "slug" TEXT NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "School" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "staffSchoolSignIn" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Round" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "schoolId" TEXT,
    "ballotStyle" TEXT NOT NULL,
    "maxPicks" INTEGER,
    "rule" TEXT NOT NULL,
    "minVotes" INTEGER,
    "classLevels" TEXT NOT NULL,
    "proposalsStart" TEXT NOT NULL,
    "proposalsEnd" TEXT NOT NULL,
    "reviewStart" TEXT NOT NULL,
    "reviewEnd" TEXT NOT NULL,
    "votingStart" TEXT NOT NULL,
    "votingEnd" TEXT NOT NULL,
    "resultsDate" TEXT NOT NULL,
    "resultsPublishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundArea" (
    "roundId" TEXT NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "budget" INTEGER NOT NULL,

    CONSTRAINT "RoundArea_pkey" PRIMARY KEY ("roundId","areaSlug")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "roundId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "classLevel" INTEGER NOT NULL,
    "eligible" INTEGER NOT NULL,

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("roundId","schoolId","classLevel")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "email" TEXT,
    "passwordHash" TEXT,
    "displayName" TEXT NOT NULL,
    "codeHash" TEXT,
    "codeRevokedAt" TIMESTAMP(3),
    "identityKey" TEXT,
    "personId" TEXT,
    "roundId" TEXT,
    "schoolId" TEXT,
    "classLevel" INTEGER,
    "locale" TEXT,
    "disabledAt" TIMESTAMP(3),
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sectors" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffSchool" (
    "userId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,

    CONSTRAINT "StaffSchool_pkey" PRIMARY KEY ("userId","schoolId")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "schoolId" TEXT,
    "costEstimate" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "mergedIntoId" TEXT,
    "projectId" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'fi',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "publicCode" TEXT,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalCoAuthor" (
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ProposalCoAuthor_pkey" PRIMARY KEY ("proposalId","userId")
);

-- CreateTable
CREATE TABLE "ProposalEvent" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "type" TEXT NOT NULL,
    "reason" TEXT,
    "targetId" TEXT,

    CONSTRAINT "ProposalEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotProject" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "titleFi" TEXT NOT NULL,
    "titleSv" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "cost" INTEGER NOT NULL,
    "descriptionFi" TEXT NOT NULL DEFAULT '',
    "descriptionSv" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "imageId" TEXT,
    "imageAltFi" TEXT NOT NULL DEFAULT '',
    "imageAltSv" TEXT NOT NULL DEFAULT '',
    "imageAltEn" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'candidate',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BallotProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "classLevel" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "votedAt" TIMESTAMP(3) NOT NULL,
    "casts" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "voterKey" TEXT NOT NULL,
    "receiptHash" TEXT NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotPick" (
    "ballotId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,

    CONSTRAINT "BallotPick_pkey" PRIMARY KEY ("ballotId","projectId")
);

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Image_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectUpdate" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "textFi" TEXT NOT NULL,
    "textSv" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "imageId" TEXT,
    "imageAltFi" TEXT NOT NULL DEFAULT '',
    "imageAltSv" TEXT NOT NULL DEFAULT '',
    "imageAltEn" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "School_code_key" ON "School"("code");

-- CreateIndex
CREATE INDEX "School_areaSlug_idx" ON "School"("areaSlug");

-- CreateIndex
CREATE UNIQUE INDEX "Round_slug_key" ON "Round"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_codeHash_key" ON "User"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "User_identityKey_key" ON "User"("identityKey");

-- CreateIndex
CREATE INDEX "User_roundId_schoolId_classLevel_idx" ON "User"("roundId", "schoolId", "classLevel");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_idx" ON "AuditLog"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_publicCode_key" ON "Proposal"("publicCode");

-- CreateIndex
CREATE INDEX "Proposal_roundId_status_idx" ON "Proposal"("roundId", "status");

-- CreateIndex
CREATE INDEX "Proposal_authorId_idx" ON "Proposal"("authorId");

-- CreateIndex
CREATE INDEX "Proposal_projectId_idx" ON "Proposal"("projectId");

-- CreateIndex
CREATE INDEX "ProposalEvent_proposalId_at_idx" ON "ProposalEvent"("proposalId", "at");

-- CreateIndex
CREATE INDEX "BallotProject_roundId_areaSlug_idx" ON "BallotProject"("roundId", "areaSlug");

-- CreateIndex
CREATE UNIQUE INDEX "BallotProject_roundId_code_key" ON "BallotProject"("roundId", "code");

-- CreateIndex
CREATE INDEX "Participation_roundId_schoolId_classLevel_method_idx" ON "Participation"("roundId", "schoolId", "classLevel", "method");

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

-- CreateIndex
CREATE INDEX "ProjectUpdate_projectId_createdAt_idx" ON "ProjectUpdate"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "Area"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundArea" ADD CONSTRAINT "RoundArea_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundArea" ADD CONSTRAINT "RoundArea_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "Area"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSchool" ADD CONSTRAINT "StaffSchool_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSchool" ADD CONSTRAINT "StaffSchool_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "Area"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BallotProject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalCoAuthor" ADD CONSTRAINT "ProposalCoAuthor_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalCoAuthor" ADD CONSTRAINT "ProposalCoAuthor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalEvent" ADD CONSTRAINT "ProposalEvent_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotProject" ADD CONSTRAINT "BallotProject_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotProject" ADD CONSTRAINT "BallotProject_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "Area"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotProject" ADD CONSTRAINT "BallotProject_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotPick" ADD CONSTRAINT "BallotPick_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotPick" ADD CONSTRAINT "BallotPick_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BallotProject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectUpdate" ADD CONSTRAINT "ProjectUpdate_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BallotProject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectUpdate" ADD CONSTRAINT "ProjectUpdate_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE SET NULL ON UPDATE CASCADE;
