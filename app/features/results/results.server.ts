// Results of a round (docs/domain.md winner rules, §3 `results`): per area, the votes of each
// project, the winners under the round's rule, and the money spent and left; publishing them.
//
// The rules themselves live in app/features/results/rules.ts; this module only builds the election
// from the database and calls `tally`. Votes per project and ballots per area are counted by the
// database in one statement (countVotes), so the greedy rules never load ballots. The Method of
// Equal Shares needs every ballot's approval set: ballots are read in pages by primary key and
// identical sets share one object, so memory grows with one reference per ballot plus the distinct
// sets — fine for a city's school round (a million ballots ≈ 10 MB of references); the export
// (`export-pb`) streams instead.
import { helsinkiDay } from "~/features/rounds/phases";
import { ideasBehindProjects } from "~/features/proposals/projects.server";
import { tally, type RuleName, type TallyBallot, type TallyElection } from "~/features/results/rules";
import type { WinnerRule } from "~/features/rounds/rounds";
import { mixIfEnded } from "~/features/voting/ballot-box.server";
import { appendAudit } from "~/server/audit.server";
import { db as defaultDb, type Db, type Tx } from "~/server/db.server";

/**
 * `greedy-threshold` rounds: the minimum number of votes of a round stored before `Round.minVotes`
 * existed (null there). Rounds made since always have their own.
 */
export const GREEDY_THRESHOLD_MIN_VOTES = 1;

/** The minimum number of votes a project of the round needs, or null when its rule has none. */
export function minVotesOf(round: { rule: string; minVotes: number | null }): number | null {
  return round.rule === "greedy-threshold" ? (round.minVotes ?? GREEDY_THRESHOLD_MIN_VOTES) : null;
}

/** Ballots are read in pages of this many rows, ordered by their (random UUID) primary key. */
export const BALLOT_PAGE_SIZE = 5000;

/** The rule of `tally` that a round's winner rule means (equal shares is completed with add1). */
export function tallyRuleOf(rule: string): RuleName {
  switch (rule as WinnerRule) {
    case "greedy":
      return "greedy";
    case "greedy-no-skip":
      return "greedy-no-skip";
    case "greedy-threshold":
      return "greedy-threshold";
    case "equal-shares":
      return "equalshares/add1";
    default:
      throw new Error(`round rule "${rule}" is not one of greedy, greedy-no-skip, greedy-threshold, equal-shares`);
  }
}

/** The rule shown beside the official one: equal shares, or greedy when the round uses equal shares. */
export function comparisonRuleOf(rule: string): WinnerRule {
  return rule === "equal-shares" ? "greedy" : "equal-shares";
}

export interface ProjectResult {
  id: string;
  code: string;
  titles: { fi: string; sv: string; en: string };
  cost: number;
  votes: number;
  selected: boolean;
  /** Whether the comparison rule would have chosen it (only with `compare`). */
  comparisonSelected?: boolean;
}

export interface AreaResult {
  area: string;
  budget: number;
  /** Ballots cast in the area. */
  voters: number;
  /** Most votes first, then lower cost, then code (the greedy order). */
  projects: ProjectResult[];
  spent: number;
  left: number;
  comparison?: { spent: number; left: number };
}

export interface RoundResults {
  round: {
    id: string;
    slug: string;
    rule: WinnerRule;
    ballotStyle: string;
    maxPicks: number | null;
    votingEnd: string;
    resultsDate: string;
    publishedAt: Date | null;
  };
  /** Minimum votes of `greedy-threshold` rounds, else null. */
  minVotes: number | null;
  comparisonRule: WinnerRule | null;
  areas: AreaResult[];
}

type Client = Db | Tx;

/**
 * The ballots of one area of a round, one at a time, as lists of project ids: read in pages of
 * BALLOT_PAGE_SIZE by primary key (id > last id), so at most one page is in memory.
 */
