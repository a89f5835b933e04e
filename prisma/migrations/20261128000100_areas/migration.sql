-- The areas are fixed vocabulary (DESIGN.md §1): Helsinki's seven major districts and the whole city.
-- Plain INSERTs, portable to PostgreSQL.
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('etelainen', 'Eteläinen', 'Södra', 'Southern', 0);
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('lantinen', 'Läntinen', 'Västra', 'Western', 1);
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('keskinen', 'Keskinen', 'Mellersta', 'Central', 2);
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('pohjoinen', 'Pohjoinen', 'Norra', 'Northern', 3);
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('koillinen', 'Koillinen', 'Nordöstra', 'North-Eastern', 4);
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('kaakkoinen', 'Kaakkoinen', 'Sydöstra', 'South-Eastern', 5);
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('itainen', 'Itäinen', 'Östra', 'Eastern', 6);
INSERT INTO "Area" ("slug", "nameFi", "nameSv", "nameEn", "sortOrder") VALUES ('koko-kaupunki', 'Koko Helsinki', 'Hela Helsingfors', 'Whole city', 7);
