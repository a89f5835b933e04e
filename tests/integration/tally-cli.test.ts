// The `tally` contract of docs/cli.md: `tally --pb FILE [--rule declared|greedy|equal-shares]`
// prints {"selected": [...]} on one line; a malformed file exits 1 with `Error: FILE: line N: reason`.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, setupTmpDir } from "./harness";

const PABULIB = path.resolve(ROOT, "../shared/pabulib");
const GDYNIA = path.join(PABULIB, "Poland_Gdynia_2020_Maly_Kack__small.pb");
const ASSEN = path.join(PABULIB, "Netherlands_Assen_2024.pb");
// tally never opens the database; the harness wants a URL all the same.
const NO_DATABASE = "file:./tests/.tmp/tally-unused.db";

const tmp = setupTmpDir("tally");
const tmpFile = (name: string, text: string): string => tmp.write(name, text);

/** The official winners (selected=1) of a real file, from its PROJECTS section. */
function officialWinners(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split(/\r?\n/);
  const start = lines.indexOf("PROJECTS");
  const header = lines[start + 1]!.split(";");
  const id = header.indexOf("project_id");
  const selected = header.indexOf("selected");
  const winners: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (line === "VOTES") break;
    const fields = line.split(";");
    if (fields[selected] === "1") winners.push(fields[id]!);
  }
  return winners.sort();
}

describe.skipIf(!fs.existsSync(GDYNIA))("tally on real Pabulib files", () => {
  it("prints the official winners of the declared rule (greedy-no-skip) as one line of JSON", async () => {
    const result = await runCli(["tally", "--pb", GDYNIA], NO_DATABASE);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith("\n")).toBe(true);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    const out = JSON.parse(result.stdout) as { selected: string[] };
    expect(Object.keys(out)).toEqual(["selected"]);
    expect([...out.selected].sort()).toEqual(officialWinners(GDYNIA));
    // The walk order: votes, most first.
    expect(out.selected).toEqual(["1", "7", "5", "2", "8"]);
  });

  it("--rule greedy overrides the declared rule (plain greedy skips and goes on)", async () => {
    const result = await runCli(["tally", "--pb", GDYNIA, "--rule", "greedy"], NO_DATABASE);
    expect(result.code).toBe(0);
    const { selected } = JSON.parse(result.stdout) as { selected: string[] };
    expect(selected.slice(0, 5)).toEqual(["1", "7", "5", "2", "8"]);
    expect(selected.length).toBeGreaterThan(5);
  });

  it("--rule equal-shares runs the Method of Equal Shares (add1) and reproduces Assen", async () => {
    const result = await runCli(["tally", "--pb", ASSEN, "--rule", "equal-shares"], NO_DATABASE);
    expect(result.code).toBe(0);
    const { selected } = JSON.parse(result.stdout) as { selected: string[] };
    expect([...selected].sort()).toEqual(officialWinners(ASSEN));
  });
});

describe("tally errors", () => {
  it("exits 1 naming the file and line of a malformed file, printing nothing on stdout", async () => {
    const file = tmpFile(
      "bad.pb",
      ["META", "key;value", "budget;100", "vote_type;approval", "rule;greedy", "PROJECTS", "project_id;cost", "1;50", "VOTES", "voter_id;vote", "a;1", "b;1,X", ""].join(
        "\n",
      ),
    );
    const result = await runCli(["tally", "--pb", file], NO_DATABASE);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`Error: ${file}: line 12: vote for unknown project "X"\n`);
  });

  it("exits 1 when the declared rule cannot be followed, suggesting --rule", async () => {
    const file = tmpFile("unknown-rule.pb", ["META", "key;value", "budget;100", "rule;unknown", "PROJECTS", "project_id;cost", "1;50", "VOTES", "voter_id;vote", "a;1"].join("\r\n"));
    const result = await runCli(["tally", "--pb", file], NO_DATABASE);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^Error: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line 4: META rule "unknown" is not supported .*--rule greedy`));
    const greedy = await runCli(["tally", "--pb", file, "--rule", "greedy"], NO_DATABASE);
    expect(greedy.code).toBe(0);
    expect(greedy.stdout).toBe('{"selected":["1"]}\n');
  });

  it("exits 1 for a missing file and 2 for bad options", async () => {
    const missing = await runCli(["tally", "--pb", "no-such-file.pb"], NO_DATABASE);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("Error: no-such-file.pb: cannot read the file; check the path\n");
    const noPb = await runCli(["tally"], NO_DATABASE);
    expect(noPb.code).toBe(2);
    expect(noPb.stderr).toMatch(/--pb FILE is required/);
    const badRule = await runCli(["tally", "--pb", "x.pb", "--rule", "borda"], NO_DATABASE);
    expect(badRule.code).toBe(2);
    expect(badRule.stderr).toMatch(/--rule must be declared, greedy or equal-shares/);
  });
});
