// Turnout queries (docs/domain.md; app/features/turnout/turnout.ts does the grouping). Everything is
// counted on the database side, in one pass over the round's participations: grouped by school and
// only as much more (class level, method, UTC hour of the last cast) as the table's keys need
// (voterCounts), enrolment summed by school (and class level); the at most a few thousand groups are
// then joined in code with the schools' type, language and area. A round with 1,000,000
// participations therefore never loads a participation row into memory
// (docs/decisions/013-aggregating-in-the-database.md).
import { z } from "zod";
import { CsvError, readCsvTable } from "~/shared/csv";
import { Prisma } from "~/generated/prisma/client";
import { aggregateTurnout, daysBetween, type EnrolmentCount, type TurnoutKey, type TurnoutSchool, type TurnoutTable, type VoterCount } from "~/features/turnout/turnout";
import { helsinkiDay, parseClassLevels } from "~/features/rounds/phases";
import { ENROLMENT_COLUMNS, ENROLMENT_MESSAGES } from "~/features/turnout/enrolment-problems";
import { appendAudit } from "~/server/audit.server";
import { canSeeTurnout, schoolScope, type Actor } from "~/features/access/permissions";
import { retryWhenBusy, type Db } from "~/server/db.server";
import { isPostgres } from "~/server/database-url.server";

export interface TurnoutRound {
  id: string;
  slug: string;
  classLevels: string;
  votingStart: string;
  votingEnd: string;
}

export interface TurnoutScope {
  /** School ids to count; null: the whole city. */
  schoolIds: readonly string[] | null;
}

/** What a signed-in user may count: staff their own schools, coordinators and admins everything. */
export function scopeFor(user: Actor): TurnoutScope {
  return { schoolIds: schoolScope(user) };
}

/** Every school (in scope) with what turnout groups by. */
export async function turnoutSchools(db: Db, scope: TurnoutScope) {
  return db.school.findMany({
    where: scope.schoolIds ? { id: { in: [...scope.schoolIds] } } : undefined,
    select: { id: true, code: true, type: true, language: true, areaSlug: true, nameFi: true, nameSv: true, nameEn: true },
    orderBy: { code: "asc" },
  });
}

/**
 * The columns of Participation a grouping needs, as a prefix of its index (roundId, schoolId,
 * classLevel, method, votedAt): grouping by a prefix of the index reads it in order with no sort.
 * `schoolId` always (type, language, school and area are the school's); `classLevel` for the class
 * level and whatever follows it; `method` for the method and the day; `votedAt` (its UTC hour) for the day.
 */
export function voterColumns(keys: readonly TurnoutKey[]): { classLevel: boolean; method: boolean; day: boolean } {
  const day = keys.includes("day");
  const method = day || keys.includes("method");
  return { classLevel: method || keys.includes("class-level"), method, day };
}

/**
 * Voters per school (and class level, method and Helsinki day, as far as `keys` need them: see
 * voterColumns), counted by the database in one pass over the round's entries of the Participation
 * index, which covers every column counted (docs/decisions/013-aggregating-in-the-database.md).
 * A column the keys do not need is left out of the grouping, so there are fewer groups to send and
 * to add up: by type and language, one per school instead of one per school, class level and method.
 * Its value in the counts is then a placeholder that aggregateTurnout never reads (classLevel 0,
 * method ""), as it reads only the values of its keys.
 * The day groups by the UTC hour of `votedAt` as "YYYY-MM-DDTHH", the one part with two texts:
 * - SQLite: Prisma stores DateTime as ISO-8601 text in UTC, so its first 13 characters;
 * - PostgreSQL: `timestamp(3)` in UTC (every session's time zone is UTC, db.server.ts), formatted.
 * Helsinki's offset is whole hours, so every UTC hour falls in one Helsinki day, which is computed
 * here for the (at most 24 × days × groups) buckets.
 */
