// `tally --pb FILE [--rule declared|greedy|equal-shares]` (docs/cli.md): reads a Pabulib file and
// prints {"selected": [project ids]} as one line of JSON. `declared` (the default) follows the
// file's META `rule`; `greedy` is plain greedy; `equal-shares` is the Method of Equal Shares with
// add1 completion. Errors: exit 1 with `Error: FILE: line N: reason`; bad options: exit 2. What the
// parser accepts but changes (a project listed twice in one vote) is reported on stderr as
// `Warning: FILE: line N: …`. The file is read in pieces and parsed as it comes, never held whole.
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { parseArgs } from "node:util";
import { PabulibError, pabulibParser, type PbElection } from "~/features/results/pabulib";
import { isRuleName, RULES, RuleError, tally, type RuleName } from "~/features/results/rules";

const USAGE = "Usage: npm run -s cli -- tally --pb FILE [--rule declared|greedy|equal-shares]";

function declaredRule(election: PbElection): RuleName {
  const line = election.metaLines.get("rule");
  const rule = election.rule;
  if (rule === undefined) {
    throw new PabulibError(1, "META has no rule; pass --rule greedy or --rule equal-shares");
  }
  if (!isRuleName(rule)) {
    throw new PabulibError(line ?? 1, `META rule "${rule}" is not supported (supported: ${RULES.join(", ")}); pass --rule greedy or --rule equal-shares`);
  }
  if (rule === "greedy-threshold" && election.minProjectScoreThreshold === undefined) {
    throw new PabulibError(line ?? 1, "rule greedy-threshold needs min_project_score_threshold in META");
  }
  return rule;
}

export async function runTally(args: string[]): Promise<number> {
  let pb: string | undefined;
  let ruleOption: string;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { pb: { type: "string" }, rule: { type: "string", default: "declared" } },
      allowPositionals: true,
    });
    if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"`);
    if (!values.pb) throw new Error("--pb FILE is required");
    if (!["declared", "greedy", "equal-shares"].includes(values.rule)) {
      throw new Error(`--rule must be declared, greedy or equal-shares (got "${values.rule}")`);
    }
    pb = values.pb;
    ruleOption = values.rule;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }

  let fd: number;
  try {
    fd = fs.openSync(pb, "r");
  } catch {
    process.stderr.write(`Error: ${pb}: cannot read the file; check the path\n`);
    return 1;
  }
  try {
    const parser = pabulibParser({ onWarning: (w) => process.stderr.write(`Warning: ${pb}: line ${w.line}: ${w.message}\n`) });
    const decoder = new StringDecoder("utf8");
    const buffer = Buffer.allocUnsafe(1 << 18);
    for (;;) {
      let bytes: number;
      try {
        bytes = fs.readSync(fd, buffer, 0, buffer.length, null);
      } catch {
        process.stderr.write(`Error: ${pb}: cannot read the file; check the path\n`);
        return 1;
      }
      if (bytes === 0) break;
      parser.push(decoder.write(buffer.subarray(0, bytes)));
    }
    parser.push(decoder.end());
    const election = parser.end();
    const rule: RuleName = ruleOption === "greedy" ? "greedy" : ruleOption === "equal-shares" ? "equalshares/add1" : declaredRule(election);
    const selected = tally(election, rule);
    process.stdout.write(`${JSON.stringify({ selected })}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PabulibError || error instanceof RuleError) {
      process.stderr.write(`Error: ${pb}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}
