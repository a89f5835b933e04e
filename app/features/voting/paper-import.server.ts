// `import-paper-ballots --round SLUG FILE.csv` (docs/cli.md): the paper ballots of pupils, one row
// per pupil and area (`code,area,projects`, projects as project codes separated by spaces). Every
// row is checked first with the same rules as an online ballot (vote.server.ts: voterForCode,
// loadBallot, eligibility, checkPicks); only then are all ballots written, in one transaction, with
// the same writer castBallot uses. A bad row aborts the whole import and nothing is written.
import { z } from "zod";
import type { BallotProblem } from "~/features/voting/ballot";
import { generateCode, hashCode, normaliseCode } from "~/features/access/codes";
import { CsvError, readCsvTable, type CsvRow } from "~/shared/csv";
import { appendAuditSql } from "~/server/audit.server";
import { db } from "~/server/db.server";
import { sql } from "~/server/sql.server";
import { checkPicks, eligibility, loadBallot, voterForCode, writeBallotInTx, type Voter } from "./vote.server";

export const PAPER_COLUMNS = ["code", "area", "projects"] as const;
type Column = (typeof PAPER_COLUMNS)[number];

const rowSchema = z.object({
  code: z.string().min(1, "the sign-in code is empty; copy it from the pupil's slip (e.g. 7KQ2-M9XD-4TRA)"),
  area: z.string().min(1, "the area is empty; write the area of the ballot, e.g. koillinen or koko-kaupunki"),
  projects: z.string(),
});
type PaperRow = z.infer<typeof rowSchema>;

export function readPaperBallotsCsv(file: string, text: string) {
  return readCsvTable(file, text, PAPER_COLUMNS, rowSchema);
}

interface PendingVoter {
  voter: Voter;
  ballot: Awaited<ReturnType<typeof loadBallot>>;
  picks: Map<string, string[]>;
  /** The line of each area's row, to name it when the picks break a rule. */
  lines: Map<string, number>;
  firstLine: number;
}

function problemText(problem: BallotProblem, codeOf: (id: string) => string): string {
  switch (problem.code) {
    case "no-picks":
      return "no projects picked; a blank paper ballot is not recorded, remove the row";
    case "duplicate":
      return `project ${codeOf(problem.projectId)} is listed twice; list each project once`;
    case "unknown-project":
      return `project ${codeOf(problem.projectId)} is not on this pupil's ballot`;
    case "wrong-area":
      return `project ${codeOf(problem.projectId)} is not in area ${problem.area}`;
    case "area-not-on-ballot":
      return `this pupil cannot vote in area ${problem.area}`;
    case "too-many":
      return `${problem.picked} projects picked in ${problem.area}, but at most ${problem.max} are allowed; this ballot is invalid and cannot be entered`;
    case "over-budget":
      return `the picks in ${problem.area} cost ${problem.total} euros, over the budget of ${problem.budget}; this ballot is invalid and cannot be entered`;
  }
}

/**
 * Checks every row of a paper-ballot file against round `roundSlug`, then writes all ballots in
 * one transaction. Throws CsvError (file, line, column) at the first bad row; nothing is written.
 */
