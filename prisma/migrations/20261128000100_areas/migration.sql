-- The areas are fixed vocabulary (docs/domain.md): Helsinki's seven major districts and the whole city.
-- Plain SQL, portable to PostgreSQL; rows that already exist are left alone.
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") SELECT 'etelainen', 'Eteläinen', 'Södra', 'Southern', 0 WHERE NOT EXISTS (SELECT 1 FROM "Area" WHERE "slug" = 'etelainen');
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") SELECT 'lantinen', 'Läntinen', 'Västra', 'Western', 1 WHERE NOT EXISTS (SELECT 1 FROM "Area" WHERE "slug" = 'lantinen');
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") SELECT 'keskinen', 'Keskinen', 'Mellersta', 'Central', 2 WHERE NOT EXISTS (SELECT 1 FROM "Area" WHERE "slug" = 'keskinen');
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") SELECT 'pohjoinen', 'Pohjoinen', 'Norra', 'Northern', 3 WHERE NOT EXISTS (SELECT 1 FROM "Area" WHERE "slug" = 'pohjoinen');
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") SELECT 'koillinen', 'Koillinen', 'Nordöstra', 'North-Eastern', 4 WHERE NOT EXISTS (SELECT 1 FROM "Area" WHERE "slug" = 'koillinen');
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") SELECT 'kaakkoinen', 'Kaakkoinen', 'Sydöstra', 'South-Eastern', 5 WHERE NOT EXISTS (SELECT 1 FROM "Area" WHERE "slug" = 'kaakkoinen');
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") SELECT 'itainen', 'Itäinen', 'Östra', 'Eastern', 6 WHERE NOT EXISTS (SELECT 1 FROM "Area" WHERE "slug" = 'itainen');
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") SELECT 'koko-kaupunki', 'Koko Helsinki', 'Hela Helsingfors', 'Whole city', 7 WHERE NOT EXISTS (SELECT 1 FROM "Area" WHERE "slug" = 'koko-kaupunki');
