import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { electionToWriteInput, PabulibError, parsePabulib, writePabulib, writePabulibSync, type PbRow } from "~/features/results/pabulib";
import { isRuleName, tally } from "~/features/results/rules";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PABULIB = path.resolve(repoRoot, "../shared/pabulib");

const SMALL = [
  "META",
  "key;value",
  "description;A small test",
  "num_projects;3",
  "num_votes;3",
  "budget;100",
  "vote_type;approval",
  "rule;greedy",
  "PROJECTS",
  "project_id;cost;votes;name;selected",
  "1;60;2;Benches;0",
  "2;50;2;Trees;1",
  "3;40;1;Lights;1",
  "VOTES",
  "voter_id;vote",
  "v1;1,2",
  "v2;1,2,3",
  "v3;",
  "",
].join("\n");

/** Parses and returns the error, failing the test if there is none. */
function parseError(text: string): PabulibError {
  try {
    parsePabulib(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PabulibError);
    return error as PabulibError;
  }
  throw new Error("expected a PabulibError");
}

/** SMALL with line `n` (1-based) replaced. */
function withLine(n: number, text: string): string {
  const lines = SMALL.split("\n");
  lines[n - 1] = text;
  return lines.join("\n");
}

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const l of lines) out += l;
  return out;
}

