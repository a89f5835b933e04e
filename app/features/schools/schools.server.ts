import type { AreaSlug, Locale, SchoolLanguage, SchoolType } from "~/shared/catalog";
import type { SchoolRow } from "~/features/schools/schools";
import { localName } from "~/features/schools/names";
import { appendAudit } from "~/server/audit.server";
import { db, retryWhenBusy, type Db } from "~/server/db.server";

/** Upserts schools by code in one transaction: all rows or none. */
export async function importSchools(client: Db, rows: readonly SchoolRow[], actorId: string | null) {
  return retryWhenBusy(() =>
    client.$transaction(async (tx) => {
      let created = 0;
      let updated = 0;
      for (const row of rows) {
        const data = {
          nameFi: row.name_fi,
          nameSv: row.name_sv,
          nameEn: row.name_en,
          type: row.type,
          language: row.language,
          areaSlug: row.area,
        };
        const existing = await tx.school.findUnique({ where: { code: row.code }, select: { id: true } });
        if (existing) {
          await tx.school.update({ where: { code: row.code }, data });
          updated++;
        } else {
          await tx.school.create({ data: { code: row.code, ...data } });
          created++;
        }
      }
      await appendAudit(tx, { actorId, action: "schools.import", subjectType: "school", detail: { created, updated } });
      return { created, updated };
    }),
  );
}

// ---- pages: /schools, /schools/CODE, the admin's school checkboxes -------------------------------

/** Every school, by area and name: what the admin's school checkboxes offer. */
export async function schoolOptions(locale: Locale) {
  const schools = await db.school.findMany({ orderBy: [{ area: { sortOrder: "asc" } }, { nameFi: "asc" }] });
  return schools.map((s) => ({ id: s.id, code: s.code, name: localName(s, locale), area: s.areaSlug as AreaSlug }));
}

/** Codes and names of the schools with these ids (an account's schools), by Finnish name. */
export async function schoolNames(ids: readonly string[], locale: Locale) {
  const schools = await db.school.findMany({ where: { id: { in: [...ids] } }, orderBy: { nameFi: "asc" } });
  return schools.map((s) => ({ code: s.code, name: localName(s, locale) }));
}

/** The school a sign-in page is for (`/login/code?school=CODE`), or null. */
export async function schoolByCode(code: string) {
  return db.school.findUnique({ where: { code }, select: { id: true, code: true, nameFi: true, nameSv: true, nameEn: true } });
}

/**
 * The schools in `scope` (null: all) with their eligible pupils in round `roundId` (null when the
 * round has no enrolment for a school, or there is no round).
 */
export async function listSchools(scope: readonly string[] | null, roundId: string | null, locale: Locale) {
  const where = scope ? { id: { in: [...scope] } } : {};
  const [schools, eligible] = await Promise.all([
    db.school.findMany({ where, include: { area: true }, orderBy: [{ area: { sortOrder: "asc" } }, { nameFi: "asc" }] }),
    roundId ? db.enrolment.groupBy({ by: ["schoolId"], where: { roundId, school: where }, _sum: { eligible: true } }) : Promise.resolve([]),
  ]);
  const eligibleBySchool = new Map(eligible.map((e) => [e.schoolId, e._sum.eligible ?? 0]));
  return schools.map((s) => ({
    code: s.code,
    name: localName(s, locale),
    type: s.type as SchoolType,
    language: s.language as SchoolLanguage,
    area: s.areaSlug as AreaSlug,
    eligible: eligibleBySchool.get(s.id) ?? null,
  }));
}

/** One school with its active staff; null when no school has the code. */
export async function loadSchool(code: string, locale: Locale) {
  const school = await db.school.findUnique({
    where: { code },
    include: { staff: { include: { user: { select: { displayName: true, disabledAt: true } } } } },
  });
  if (!school) return null;
  return {
    id: school.id,
    code: school.code,
    name: localName(school, locale),
    type: school.type as SchoolType,
    language: school.language as SchoolLanguage,
    area: school.areaSlug as AreaSlug,
    staffSchoolSignIn: school.staffSchoolSignIn,
    staff: school.staff.filter((s) => !s.user.disabledAt).map((s) => s.user.displayName).sort(),
  };
}

/** A school's enrolment in round `roundId`, by class level. */
export async function schoolEnrolment(schoolId: string, roundId: string) {
  const rows = await db.enrolment.findMany({ where: { roundId, schoolId }, orderBy: { classLevel: "asc" } });
  return rows.map((e) => ({ classLevel: e.classLevel, eligible: e.eligible }));
}

/** An admin switches school-account sign-in for the school's staff on or off (audited). */
export async function setStaffSchoolSignIn(schoolId: string, on: boolean, actorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.school.update({ where: { id: schoolId }, data: { staffSchoolSignIn: on } });
    await appendAudit(tx, { actorId, action: on ? "school.staff-signin.on" : "school.staff-signin.off", subjectType: "school", subjectId: schoolId });
  });
}
