// The Pabulib parser fed in pieces (as `tally --pb` reads a file), and projects listed twice in one
// vote: counted once with a warning naming the line (decision 011).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { runTally } from "~/cli/tally";
import { PabulibError, pabulibParser, parsePabulib, type PabulibWarning, type PbElection } from "~/features/results/pabulib";
import { scores, tally } from "~/features/results/rules";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PABULIB = [process.env.PABULIB_DIR, path.resolve(repoRoot, "../shared/pabulib"), path.resolve(repoRoot, "../../shared/pabulib")].find(
  (dir): dir is string => dir !== undefined && fs.existsSync(dir),
);

/** A file of `votes` rows after a META with the given vote type (projects 1, 2, 3 at 40 each). */
function file(voteType: string, votes: string[], voteHeader = "voter_id;vote"): string {
  return [
    "META",
    "key;value",
    "budget;100",
    `vote_type;${voteType}`,
    "rule;greedy",
    "PROJECTS",
    "project_id;cost",
    "1;40",
    "2;40",
    "3;40",
    "VOTES",
    voteHeader,
    ...votes,
    "",
  ].join("\n");
}

/** Parses text pushed in pieces of `size` characters. */
function parseInPieces(text: string, size: number, warnings?: PabulibWarning[]): PbElection {
  const parser = pabulibParser({ onWarning: (w) => warnings?.push(w) });
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  return parser.end();
}

/** What the tests compare: everything the parser read. */
function summary(e: PbElection) {
  return {
    meta: [...e.meta],
    metaLines: [...e.metaLines],
    budget: e.budget,
    projects: e.projects.map((p) => [p.id, p.cost, p.fields, p.line]),
    votes: e.votes.map((v) => [v.voterId, v.projects, v.points, v.fields, v.line]),
    warnings: e.warnings,
  };
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PabulibError);
    return (error as Error).message;
  }
  throw new Error("expected a PabulibError");
}

const TRICKY = [
  "\uFEFFMETA",
  "key;value",
  'description;"a;b ""c""\r\nsecond line"',
  "budget;100",
  "vote_type;cumulative",
  "PROJECTS",
  "project_id;cost;name",
  '1;40;"Benches;\n""big"""',
  "2;60;Trees",
  "",
  "VOTES",
  "voter_id;vote;points",
  "a;1,2;3,2",
  '"b";"2";"5"',
  "c;1,1;1,2",
  "d;;",
].join("\r\n");

describe("pabulibParser (text in pieces)", () => {
  it.each([1, 2, 3, 5, 7, 16, 64, 1000])("reads the same as the whole text with pieces of %i characters", (size) => {
    for (const text of [TRICKY, TRICKY.replace(/\r\n/g, "\n"), `${TRICKY}\r\n`, TRICKY.replace(/\r\n/g, "\r\n\r\n")]) {
      const whole = parsePabulib(text);
      expect(summary(parseInPieces(text, size))).toEqual(summary(whole));
    }
    const e = parseInPieces(TRICKY, size);
    expect(e.meta.get("description")).toBe('a;b "c"\r\nsecond line');
    expect(e.projects[0]!.fields.name).toBe('Benches;\n"big"');
    // Quoted line breaks count: the description ends on line 4, project 1 on line 10.
    expect(e.projects[1]!.line).toBe(11);
    expect(e.votes.map((v) => [v.voterId, v.projects, v.points, v.line])).toEqual([
      ["a", ["1", "2"], [3, 2], 15],
      ["b", ["2"], [5], 16],
      ["c", ["1"], [3], 17],
      ["d", [], [], 18],
    ]);
  });

  it.each([1, 4, 13, 1000])("reports the same errors and lines with pieces of %i characters", (size) => {
    const broken = [
      [TRICKY.replace('"b";"2";"5"', '"b";"2";"5'), 'line 16: a quoted field is never closed (missing closing ")'],
      [TRICKY.replace('"b";"2"', '"b";"2"x'), 'line 16: unexpected text after a closing quote: "x;\\"5\\""'],
      [TRICKY.replace("d;;", "d;9;1"), 'line 18: vote for unknown project "9"'],
      [TRICKY.replace("a;1,2;3,2", "a;1,2;3,x"), 'line 15: points "x" is not a whole number'],
      [TRICKY.slice(0, TRICKY.indexOf("voter_id")), "line 13: VOTES section has no header row"],
    ] as const;
    for (const [text, message] of broken) {
      expect(errorOf(() => parsePabulib(text))).toBe(message);
      expect(errorOf(() => parseInPieces(text, size))).toBe(message);
    }
  });
});