describe("parsePabulib", () => {
  it("reads META, PROJECTS and VOTES", () => {
    const e = parsePabulib(SMALL);
    expect(e.meta.get("description")).toBe("A small test");
    expect(e.metaLines.get("budget")).toBe(6);
    expect(e.budget).toBe(100n);
    expect(e.voteType).toBe("approval");
    expect(e.rule).toBe("greedy");
    expect(e.projects.map((p) => [p.id, p.cost, p.fields.name, p.line])).toEqual([
      ["1", 60n, "Benches", 11],
      ["2", 50n, "Trees", 12],
      ["3", 40n, "Lights", 13],
    ]);
    expect(e.votes.map((v) => [v.voterId, v.projects, v.line])).toEqual([
      ["v1", ["1", "2"], 16],
      ["v2", ["1", "2", "3"], 17],
      ["v3", [], 18],
    ]);
    // 1 and 2 tie on votes: the cheaper 2 goes first, then 1 (60) no longer fits and 3 (40) does.
    expect(tally(e, "greedy")).toEqual(["2", "3"]);
  });

  it("accepts CRLF line ends and a UTF-8 byte-order mark", () => {
    const e = parsePabulib(`\uFEFF${SMALL.replace(/\n/g, "\r\n")}`);
    expect(e.meta.get("description")).toBe("A small test");
    expect(e.votes[1]!.projects).toEqual(["1", "2", "3"]);
    expect(e.votes[1]!.fields.vote).toBe("1,2,3");
  });

  it("reads quoted fields with ';', doubled quotes and line breaks inside", () => {
    const text = withLine(11, `1;60;2;"Benches; ""green"" ones\r\nand more";1`).replace("description;A small test", `description;"a;b ""c"""`);
    const e = parsePabulib(text);
    expect(e.meta.get("description")).toBe('a;b "c"');
    expect(e.projects[0]!.fields.name).toBe('Benches; "green" ones\r\nand more');
    // The quoted line break counts: later rows keep their true line numbers.
    expect(e.projects[1]!.line).toBe(13);
    expect(parseError(`${text}v4;9\n`).message).toBe('line 20: vote for unknown project "9"');
  });

  it("reads decimal commas in money and keeps money exact", () => {
    const text = SMALL.replace("budget;100", "budget;0,3").replace("1;60;", "1;0,1;").replace("2;50;", "2;0.2;").replace("3;40;", "3;0,25;");
    const e = parsePabulib(text);
    expect(e.moneyScale).toBe(2);
    expect(e.currencyUnit).toBe(100n);
    expect(e.budget).toBe(30n);
    expect(e.projects.map((p) => p.cost)).toEqual([10n, 20n, 25n]);
    // 0.1 + 0.2 fits 0.3 exactly (in floats it would not).
    expect(tally(e, "greedy")).toEqual(["1", "2"]);
  });

  it("reads cumulative ballots with points, and a score threshold", () => {
    const text = [
      "META",
      "key;value",
      "budget;100",
      "vote_type;cumulative",
      "rule;greedy-threshold",
      "min_project_score_threshold;4,5",
      "PROJECTS",
      "project_id;cost",
      "a;50",
      "b;50",
      "VOTES",
      "voter_id;vote;points",
      "1;a,b;3,2",
      "2;b;3",
    ].join("\n");
    const e = parsePabulib(text);
    expect(e.minProjectScoreThreshold).toBe(4.5);
    expect(e.votes[0]!.points).toEqual([3, 2]);
    expect(tally(e, "greedy-threshold")).toEqual(["b"]);
    expect(parseError(text.replace("1;a,b;3,2", "1;a,b;3")).message).toBe('line 13: 1 points for 2 projects (points "3", vote "a,b")');
    expect(parseError(text.replace("2;b;3", "2;b;x")).message).toBe('line 14: points "x" is not a whole number');
  });

  it.each([
    [withLine(3, "description"), "line 3: META row needs a key and a value"],
    [withLine(17, "v2;1,2,9"), 'line 17: vote for unknown project "9"'],
    [withLine(17, "v2;1,,3"), 'line 17: vote "1,,3" has an empty project id'],
    [withLine(17, "v1;3"), 'line 17: voter "v1" appears twice (first on line 16)'],
    [withLine(12, "1;50;2;Trees;0"), 'line 12: project "1" appears twice (first on line 11)'],
    [withLine(12, "2;fifty;2;Trees;0"), 'line 12: cost "fifty" of project "2" is not a non-negative number'],
    [withLine(12, "2;50;2;Trees"), "line 12: PROJECTS row has 4 fields but the header has 5; quote a value that contains \";\""],
    [withLine(12, '2;50;2;"Trees;0'), 'line 12: a quoted field is never closed (missing closing ")'],
    [withLine(12, '2;50;2;"Trees"x;0'), 'line 12: unexpected text after a closing quote: "x;0"'],
    [withLine(10, "id;cost;votes;name;selected"), 'line 10: PROJECTS header needs a "project_id" column (found: id;cost;votes;name;selected)'],
    [withLine(2, "key;val"), 'line 2: META header must be "key;value", found "key;val"'],
    [withLine(6, "budget;lots"), 'line 6: budget "lots" is not a non-negative number'],
    [withLine(6, "budgets;100"), "line 1: META has no budget"],
    [withLine(7, "vote_type;approvals"), 'line 7: vote_type "approvals" is not one of approval, choose-1, cumulative, ordinal, scoring'],
    [withLine(5, "num_votes;4"), "line 5: num_votes is 4 but the file has 3"],
    [withLine(7, "vote_type;choose-1"), "line 16: a choose-1 vote names 2 projects"],
    [withLine(1, "PROJECTS"), "line 1: expected the META section here, found PROJECTS"],
    [withLine(14, "VOTE"), "line 14: PROJECTS row has 1 fields but the header has 5; quote a value that contains \";\""],
    [SMALL.split("\n").slice(0, 13).join("\n"), "line 13: the file ends before the VOTES section"],
    [SMALL.split("\n").slice(0, 14).join("\n"), "line 14: VOTES section has no header row"],
  ])("rejects a malformed file with its line number (%#)", (text, message) => {
    expect(parseError(text).message).toBe(message);
  });
});