export async function voterCounts(db: Db, roundId: string, scope: TurnoutScope, keys: readonly TurnoutKey[]): Promise<VoterCount[]> {
  if (scope.schoolIds && scope.schoolIds.length === 0) return [];
  const need = voterColumns(keys);
  const columns = [Prisma.sql`"schoolId"`];
  if (need.classLevel) columns.push(Prisma.sql`"classLevel"`);
  if (need.method) columns.push(Prisma.sql`"method"`);
  if (need.day) columns.push(isPostgres() ? Prisma.sql`to_char("votedAt", 'YYYY-MM-DD"T"HH24')` : Prisma.sql`substr("votedAt", 1, 13)`);
  const inScope = scope.schoolIds ? Prisma.sql`AND "schoolId" IN (${Prisma.join([...scope.schoolIds])})` : Prisma.empty;
  // Grouped by position, so that the hour's expression is written once.
  const positions = Prisma.raw(columns.map((_, i) => String(i + 1)).join(", "));
  const rows = await db.$queryRaw<Array<{ schoolId: string; classLevel?: number | bigint; method?: string; hour?: string; n: number | bigint }>>`
    SELECT ${Prisma.join(columns)}${need.day ? Prisma.sql` AS hour` : Prisma.empty}, COUNT(*) AS n
    FROM "Participation"
    WHERE "roundId" = ${roundId} ${inScope}
    GROUP BY ${positions}`;
  const dayOfHour = new Map<string, string>();
  return rows.map((r) => {
    const count: VoterCount = { schoolId: r.schoolId, classLevel: need.classLevel ? Number(r.classLevel) : 0, method: need.method ? (r.method as string) : "", voters: Number(r.n) };
    if (need.day) {
      const hour = r.hour as string;
      let day = dayOfHour.get(hour);
      if (day === undefined) {
        const at = new Date(`${hour}:00:00Z`);
        day = Number.isNaN(at.getTime()) ? hour.slice(0, 10) : helsinkiDay(at);
        dayOfHour.set(hour, day);
      }
      count.day = day;
    }
    return count;
  });
}

/**
 * The round's enrolment of its eligible class levels, per school (and class level when `byClassLevel`),
 * summed by the database.
 */
export async function enrolmentCounts(db: Db, round: TurnoutRound, scope: TurnoutScope, byClassLevel = true): Promise<EnrolmentCount[]> {
  if (scope.schoolIds && scope.schoolIds.length === 0) return [];
  const where = {
    roundId: round.id,
    classLevel: { in: parseClassLevels(round.classLevels) },
    ...(scope.schoolIds ? { schoolId: { in: [...scope.schoolIds] } } : {}),
  };
  if (byClassLevel) return db.enrolment.findMany({ where, select: { schoolId: true, classLevel: true, eligible: true } });
  const groups = await db.enrolment.groupBy({ by: ["schoolId"], where, _sum: { eligible: true } });
  return groups.map((g) => ({ schoolId: g.schoolId, classLevel: 0, eligible: g._sum.eligible ?? 0 }));
}

/** The voting days so far: from the start of voting to today or its end, whichever is first. */
export function votingDaysSoFar(round: TurnoutRound, today = helsinkiDay()): string[] {
  const end = today < round.votingEnd ? today : round.votingEnd;
  return daysBetween(round.votingStart, end);
}

export interface LoadedTurnout {
  table: TurnoutTable;
  schools: Awaited<ReturnType<typeof turnoutSchools>>;
}

/** The turnout table of `round` grouped by `keys`, counting only the schools in `scope`. */
export async function loadTurnout(db: Db, round: TurnoutRound, keys: readonly TurnoutKey[], scope: TurnoutScope): Promise<LoadedTurnout> {
  const byDay = keys.includes("day");
  const [schools, enrolment, voters] = await Promise.all([
    turnoutSchools(db, scope),
    enrolmentCounts(db, round, scope, keys.includes("class-level")),
    voterCounts(db, round.id, scope, keys),
  ]);
  const turnoutSchoolsList: TurnoutSchool[] = schools.map((s) => ({ id: s.id, code: s.code, type: s.type, language: s.language, area: s.areaSlug }));
  const table = aggregateTurnout({ keys, schools: turnoutSchoolsList, enrolment, voters, days: byDay ? votingDaysSoFar(round) : undefined });
  return { table, schools };
}

// ---- enrolment import (`import-enrolment --round SLUG FILE.csv`, and the form on /turnout) --------