export async function importPaperBallots(
  roundSlug: string,
  file: string,
  table: { rows: CsvRow<PaperRow>[]; columnOf(name: string): number },
  actorId: string | null,
): Promise<{ pupils: number; ballots: number }> {
  const round = await db.round.findUnique({ where: { slug: roundSlug } });
  if (!round) throw new Error(`no round with slug "${roundSlug}"; check --round`);
  const fail: (line: number, column: Column, message: string) => never = (line, column, message) => {
    throw new CsvError(file, { line, column: table.columnOf(column), columnName: column, message });
  };

  const pending = new Map<string, PendingVoter>();
  for (const { line, value } of table.rows) {
    // The code: a pupil of this round, not revoked, allowed to vote now, and not voted before.
    const code = normaliseCode(value.code);
    if (!code) fail(line, "code", `"${value.code}" is not a sign-in code; a code has 12 letters and digits, e.g. 7KQ2-M9XD-4TRA`);
    const pupil = await db.user.findUnique({ where: { codeHash: hashCode(code) }, select: { role: true, roundId: true, codeRevokedAt: true } });
    if (!pupil || pupil.role !== "pupil") fail(line, "code", `no pupil has the code "${value.code}"; check the slip`);
    if (pupil.roundId !== round.id) fail(line, "code", `the code "${value.code}" belongs to another round, not ${round.slug}; import it with that round's slug`);
    if (pupil.codeRevokedAt) fail(line, "code", `the code "${value.code}" was revoked; a revoked code cannot vote`);
    const found = await voterForCode(code);
    if (!found) fail(line, "code", `the code "${value.code}" cannot vote: the pupil has no school or class level`);
    const { voter } = found;

    let entry = pending.get(voter.userId);
    if (!entry) {
      const ballot = await loadBallot(voter);
      const refusal = eligibility(ballot.round, voter);
      if (refusal?.code === "not-voting-phase") fail(line, "code", `round ${round.slug} is not in its voting phase (${refusal.start} – ${refusal.end}); paper ballots are entered during voting`);
      if (refusal?.code === "not-eligible") fail(line, "code", `this pupil is in class ${refusal.classLevel}, but only classes ${refusal.levels.join(", ")} vote in round ${round.slug}`);
      const existing = await db.participation.findUnique({ where: { roundId_userId: { roundId: round.id, userId: voter.userId } } });
      if (existing) fail(line, "code", `this pupil has already voted ${existing.method === "paper" ? "on paper" : "online"}; a pupil votes once, remove the row`);
      entry = { voter, ballot, picks: new Map(), lines: new Map(), firstLine: line };
      pending.set(voter.userId, entry);
    }

    // The area: on this pupil's ballot, and not given twice.
    if (!entry.ballot.areas.includes(value.area)) {
      fail(line, "area", `this pupil cannot vote in area "${value.area}"; their ballot has ${entry.ballot.areas.join(", ")}`);
    }
    const earlier = entry.lines.get(value.area);
    if (earlier !== undefined) {
      fail(line, "area", `this pupil's ballot in ${value.area} is already on line ${earlier}; a pupil votes once, keep one row per pupil and area`);
    }

    // The projects: codes of this round's projects in that area.
    const codes = value.projects.split(/\s+/).filter(Boolean);
    if (!codes.length) fail(line, "projects", "no projects listed; write the picked project codes separated by spaces (a blank ballot is not recorded)");
    const ids: string[] = [];
    for (const projectCode of codes) {
      const project = entry.ballot.projects.find((p) => p.code === projectCode);
      if (!project) {
        const elsewhere = await db.ballotProject.findUnique({ where: { roundId_code: { roundId: round.id, code: projectCode } }, select: { areaSlug: true } });
        fail(line, "projects", elsewhere ? `project ${projectCode} is in area ${elsewhere.areaSlug}, not ${value.area}` : `no project ${projectCode} in round ${round.slug}; check the code`);
      } else if (project.areaSlug !== value.area) {
        fail(line, "projects", `project ${projectCode} is in area ${project.areaSlug}, not ${value.area}`);
      } else {
        ids.push(project.id);
      }
    }
    entry.picks.set(value.area, ids);
    entry.lines.set(value.area, line);

    // The picks so far must pass the same rules as an online ballot.
    const { problems } = checkPicks(entry.ballot, entry.picks);
    const problem = problems[0];
    if (problem) {
      const codeOf = (id: string) => entry.ballot.projects.find((p) => p.id === id)?.code ?? id;
      fail(line, "projects", problemText(problem, codeOf));
    }
  }

  let ballots = 0;
  // One plain-SQL transaction, with the same writer as an online cast (vote.server.ts). It is run
  // again from the start when the database refuses it for a concurrent writer, so the count starts
  // from zero in every attempt.
  await sql().transaction(async (tx) => {
    ballots = 0;
    for (const entry of pending.values()) {
      const result = await writeBallotInTx(tx, entry.voter, entry.ballot.areas, entry.picks, "paper", actorId, generateCode());
      // Only a ballot cast while this import ran can land here; the transaction is rolled back.
      if (!result.ok) fail(entry.firstLine, "code", "this pupil voted while the file was being imported; remove the row and import again");
      ballots += entry.picks.size;
    }
    await appendAuditSql(tx, { actorId, action: "ballots.paper-import", subjectType: "round", subjectId: round.id, detail: { pupils: pending.size, ballots } });
  });
  return { pupils: pending.size, ballots };
}