describe("writePabulib", () => {
  it("writes what the parser reads back (round trip through the parser)", async () => {
    const source = parsePabulib(`\uFEFF${SMALL.replace(/\n/g, "\r\n").replace("Benches", '"Benches; ""big"""')}`);
    const text = await collect(writePabulib(electionToWriteInput(source)));
    const again = parsePabulib(text);
    expect([...again.meta]).toEqual([...source.meta]);
    expect(again.projects.map((p) => p.fields)).toEqual(source.projects.map((p) => p.fields));
    expect(again.votes.map((v) => v.fields)).toEqual(source.votes.map((v) => v.fields));
    expect(text).toContain('1;60;2;"Benches; ""big""";0\n');
  });

  it("streams votes from an async iterable, writing lists and quoting what needs it", async () => {
    async function* ballots(): AsyncGenerator<PbRow> {
      yield { voter_id: "a", vote: ["P1", "P2"], points: [2, 1] };
      yield { voter_id: "b", vote: ["P2"], points: [3] };
    }
    const lines: string[] = [];
    const input = {
      meta: { description: 'Koulu "A"; Helsinki', num_projects: 2, num_votes: 2, budget: 1000, vote_type: "cumulative", rule: "greedy" },
      projects: [
        { project_id: "P1", cost: 600n, name: "Penkit\nja pöydät" },
        { project_id: "P2", cost: 400, name: "Puut" },
      ],
      votes: ballots(),
    };
    for await (const line of writePabulib(input)) lines.push(line);
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
    const e = parsePabulib(lines.join(""));
    expect(e.meta.get("description")).toBe('Koulu "A"; Helsinki');
    expect(e.projectColumns).toEqual(["project_id", "cost", "name"]);
    expect(e.projects[0]!.fields.name).toBe("Penkit\nja pöydät");
    expect(e.votes.map((v) => [v.voterId, v.projects, v.points])).toEqual([
      ["a", ["P1", "P2"], [2, 1]],
      ["b", ["P2"], [3]],
    ]);
    // P2 has 4 points, P1 2: P2 first, then P1 fits the rest exactly.
    expect(tally(e, "greedy")).toEqual(["P2", "P1"]);
  });

  it("refuses input that would make an invalid file", () => {
    const base = { meta: { budget: 10 }, projects: [{ project_id: "1", cost: 5 }], votes: [] as PbRow[] };
    expect(() => [...writePabulibSync({ ...base, meta: {} })]).toThrow(/budget/);
    expect(() => [...writePabulibSync({ ...base, projects: [{ project_id: "1,2", cost: 5 }] })]).toThrow(/commas/);
    expect(() => [...writePabulibSync({ ...base, votes: [{ voter_id: "v", vote: ["7"] }] })]).toThrow(/unknown project "7"/);
  });
});

// The acceptance test: every real election with official winners is reproduced by its declared rule.
describe("real Pabulib elections (../shared/pabulib)", () => {
  const files = fs.existsSync(PABULIB) ? fs.readdirSync(PABULIB).filter((f) => f.endsWith(".pb")).sort() : [];
  if (!files.length) {
    it.skip(`no .pb files found in ${PABULIB}: the official-winner checks are skipped`, () => {});
    return;
  }

  it.each(files)("%s parses and, if it records winners, its declared rule reproduces them", (file) => {
    const e = parsePabulib(fs.readFileSync(path.join(PABULIB, file), "utf8"));
    expect(e.projects.length).toBeGreaterThan(0);
    if (!e.projectColumns.includes("selected")) return; // no official winners recorded
    const official = e.projects.filter((p) => p.fields.selected?.trim() === "1").map((p) => p.id);
    expect(e.rule && isRuleName(e.rule), `rule "${e.rule}" of ${file}`).toBe(true);
    const started = performance.now();
    const selected = tally(e, e.rule as Parameters<typeof tally>[1]);
    const ms = performance.now() - started;
    expect([...selected].sort()).toEqual([...official].sort());
    expect(new Set(selected).size).toBe(selected.length);
    // Within the budget, always.
    const cost = e.projects.filter((p) => selected.includes(p.id)).reduce((s, p) => s + p.cost, 0n);
    expect(cost <= e.budget).toBe(true);
    if (file.includes("Mokotow")) expect(ms).toBeLessThan(1000);
  });

  it("tallies the largest file (Warszawa Mokotów) greedily well within a second", () => {
    const file = files.find((f) => f.includes("Mokotow"));
    if (!file) return;
    const started = performance.now();
    const e = parsePabulib(fs.readFileSync(path.join(PABULIB, file), "utf8"));
    tally(e, "greedy");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