export { ENROLMENT_COLUMNS };



const enrolmentRowSchema = z.object({
  school: z.string().min(1, ENROLMENT_MESSAGES.schoolEmpty),
  class_level: z
    .string()
    .regex(/^\d+$/, ENROLMENT_MESSAGES.classLevel)
    .transform(Number)
    .refine((n) => n >= 1 && n <= 12, ENROLMENT_MESSAGES.classLevel),
  eligible: z
    .string()
    .regex(/^\d+$/, ENROLMENT_MESSAGES.eligibleNumber)
    .transform(Number)
    .refine((n) => n <= 100_000, ENROLMENT_MESSAGES.eligibleTooLarge),
});
export type EnrolmentRow = z.infer<typeof enrolmentRowSchema>;

/** Reads an enrolment file; a duplicate school and class level is an error on its second line. */
export function readEnrolmentCsv(file: string, text: string) {
  const table = readCsvTable(file, text, ENROLMENT_COLUMNS, enrolmentRowSchema);
  const seen = new Map<string, number>();
  for (const { line, value } of table.rows) {
    const id = `${value.school}/${value.class_level}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new CsvError(file, {
        line,
        column: table.columnOf("class_level"),
        columnName: "class_level",
        message: `school ${value.school}, class level ${value.class_level} is already on line ${earlier}; keep one line per school and class level`,
      });
    }
    seen.set(id, line);
  }
  return table;
}

/**
 * Upserts the round's enrolment from a read file: every school code must exist (else CsvError on
 * its line and column); all rows are written in one transaction, or none.
 */
export async function importEnrolment(
  db: Db,
  roundSlug: string,
  file: string,
  table: ReturnType<typeof readEnrolmentCsv>,
  actorId: string | null,
): Promise<{ rows: number; schools: number; created: number; updated: number }> {
  const round = await db.round.findUnique({ where: { slug: roundSlug }, select: { id: true, slug: true } });
  if (!round) throw new Error(`no round with slug "${roundSlug}"; check --round`);
  const codes = [...new Set(table.rows.map((r) => r.value.school))];
  const schools = await db.school.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const idOf = new Map(schools.map((s) => [s.code, s.id]));
  for (const { line, value } of table.rows) {
    if (!idOf.has(value.school)) {
      throw new CsvError(file, {
        line,
        column: table.columnOf("school"),
        columnName: "school",
        message: `no school has the code "${value.school}"; import it first with import-schools, or correct the code`,
      });
    }
  }
  return retryWhenBusy(() =>
    db.$transaction(async (tx) => {
      let created = 0;
      let updated = 0;
      for (const { value } of table.rows) {
        const schoolId = idOf.get(value.school) as string;
        const key = { roundId_schoolId_classLevel: { roundId: round.id, schoolId, classLevel: value.class_level } };
        const existing = await tx.enrolment.findUnique({ where: key, select: { eligible: true } });
        if (existing) {
          await tx.enrolment.update({ where: key, data: { eligible: value.eligible } });
          updated++;
        } else {
          await tx.enrolment.create({ data: { roundId: round.id, schoolId, classLevel: value.class_level, eligible: value.eligible } });
          created++;
        }
      }
      await appendAudit(tx, { actorId, action: "enrolment.import", subjectType: "round", subjectId: round.id, detail: { rows: table.rows.length, created, updated } });
      return { rows: table.rows.length, schools: codes.length, created, updated };
    }),
  );
}

/**
 * The schools a request may count: `school` (a school code) narrows to one school, which staff may
 * ask only for a school they serve (`canSeeTurnout`; 403 otherwise); without it, staff get their own
 * schools and coordinators and admins the whole city. An unknown code is a 404.
 */
export async function requestScope(db: Db, user: Actor, schoolCode: string | null, exact: boolean): Promise<TurnoutScope> {
  if (!schoolCode) return scopeFor(user);
  const school = await db.school.findUnique({ where: { code: schoolCode }, select: { id: true } });
  if (!school) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  if (!canSeeTurnout(user, { exact, schoolId: school.id })) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return { schoolIds: [school.id] };
}
