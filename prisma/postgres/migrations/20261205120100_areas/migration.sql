-- The seven major districts and the whole city: the same reference rows as prisma/migrations/20261128000100_areas
-- (written by hand: migrate diff writes only the schema).
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('etelainen', 'Eteläinen', 'Södra', 'Southern', 0) ON CONFLICT ("slug") DO NOTHING;
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('lantinen', 'Läntinen', 'Västra', 'Western', 1) ON CONFLICT ("slug") DO NOTHING;
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('keskinen', 'Keskinen', 'Mellersta', 'Central', 2) ON CONFLICT ("slug") DO NOTHING;
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('pohjoinen', 'Pohjoinen', 'Norra', 'Northern', 3) ON CONFLICT ("slug") DO NOTHING;
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('koillinen', 'Koillinen', 'Nordöstra', 'North-Eastern', 4) ON CONFLICT ("slug") DO NOTHING;
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('kaakkoinen', 'Kaakkoinen', 'Sydöstra', 'South-Eastern', 5) ON CONFLICT ("slug") DO NOTHING;
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('itainen', 'Itäinen', 'Östra', 'Eastern', 6) ON CONFLICT ("slug") DO NOTHING;
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('koko-kaupunki', 'Koko Helsinki', 'Hela Helsingfors', 'Whole city', 7) ON CONFLICT ("slug") DO NOTHING;