describe("a project listed twice in one vote", () => {
  it("approval: counted once, with a warning naming the line", () => {
    const seen: PabulibWarning[] = [];
    const e = parsePabulib(file("approval", ["v1;1,2,1", "v2;3", "v3;2,2,2"]), { onWarning: (w) => seen.push(w) });
    expect(e.votes.map((v) => v.projects)).toEqual([["1", "2"], ["3"], ["2"]]);
    expect(e.votes[0]!.fields.vote).toBe("1,2,1"); // the row as written
    expect(e.warnings).toEqual([
      { line: 13, message: 'project "1" listed twice in one vote; counted once' },
      { line: 15, message: 'project "2" listed twice in one vote; counted once' },
      { line: 15, message: 'project "2" listed twice in one vote; counted once' },
    ]);
    expect(seen).toEqual(e.warnings);
    expect(scores(e)).toEqual(new Map([["1", 1], ["2", 2], ["3", 1]]));
  });

  it("choose-1: the same project twice is one choice", () => {
    const e = parsePabulib(file("choose-1", ["v1;2,2", "v2;1"]));
    expect(e.votes[0]!.projects).toEqual(["2"]);
    expect(e.warnings).toHaveLength(1);
    expect(errorOf(() => parsePabulib(file("choose-1", ["v1;2,1,2"])))).toBe("line 13: a choose-1 vote names 2 projects");
  });

  it("ordinal: the first (best) rank is kept", () => {
    const e = parsePabulib(file("ordinal", ["v1;3,1,3,2"]));
    expect(e.votes[0]!.projects).toEqual(["3", "1", "2"]);
    expect(e.warnings).toEqual([{ line: 13, message: 'project "3" listed twice in one vote; counted once, at its first rank' }]);
  });

  it("cumulative: its points are added up", () => {
    const e = parsePabulib(file("cumulative", ["v1;1,2,1;2,1,3", "v2;2;4"], "voter_id;vote;points"));
    expect(e.votes[0]!.projects).toEqual(["1", "2"]);
    expect(e.votes[0]!.points).toEqual([5, 1]);
    expect(e.warnings).toEqual([{ line: 13, message: 'project "1" listed twice in one vote; its points are added up (2 + 3 = 5)' }]);
    expect(scores(e)).toEqual(new Map([["1", 5], ["2", 5], ["3", 0]]));
    expect(tally(e, "equalshares")).toEqual(tally({ ...e, votes: [{ projects: ["1", "2"], points: [5, 1] }, { projects: ["2"], points: [4] }] }, "equalshares"));
  });

  it("scoring: two scores for one project are refused", () => {
    expect(errorOf(() => parsePabulib(file("scoring", ["v1;1,2,1;2,1,3"], "voter_id;vote;points")))).toBe(
      'line 13: project "1" is listed twice in one vote, with scores 2 and 3',
    );
  });
});

describe("tally --pb (runTally in-process)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omakoulu-tally-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
    const code = await runTally(args);
    vi.restoreAllMocks();
    return { code, stdout, stderr };
  }

  it("warns on stderr with the file and line, and counts the project once", async () => {
    const pb = path.join(dir, "twice.pb");
    fs.writeFileSync(pb, file("approval", ["v1;1,2,1", "v2;3", "v3;1"]));
    const result = await run(["--pb", pb]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`Warning: ${pb}: line 13: project "1" listed twice in one vote; counted once\n`);
    // 1 has two votes (not three), 2 and 3 one each; greedy: 1, then 2 (the lower id on a tie), budget 100.
    expect(result.stdout).toBe('{"selected":["1","2"]}\n');
  });

  it("keeps the error contract: Error: FILE: line N: reason, exit 1, nothing on stdout", async () => {
    const pb = path.join(dir, "bad.pb");
    fs.writeFileSync(pb, file("approval", ["v1;1,1", "v2;1,X"]));
    const result = await run(["--pb", pb]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`Warning: ${pb}: line 13: project "1" listed twice in one vote; counted once\nError: ${pb}: line 14: vote for unknown project "X"\n`);
    const missing = await run(["--pb", path.join(dir, "missing.pb")]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: `Error: ${path.join(dir, "missing.pb")}: cannot read the file; check the path\n` });
    const directory = await run(["--pb", dir]);
    expect(directory).toEqual({ code: 1, stdout: "", stderr: `Error: ${dir}: cannot read the file; check the path\n` });
  });

  it("reads a file larger than its read buffer, with multi-byte characters across the pieces", async () => {
    const pb = path.join(dir, "large.pb");
    const votes = Array.from({ length: 40_000 }, (_, i) => `v${i};${(i % 3) + 1};"äö ${"€".repeat(i % 7)}"`);
    fs.writeFileSync(pb, `\uFEFF${file("approval", votes, "voter_id;vote;comment")}`);
    const result = await run(["--pb", pb, "--rule", "greedy"]);
    expect(result).toEqual({ code: 0, stdout: '{"selected":["1","2"]}\n', stderr: "" });
    const e = parsePabulib(fs.readFileSync(pb, "utf8"));
    expect(e.votes[39_999]!.fields.comment).toBe(`äö ${"€".repeat(39_999 % 7)}`);
  });
});

describe.skipIf(PABULIB === undefined)("real Pabulib files in pieces", () => {
  const files = PABULIB ? fs.readdirSync(PABULIB).filter((f) => f.endsWith(".pb")).sort() : [];
  if (!files.length) it.skip("no .pb files", () => {});
  it.each(files)("%s reads the same in 4,096-character pieces", (name) => {
    const text = fs.readFileSync(path.join(PABULIB!, name), "utf8");
    expect(summary(parseInPieces(text, 4096))).toEqual(summary(parsePabulib(text)));
  });
});
