// Turnout queries (docs/domain.md; app/features/turnout/turnout.ts does the grouping). Everything is
// counted on the database side, in one pass over the round's participations grouped only as finely
// as the table's keys need (turnoutColumns: by type and language, one group per school), and
// enrolment summed likewise; the at most a few thousand groups are then joined in code with the
// schools' type, language and area. A round with 1,000,000 participations therefore never loads a
// participation row into memory (docs/decisions/013-aggregating-in-the-database.md).
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

const SCHOOL_KEYS: readonly TurnoutKey[] = ["type", "language", "school", "area"];

/**
 * What the counts must be grouped by for a table by `keys`: the school for its type, language, code
 * or area; the class level; the method; the day (by the UTC hour of `votedAt`). Participations are
 * grouped by exactly these when the day is among them (the hour is an expression, so the database
 * sorts the round's rows whatever the grouping; fewer columns sort faster and make fewer groups).
 * Without the day, by the shortest prefix of the index (roundId, schoolId, classLevel, method, votedAt)
 * that holds them: grouping by a prefix of an index reads it in order without sorting, which costs
 * less than the few thousand groups more it sends (by method: school, class level and method).
 * Enrolment is summed by exactly the school and class level when asked for.
 */
export function turnoutColumns(keys: readonly TurnoutKey[]) {
  const school = keys.some((k) => SCHOOL_KEYS.includes(k));
  const classLevel = keys.includes("class-level");
  const method = keys.includes("method");
  const day = keys.includes("day");
  const voters = day ? { school, classLevel, method, day } : { school: true, classLevel: classLevel || method, method, day };
  return { voters, enrolment: { school, classLevel } };
}

/**
 * Voters per school, class level, method and Helsinki day, grouped by as much of these as `keys` need
 * (turnoutColumns), counted by the database in one pass over the round's entries of the
 * Participation index, which holds every column counted (docs/decisions/013-aggregating-in-the-database.md).
 * A column left out of the grouping has a value in the counts that aggregateTurnout never reads, as
 * it reads only the values of its keys (schoolId "", classLevel 0, method "").
 * The day groups by the UTC hour of `votedAt` as "YYYY-MM-DDTHH", the one part with two texts:
 * - SQLite: Prisma stores DateTime as ISO-8601 text in UTC, so its first 13 characters;
 * - PostgreSQL: `timestamp(3)` in UTC (every session's time zone is UTC, db.server.ts), formatted.
 * Helsinki's offset is whole hours, so every UTC hour falls in one Helsinki day, which is computed
 * here for the (at most 24 × days × groups) buckets.
 */
export async function voterCounts(db: Db, roundId: string, scope: TurnoutScope, keys: readonly TurnoutKey[]): Promise<VoterCount[]> {
  if (scope.schoolIds && scope.schoolIds.length === 0) return [];
  const need = turnoutColumns(keys).voters;
  const columns: Prisma.Sql[] = [];
  if (need.school) columns.push(Prisma.sql`"schoolId"`);
  if (need.classLevel) columns.push(Prisma.sql`"classLevel"`);
  if (need.method) columns.push(Prisma.sql`"method"`);
  if (need.day) columns.push(Prisma.sql`${isPostgres() ? Prisma.sql`to_char("votedAt", 'YYYY-MM-DD"T"HH24')` : Prisma.sql`substr("votedAt", 1, 13)`} AS hour`);
  const inScope = scope.schoolIds ? Prisma.sql`AND "schoolId" IN (${Prisma.join([...scope.schoolIds])})` : Prisma.empty;
  // Grouped by position, so that the hour's expression is written once.
  const grouping = columns.length ? Prisma.raw(`GROUP BY ${columns.map((_, i) => String(i + 1)).join(", ")}`) : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ schoolId?: string; classLevel?: number | bigint; method?: string; hour?: string; n: number | bigint }>>`
    SELECT ${columns.length ? Prisma.sql`${Prisma.join(columns)}, ` : Prisma.empty}COUNT(*) AS n
    FROM "Participation"
    WHERE "roundId" = ${roundId} ${inScope}
    ${grouping}`;
  const dayOfHour = new Map<string, string>();
  return rows.map((r) => {
    const count: VoterCount = { schoolId: r.schoolId ?? "", classLevel: r.classLevel === undefined ? 0 : Number(r.classLevel), method: r.method ?? "", voters: Number(r.n) };
    if (r.hour !== undefined) {
      let day = dayOfHour.get(r.hour);
      if (day === undefined) {
        const at = new Date(`${r.hour}:00:00Z`);
        day = Number.isNaN(at.getTime()) ? r.hour.slice(0, 10) : helsinkiDay(at);
        dayOfHour.set(r.hour, day);
      }
      count.day = day;
    }
    return count;
  });
}

/**
 * The round's enrolment of its eligible class levels, summed by the database per school and class
 * level, or only as finely as `keys` need (turnoutColumns; all keys when not given).
 */
export async function enrolmentCounts(db: Db, round: TurnoutRound, scope: TurnoutScope, keys: readonly TurnoutKey[] = ["school", "class-level"]): Promise<EnrolmentCount[]> {
  if (scope.schoolIds && scope.schoolIds.length === 0) return [];
  const need = turnoutColumns(keys).enrolment;
  const where = {
    roundId: round.id,
    classLevel: { in: parseClassLevels(round.classLevels) },
    ...(scope.schoolIds ? { schoolId: { in: [...scope.schoolIds] } } : {}),
  };
  // One row per school and class level already (the primary key).
  if (need.school && need.classLevel) return db.enrolment.findMany({ where, select: { schoolId: true, classLevel: true, eligible: true } });
  if (need.school) {
    const groups = await db.enrolment.groupBy({ by: ["schoolId"], where, _sum: { eligible: true } });
    return groups.map((g) => ({ schoolId: g.schoolId, classLevel: 0, eligible: g._sum.eligible ?? 0 }));
  }
  if (need.classLevel) {
    const groups = await db.enrolment.groupBy({ by: ["classLevel"], where, _sum: { eligible: true } });
    return groups.map((g) => ({ schoolId: "", classLevel: g.classLevel, eligible: g._sum.eligible ?? 0 }));
  }
  const all = await db.enrolment.aggregate({ where, _sum: { eligible: true }, _count: { _all: true } });
  return all._count._all ? [{ schoolId: "", classLevel: 0, eligible: all._sum.eligible ?? 0 }] : [];
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
    enrolmentCounts(db, round, scope, keys),
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
