import type { SchoolRow } from "~/features/schools/schools";
import { appendAudit } from "~/server/audit.server";
import { retryWhenBusy, type Db } from "~/server/db.server";

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