export async function* ballotsOf(client: Client, roundId: string, areaSlug: string, pageSize = BALLOT_PAGE_SIZE): AsyncGenerator<string[]> {
  let last = "";
  for (;;) {
    const page = await client.ballot.findMany({
      where: { roundId, areaSlug, id: { gt: last } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: { id: true, picks: { select: { projectId: true } } },
    });
    for (const ballot of page) yield ballot.picks.map((p) => p.projectId).sort();
    if (page.length < pageSize) return;
    last = page[page.length - 1]!.id;
  }
}

/** Approval ballots of an area with identical sets sharing one object (see the note at the top). */
async function approvalBallots(client: Client, roundId: string, areaSlug: string): Promise<TallyBallot[]> {
  const shared = new Map<string, TallyBallot>();
  const votes: TallyBallot[] = [];
  for await (const projects of ballotsOf(client, roundId, areaSlug)) {
    const key = projects.join(",");
    let ballot = shared.get(key);
    if (!ballot) {
      ballot = { projects };
      shared.set(key, ballot);
    }
    votes.push(ballot);
  }
  return votes;
}

/**
 * The greedy rules depend on nothing but the scores, so their election is made of the counts:
 * one cumulative "ballot" per project carrying its vote count as points sums to the same scores.
 */
function scoreElection(budget: number, projects: readonly { id: string; cost: number }[], votes: ReadonlyMap<string, number>, minVotes: number | null): TallyElection {
  return {
    voteType: "cumulative",
    budget: BigInt(budget),
    projects: projects.map((p) => ({ id: p.id, cost: BigInt(p.cost) })),
    votes: projects.filter((p) => (votes.get(p.id) ?? 0) > 0).map((p) => ({ projects: [p.id], points: [votes.get(p.id)!] })),
    minProjectScoreThreshold: minVotes ?? undefined,
  };
}

function winners(rule: WinnerRule, budget: number, projects: readonly { id: string; cost: number }[], votes: ReadonlyMap<string, number>, ballots: () => Promise<TallyBallot[]>, minVotes: number | null) {
  const name = tallyRuleOf(rule);
  if (rule !== "equal-shares") return Promise.resolve(new Set(tally(scoreElection(budget, projects, votes, minVotes), name)));
  return ballots().then(
    (list) =>
      new Set(
        tally({ voteType: "approval", budget: BigInt(budget), projects: projects.map((p) => ({ id: p.id, cost: BigInt(p.cost) })), votes: list }, name),
      ),
  );
}

/**
 * Votes per project and ballots per area of a round, counted by the database in one statement
 * (docs/decisions/013-aggregating-in-the-database.md). Each count is a range of an index: a project's
 * picks are its entries of BallotPick(projectId), an area's ballots its entries of
 * Ballot(roundId, areaSlug), so the statement reads each of the round's index entries once and no
 * table row. (A join of BallotPick to BallotProject grouped by project sorts every pick in a
 * temporary B-tree on SQLite, 4–5 times slower.) Standard SQL, the same text on SQLite and
 * PostgreSQL; PostgreSQL's COUNT is a bigint.
 */
export async function countVotes(client: Client, roundId: string): Promise<{ votes: Map<string, number>; voters: Map<string, number> }> {
  const rows = await client.$queryRaw<Array<{ kind: string; id: string; n: number | bigint }>>`
    SELECT 'project' AS kind, p."id" AS id, (SELECT COUNT(*) FROM "BallotPick" k WHERE k."projectId" = p."id") AS n
    FROM "BallotProject" p WHERE p."roundId" = ${roundId}
    UNION ALL
    SELECT 'area' AS kind, a."areaSlug" AS id, (SELECT COUNT(*) FROM "Ballot" b WHERE b."roundId" = a."roundId" AND b."areaSlug" = a."areaSlug") AS n
    FROM "RoundArea" a WHERE a."roundId" = ${roundId}`;
  const votes = new Map<string, number>();
  const voters = new Map<string, number>();
  for (const row of rows) (row.kind === "project" ? votes : voters).set(row.id, Number(row.n));
  return { votes, voters };
}

export class ResultsError extends Error {
  constructor(
    readonly code: "round-not-found" | "voting-not-ended" | "already-published",
    message: string,
  ) {
    super(message);
    this.name = "ResultsError";
  }
}

/**
 * The results of a round, per area in the areas' order, computed now from the final ballots.
 * With `compare`, each area also says what the comparison rule (comparisonRuleOf) would choose.
 */
export async function computeResults(roundId: string, options: { compare?: boolean } = {}, client: Client = defaultDb): Promise<RoundResults> {
  const round = await client.round.findUnique({
    where: { id: roundId },
    include: { areas: { include: { area: { select: { sortOrder: true } } } } },
  });
  if (!round) throw new ResultsError("round-not-found", `no round has the id "${roundId}"`);
  const rule = round.rule as WinnerRule;
  tallyRuleOf(rule); // refuses an unknown rule early
  const minVotes = minVotesOf(round);
  const comparisonRule = options.compare ? comparisonRuleOf(rule) : null;

  const projects = await client.ballotProject.findMany({ where: { roundId }, orderBy: { code: "asc" } });
  const { votes, voters } = await countVotes(client, roundId);

  const areas: AreaResult[] = [];
  const roundAreas = [...round.areas].sort((a, b) => a.area.sortOrder - b.area.sortOrder);
  for (const ra of roundAreas) {
    const inArea = projects.filter((p) => p.areaSlug === ra.areaSlug);
    let cached: Promise<TallyBallot[]> | null = null;
    const ballots = () => (cached ??= approvalBallots(client, roundId, ra.areaSlug));
    const selected = await winners(rule, ra.budget, inArea, votes, ballots, minVotes);
    const other = comparisonRule ? await winners(comparisonRule, ra.budget, inArea, votes, ballots, null) : null;
    const rows: ProjectResult[] = inArea
      .map((p) => ({
        id: p.id,
        code: p.code,
        titles: { fi: p.titleFi, sv: p.titleSv, en: p.titleEn },
        cost: p.cost,
        votes: votes.get(p.id) ?? 0,
        selected: selected.has(p.id),
        ...(other ? { comparisonSelected: other.has(p.id) } : {}),
      }))
      .sort((a, b) => b.votes - a.votes || a.cost - b.cost || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const spent = rows.filter((r) => r.selected).reduce((sum, r) => sum + r.cost, 0);
    const area: AreaResult = { area: ra.areaSlug, budget: ra.budget, voters: voters.get(ra.areaSlug) ?? 0, projects: rows, spent, left: ra.budget - spent };
    if (other) {
      const otherSpent = rows.filter((r) => r.comparisonSelected).reduce((sum, r) => sum + r.cost, 0);
      area.comparison = { spent: otherSpent, left: ra.budget - otherSpent };
    }
    areas.push(area);
  }
  return {
    round: {
      id: round.id,
      slug: round.slug,
      rule,
      ballotStyle: round.ballotStyle,
      maxPicks: round.maxPicks,
      votingEnd: round.votingEnd,
      resultsDate: round.resultsDate,
      publishedAt: round.resultsPublishedAt,
    },
    minVotes,
    comparisonRule,
    areas,
  };
}

/** Whether results may be published on `today` (a Helsinki day): only after voting has ended. */
export function canPublish(round: { votingEnd: string; resultsPublishedAt: Date | null }, today = helsinkiDay()): boolean {
  return today > round.votingEnd && round.resultsPublishedAt === null;
}

/**
 * Publishes a round's results: only after the voting phase has ended (Helsinki day), and only once
 * (a second call is refused with "already-published" and writes nothing). One transaction sets
 * Round.resultsPublishedAt, marks every ballot project selected or not-selected, writes a
 * "selected"/"not-selected" timeline event (targetId = the project) for every approved proposal
 * linked to a project and every idea merged into one of those, and appends the audit entry.
 */
export async function publishResults(roundId: string, actorId: string | null, client: Db = defaultDb, today = helsinkiDay()): Promise<RoundResults> {
  const round = await client.round.findUnique({ where: { id: roundId } });
  if (!round) throw new ResultsError("round-not-found", `no round has the id "${roundId}"`);
  if (round.resultsPublishedAt) throw new ResultsError("already-published", `the results of round ${round.slug} were already published`);
  if (today <= round.votingEnd) {
    throw new ResultsError("voting-not-ended", `voting in round ${round.slug} is open until ${round.votingEnd}; publish the results after that day`);
  }
  // Voting has ended, so the ballots no longer change: what is left in the ballot box is counted
  // first, and the count can run before the transaction.
  await mixIfEnded(client, round);
  const results = await computeResults(roundId, {}, client);
  const publishedAt = new Date();
  await client.$transaction(
    async (tx) => {
      // Only one of two simultaneous publishes gets past this.
      const claimed = await tx.round.updateMany({ where: { id: roundId, resultsPublishedAt: null }, data: { resultsPublishedAt: publishedAt } });
      if (claimed.count !== 1) throw new ResultsError("already-published", `the results of round ${round.slug} were already published`);
      const selected = results.areas.flatMap((a) => a.projects.filter((p) => p.selected).map((p) => p.id));
      const notSelected = results.areas.flatMap((a) => a.projects.filter((p) => !p.selected).map((p) => p.id));
      await tx.ballotProject.updateMany({ where: { roundId, id: { in: selected } }, data: { status: "selected" } });
      await tx.ballotProject.updateMany({ where: { roundId, id: { in: notSelected } }, data: { status: "not-selected" } });
      const chosen = new Set(selected);
      // Proposers of ideas merged into a project's idea follow the project too.
      const proposals = await ideasBehindProjects(tx, [...selected, ...notSelected]);
      if (proposals.length) {
        await tx.proposalEvent.createMany({
          data: proposals.map((p) => ({
            proposalId: p.id,
            actorId,
            at: publishedAt,
            type: chosen.has(p.projectId) ? "selected" : "not-selected",
            targetId: p.projectId,
          })),
        });
      }
      await appendAudit(tx, {
        actorId,
        action: "results.publish",
        subjectType: "round",
        subjectId: roundId,
        detail: {
          slug: round.slug,
          rule: round.rule,
          areas: results.areas.map((a) => ({
            area: a.area,
            budget: a.budget,
            spent: a.spent,
            selected: a.projects.filter((p) => p.selected).map((p) => p.code),
          })),
          proposalEvents: proposals.length,
        },
      });
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  results.round.publishedAt = publishedAt;
  return results;
}
