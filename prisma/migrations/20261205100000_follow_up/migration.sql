-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN "publicCode" TEXT;

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProjectUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProjectUpdate_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BallotProject" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProjectUpdate_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "role" TEXT NOT NULL,
    "email" TEXT,
    "passwordHash" TEXT,
    "displayName" TEXT NOT NULL,
    "codeHash" TEXT,
    "codeRevokedAt" DATETIME,
    "identityKey" TEXT,
    "personId" TEXT,
    "roundId" TEXT,
    "schoolId" TEXT,
    "classLevel" INTEGER,
    "locale" TEXT,
    "disabledAt" DATETIME,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sectors" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "User_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("classLevel", "codeHash", "codeRevokedAt", "createdAt", "disabledAt", "displayName", "email", "id", "identityKey", "locale", "passwordHash", "personId", "role", "roundId", "schoolId", "sectors") SELECT "classLevel", "codeHash", "codeRevokedAt", "createdAt", "disabledAt", "displayName", "email", "id", "identityKey", "locale", "passwordHash", "personId", "role", "roundId", "schoolId", "sectors" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_codeHash_key" ON "User"("codeHash");
CREATE UNIQUE INDEX "User_identityKey_key" ON "User"("identityKey");
CREATE INDEX "User_roundId_schoolId_classLevel_idx" ON "User"("roundId", "schoolId", "classLevel");
CREATE TABLE "new_BallotProject" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BallotProject_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BallotProject_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "Area" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BallotProject_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_BallotProject" ("areaSlug", "code", "cost", "createdAt", "id", "roundId", "sector", "status", "titleEn", "titleFi", "titleSv", "updatedAt") SELECT "areaSlug", "code", "cost", "createdAt", "id", "roundId", "sector", "status", "titleEn", "titleFi", "titleSv", "updatedAt" FROM "BallotProject";
DROP TABLE "BallotProject";
ALTER TABLE "new_BallotProject" RENAME TO "BallotProject";
CREATE INDEX "BallotProject_roundId_areaSlug_idx" ON "BallotProject"("roundId", "areaSlug");
CREATE UNIQUE INDEX "BallotProject_roundId_code_key" ON "BallotProject"("roundId", "code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProjectUpdate_projectId_createdAt_idx" ON "ProjectUpdate"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_publicCode_key" ON "Proposal"("publicCode");
