-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_School" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "staffSchoolSignIn" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "School_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "Area" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_School" ("areaSlug", "code", "id", "language", "nameEn", "nameFi", "nameSv", "type") SELECT "areaSlug", "code", "id", "language", "nameEn", "nameFi", "nameSv", "type" FROM "School";
DROP TABLE "School";
ALTER TABLE "new_School" RENAME TO "School";
CREATE UNIQUE INDEX "School_code_key" ON "School"("code");
CREATE INDEX "School_areaSlug_idx" ON "School"("areaSlug");
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sectors" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "User_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("classLevel", "codeHash", "codeRevokedAt", "createdAt", "disabledAt", "displayName", "email", "id", "locale", "passwordHash", "role", "roundId", "schoolId", "sectors") SELECT "classLevel", "codeHash", "codeRevokedAt", "createdAt", "disabledAt", "displayName", "email", "id", "locale", "passwordHash", "role", "roundId", "schoolId", "sectors" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_codeHash_key" ON "User"("codeHash");
CREATE UNIQUE INDEX "User_identityKey_key" ON "User"("identityKey");
CREATE INDEX "User_roundId_schoolId_classLevel_idx" ON "User"("roundId", "schoolId", "classLevel");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
