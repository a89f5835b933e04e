// `results --round SLUG [--format json|csv]` (docs/cli.md): the round's results per area, counted
// now from the final ballots under the round's winner rule (published or not: the command line is
// the coordinators' tool).
//
// CSV: header `area,budget,code,votes,cost,selected`, one row per project, areas in their usual
// order and projects by votes (most first), then cost, then code; `selected` is 1 or 0.
// JSON: {"round": SLUG, "rule": RULE, "published": ISO time | null, "areas": [{"area", "budget",
// "voters", "spent", "left", "projects": [{"code", "votes", "cost", "selected"}]}]}.
// Errors: unknown round exit 1; bad options exit 2.
import { parseArgs } from "node:util";
import type { Db } from "~/server/db.server";
import { csvCell } from "~/shared/csv-write";

const USAGE = "Usage: npm run -s cli -- results --round SLUG [--format json|csv]";

export interface ResultsJson {
  round: string;
  rule: string;
  published: string | null;
  areas: Array<{
    area: string;
    budget: number;
    voters: number;
    spent: number;
    left: number;
    projects: Array<{ code: string; votes: number; cost: number; selected: boolean }>;
  }>;
}

export function resultsCsv(results: ResultsJson): string {
  const lines = ["area,budget,code,votes,cost,selected"];
  for (const area of results.areas) {
    for (const p of area.projects) {
      lines.push([area.area, area.budget, p.code, p.votes, p.cost, p.selected ? 1 : 0].map(csvCell).join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}

export async function runResults(args: string[], database: () => Promise<Db>): Promise<number> {
  let slug: string;
  let format: string;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { round: { type: "string" }, format: { type: "string", default: "json" } },
      allowPositionals: true,
    });
    if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"`);
    if (!values.round) throw new Error("--round SLUG is required");
    if (values.format !== "json" && values.format !== "csv") throw new Error(`--format must be json or csv (got "${values.format}")`);
    slug = values.round;
    format = values.format;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const db = await database();
  const round = await db.round.findUnique({ where: { slug }, select: { id: true, votingEnd: true } });
  if (!round) {
    process.stderr.write(`Error: no round has the slug "${slug}"; check the slug (the rounds are listed at /rounds)\n`);
    return 1;
  }
  const { computeResults } = await import("~/features/results/results.server");
  const { mixIfEnded } = await import("~/features/voting/ballot-box.server");
  // After voting, whatever is left in the ballot box is counted first.
  await mixIfEnded(db, round);
  const results = await computeResults(round.id, {}, db);
  const json: ResultsJson = {
    round: results.round.slug,
    rule: results.round.rule,
    published: results.round.publishedAt?.toISOString() ?? null,
    areas: results.areas.map((a) => ({
      area: a.area,
      budget: a.budget,
      voters: a.voters,
      spent: a.spent,
      left: a.left,
      projects: a.projects.map((p) => ({ code: p.code, votes: p.votes, cost: p.cost, selected: p.selected })),
    })),
  };
  process.stdout.write(format === "csv" ? resultsCsv(json) : `${JSON.stringify(json, null, 2)}\n`);
  return 0;
}
