import type { AreaSlug, Locale } from "~/shared/catalog";
import { localName } from "~/features/rounds/rounds";
import { db } from "~/server/db.server";

export async function schoolOptions(locale: Locale) {
  const schools = await db.school.findMany({ orderBy: [{ area: { sortOrder: "asc" } }, { nameFi: "asc" }] });
  return schools.map((s) => ({ id: s.id, code: s.code, name: localName(s, locale), area: s.areaSlug as AreaSlug }));
}
