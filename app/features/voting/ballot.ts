// The ballot rules (docs/domain.md), checked on the server for every ballot, online or paper.
// Money is whole euros in integers, so "exactly the budget" and "one euro over" are exact.
import { CITY_WIDE, type AreaSlug, type Sector } from "~/shared/catalog";
import type { Message } from "~/shared/forms";
import type { ProjectMedia } from "~/features/proposals/projects";

export interface BallotRoundRules {
  ballotStyle: "approval" | "budget";
  maxPicks: number | null;
  /** Budget per area in whole euros. */
  budgets: ReadonlyMap<string, number>;
}

export interface BallotProjectInfo {
  id: string;
  code: string;
  areaSlug: string;
  cost: number;
}

/** The areas a pupil votes in: their school's area, and the whole city when it has a budget. */
export function ballotAreas(rules: BallotRoundRules, schoolArea: string): string[] {
  const areas = rules.budgets.has(schoolArea) ? [schoolArea] : [];
  if (schoolArea !== CITY_WIDE && rules.budgets.has(CITY_WIDE)) areas.push(CITY_WIDE);
  return areas;
}

export type BallotProblem =
  | { code: "no-picks" }
  | { code: "duplicate"; projectId: string }
  | { code: "unknown-project"; projectId: string }
  | { code: "wrong-area"; projectId: string; area: string }
  | { code: "area-not-on-ballot"; area: string }
  | { code: "too-many"; area: string; max: number; picked: number }
  | { code: "over-budget"; area: string; budget: number; total: number };

export interface AreaTotals {
  area: string;
  picked: number;
  total: number;
  budget: number;
  left: number;
}

/**
 * Checks a pupil's picks, given per area, against the round's rules and the projects on the
 * pupil's ballots. Returns every problem (empty = valid) and the totals per area for the review.
 */
export function checkBallot(
  rules: BallotRoundRules,
  allowedAreas: readonly string[],
  projects: readonly BallotProjectInfo[],
  picks: ReadonlyMap<string, readonly string[]>,
): { problems: BallotProblem[]; totals: AreaTotals[] } {
  const problems: BallotProblem[] = [];
  const byId = new Map(projects.map((p) => [p.id, p]));
  const totals: AreaTotals[] = [];
  let any = false;
  for (const [area, ids] of picks) {
    if (!allowedAreas.includes(area)) {
      if (ids.length) problems.push({ code: "area-not-on-ballot", area });
      continue;
    }
    const seen = new Set<string>();
    let total = 0;
    for (const id of ids) {
      if (seen.has(id)) {
        problems.push({ code: "duplicate", projectId: id });
        continue;
      }
      seen.add(id);
      const project = byId.get(id);
      if (!project) problems.push({ code: "unknown-project", projectId: id });
      else if (project.areaSlug !== area) problems.push({ code: "wrong-area", projectId: id, area });
      else total += project.cost;
    }
    if (seen.size) any = true;
    const budget = rules.budgets.get(area) ?? 0;
    if (rules.ballotStyle === "approval" && rules.maxPicks !== null && seen.size > rules.maxPicks) {
      problems.push({ code: "too-many", area, max: rules.maxPicks, picked: seen.size });
    }
    if (rules.ballotStyle === "budget" && total > budget) problems.push({ code: "over-budget", area, budget, total });
    totals.push({ area, picked: seen.size, total, budget, left: budget - total });
  }
  if (!any) problems.unshift({ code: "no-picks" });
  return { problems, totals };
}

/** A small, fast seeded PRNG (mulberry32): the same seed always gives the same sequence. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The projects in an order of their own for each voter (Fisher–Yates with a per-voter seed), so
 * that list position favours no project, yet a voter sees the same order every time.
 */
export function shuffleForVoter<T extends { code: string }>(items: readonly T[], seed: number): T[] {
  // Start from a canonical order so the result depends only on the seed and the set of items.
  const list = [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const random = mulberry32(seed);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

/** Reads picks from a form: fields named `pick:<area>` with project ids as values. */
export function picksFromForm(entries: Iterable<[string, FormDataEntryValue]>): Map<string, string[]> {
  const picks = new Map<string, string[]>();
  for (const [name, value] of entries) {
    if (!name.startsWith("pick:") || typeof value !== "string") continue;
    const area = name.slice("pick:".length);
    picks.set(area, [...(picks.get(area) ?? []), value]);
  }
  return picks;
}

/** What the pupil's ballot page shows (ballot-page.server.ts loads it; ballot-ui.tsx renders it). */
export interface BallotPageData {
  style: "approval" | "budget";
  maxPicks: number;
  /** Why the pupil cannot vote now, if they cannot. */
  refusal: Message | null;
  voted: { at: string; method: string } | null;
  /**
   * The voter's own last online ballot, project ids by area, so a recast starts from it (read
   * through the voter key; shown to nobody else). Empty before the first cast and after paper.
   */
  earlier: Record<string, string[]>;
  areas: Array<{
    slug: AreaSlug;
    budget: number;
    projects: Array<{ id: string; code: string; title: string; cost: number; sector: Sector; ideas: Array<{ id: string; title: string }>; media: ProjectMedia }>;
  }>;
}
