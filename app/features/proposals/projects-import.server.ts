// Importing a round's ballot projects (`import-projects --round SLUG FILE.csv`, docs/cli.md), in
// one transaction with its audit entry: all rows are written, or none.
import { CsvError } from "~/shared/csv";
import type { ProjectsCsv } from "~/features/proposals/projects-csv";
import { RoundNotFoundError } from "~/features/rounds/round-admin.server";
import { appendAudit } from "~/server/audit.server";
import { retryWhenBusy, type Db } from "~/server/db.server";

/**
 * Upserts a round's ballot projects by (round, code) from a read projects file, in one transaction
 * with an audit entry. A project whose area has no budget in the round aborts the whole import with
 * a CsvError naming its line and the area column.
 */
export async function importProjects(client: Db, roundSlug: string, table: ProjectsCsv, actorId: string | null) {
  return retryWhenBusy(() =>
    client.$transaction(async (tx) => {
      const round = await tx.round.findUnique({ where: { slug: roundSlug }, include: { areas: true } });
      if (!round) throw new RoundNotFoundError(roundSlug);
      const budgeted = round.areas.map((a) => a.areaSlug);
      for (const row of table.rows) {
        if (!budgeted.includes(row.value.area)) {
          throw new CsvError(table.file, {
            line: row.line,
            column: table.columnOf("area"),
            columnName: "area",
            message: `the area "${row.value.area}" has no budget in round ${round.slug}; use one of ${budgeted.join(", ")}, or add the area to the round first (create-round)`,
          });
        }
      }
      let created = 0;
      let updated = 0;
      for (const { value } of table.rows) {
        const fields = {
          titleFi: value.title_fi,
          titleSv: value.title_sv,
          titleEn: value.title_en,
          areaSlug: value.area,
          sector: value.sector,
          cost: value.cost,
          // Only the description columns the file has: without them existing descriptions stay.
          ...(table.hasColumn("description_fi") ? { descriptionFi: value.description_fi ?? "" } : {}),
          ...(table.hasColumn("description_sv") ? { descriptionSv: value.description_sv ?? "" } : {}),
          ...(table.hasColumn("description_en") ? { descriptionEn: value.description_en ?? "" } : {}),
        };
        const where = { roundId_code: { roundId: round.id, code: value.code } };
        const existing = await tx.ballotProject.findUnique({ where, select: { id: true } });
        if (existing) {
          await tx.ballotProject.update({ where, data: fields });
          updated++;
        } else {
          await tx.ballotProject.create({ data: { roundId: round.id, code: value.code, ...fields } });
          created++;
        }
      }
      await appendAudit(tx, { actorId, action: "projects.import", subjectType: "round", subjectId: round.id, detail: { created, updated } });
      return { created, updated };
    }),
  );
}
