// `export-pb --round SLUG --area AREA` (docs/cli.md): the area's anonymised ballots as a Pabulib
// file on stdout, which `tally --pb` reads back to the round's winners.
//
// Anonymous: a vote row is a running number (1, 2, …, in the order of the ballots' random ids, so
// it says nothing about who voted or when) and the codes of the projects picked; nothing about the
// voter, their school, class or time is in the file. Streaming: ballots are read in pages of 5,000
// by primary key and written as they come, honouring stdout's back-pressure, so a round of a million
// ballots is never held in memory. META `num_votes` is counted first; if ballots change while the
// file is written (voting still open), the export fails (exit 1) instead of leaving a file whose
// count is wrong.
import { once } from "node:events";
import { parseArgs } from "node:util";
import { writePabulib, type PbRow } from "~/features/results/pabulib";
import type { Db } from "~/server/db.server";

const USAGE = "Usage: npm run -s cli -- export-pb --round SLUG --area AREA";

/** Pabulib writes dates as DD.MM.YYYY. */
function pbDate(isoDay: string): string {
  const [y, m, d] = isoDay.split("-");
  return `${d}.${m}.${y}`;
}

/** The Pabulib `rule` of a round's winner rule. */
export function pabulibRule(rule: string): string {
  switch (rule) {
    case "greedy":
    case "greedy-no-skip":
    case "greedy-threshold":
      return rule;
    case "equal-shares":
      return "equalshares/add1";
    default:
      throw new Error(`round rule "${rule}" has no Pabulib name`);
  }
}

async function writeOut(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

export async function runExportPb(args: string[], database: () => Promise<Db>, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let slug: string;
  let areaSlug: string;
  try {
    const { values, positionals } = parseArgs({ args, options: { round: { type: "string" }, area: { type: "string" } }, allowPositionals: true });
    if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"`);
    if (!values.round) throw new Error("--round SLUG is required");
    if (!values.area) throw new Error("--area AREA is required");
    slug = values.round;
    areaSlug = values.area;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const db = await database();
  const round = await db.round.findUnique({ where: { slug }, include: { areas: { include: { area: true } } } });
  if (!round) {
    process.stderr.write(`Error: no round has the slug "${slug}"; check the slug (the rounds are listed at /rounds)\n`);
    return 1;
  }
  const roundArea = round.areas.find((a) => a.areaSlug === areaSlug);
  if (!roundArea) {
    process.stderr.write(`Error: round ${slug} has no budget for the area "${areaSlug}"; use one of ${round.areas.map((a) => a.areaSlug).join(", ")}\n`);
    return 1;
  }
  const { ballotsOf, minVotesOf } = await import("~/features/results/results.server");
  const { mixIfEnded } = await import("~/features/voting/ballot-box.server");
  // After voting, whatever is left in the ballot box is counted first.
  await mixIfEnded(db, round);

  const projects = await db.ballotProject.findMany({ where: { roundId: round.id, areaSlug }, orderBy: { code: "asc" } });
  const codeOf = new Map(projects.map((p) => [p.id, p.code]));
  const counts = await db.ballotPick.groupBy({ by: ["projectId"], where: { project: { roundId: round.id, areaSlug } }, _count: { _all: true } });
  const votesOf = new Map(counts.map((c) => [c.projectId, c._count._all]));
  const numVotes = await db.ballot.count({ where: { roundId: round.id, areaSlug } });
  const published = round.resultsPublishedAt !== null;

  const meta: Array<[string, string | number]> = [
    ["description", `OmaKoulu participatory budgeting for schools: ${round.nameEn}, ${roundArea.area.nameEn}`],
    ["country", "Finland"],
    ["unit", "Helsinki"],
    ["subunit", roundArea.area.nameFi],
    ["instance", round.slug],
    ["num_projects", projects.length],
    ["num_votes", numVotes],
    ["budget", roundArea.budget],
    ["currency", "EUR"],
    ["vote_type", "approval"],
    ["rule", pabulibRule(round.rule)],
  ];
  const minVotes = minVotesOf(round);
  if (minVotes !== null) meta.push(["min_project_score_threshold", minVotes]);
  if (round.ballotStyle === "approval" && round.maxPicks !== null) meta.push(["max_length", round.maxPicks]);
  if (round.ballotStyle === "budget") meta.push(["max_sum_cost", roundArea.budget]);
  meta.push(["date_begin", pbDate(round.votingStart)], ["date_end", pbDate(round.votingEnd)], ["language", "fi"]);

  const projectRows: PbRow[] = projects.map((p) => ({
    project_id: p.code,
    cost: p.cost,
    votes: votesOf.get(p.id) ?? 0,
    name: p.titleFi,
    category: p.sector,
    ...(published ? { selected: p.status === "selected" ? 1 : 0 } : {}),
  }));

  let written = 0;
  async function* votes(): AsyncGenerator<PbRow> {
    for await (const ids of ballotsOf(db, round!.id, areaSlug)) {
      written += 1;
      yield { voter_id: written, vote: ids.map((id) => codeOf.get(id) ?? id).sort() };
    }
  }

  let buffer = "";
  for await (const line of writePabulib({
    meta,
    projectColumns: ["project_id", "cost", "votes", "name", "category", ...(published ? ["selected"] : [])],
    projects: projectRows,
    votes: votes(),
  })) {
    buffer += line;
    if (buffer.length >= 64 * 1024) {
      await writeOut(out, buffer);
      buffer = "";
    }
  }
  if (buffer) await writeOut(out, buffer);
  if (written !== numVotes) {
    process.stderr.write(`Error: the ballots of ${slug}/${areaSlug} changed during the export (${numVotes} counted, ${written} written); export again after voting has closed\n`);
    return 1;
  }
  return 0;
}
