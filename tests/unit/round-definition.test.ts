import { describe, expect, it } from "vitest";
import {
  definitionFromForm,
  definitionOfRound,
  englishIssue,
  formatPath,
  formFieldOf,
  formFromDefinition,
  newRoundForm,
  parseJsonFile,
  parseRoundDefinition,
  ROUND_PROBLEMS,
  RoundDefinitionError,
  type DefinitionIssue,
  type RoundDefinition,
  type RoundProblemCode,
} from "~/features/rounds/round-definition";
import roundAdmin from "~/features/rounds/strings";
import { docsExampleRound } from "../support/rounds";

// The example of docs/cli.md
const EXAMPLE = docsExampleRound();

/** The phase dates of a round as stored (one day each). */
const STORED_DAYS = {
  proposalsStart: "2026-01-01",
  proposalsEnd: "2026-01-02",
  reviewStart: "2026-01-03",
  reviewEnd: "2026-01-04",
  votingStart: "2026-01-05",
  votingEnd: "2026-01-06",
  resultsDate: "2026-01-07",
};

type Json = Record<string, unknown>;
const clone = (): Json => structuredClone(EXAMPLE) as Json;
const phasesWith = (changes: Json): Json => ({ ...clone(), phases: { ...EXAMPLE.phases, ...changes } });

function ok(input: unknown): RoundDefinition {
  const result = parseRoundDefinition(input);
  if (!result.ok) throw new Error(`expected a valid definition, got ${result.issues.map(englishIssue).join("; ")}`);
  return result.definition;
}

function issuesOf(input: unknown): DefinitionIssue[] {
  const result = parseRoundDefinition(input);
  if (result.ok) throw new Error("expected the definition to be rejected");
  return result.issues;
}

/** The single problem at `path` (fails when there is none). */
function issueAt(input: unknown, path: string): DefinitionIssue {
  const issues = issuesOf(input);
  const found = issues.find((i) => formatPath(i.path) === path);
  if (!found) throw new Error(`no problem at ${path}; got: ${issues.map(englishIssue).join("; ")}`);
  return found;
}

describe("parseRoundDefinition: good definitions", () => {
  it("accepts the example of docs/cli.md", () => {
    const d = ok(EXAMPLE);
    expect(d.slug).toBe("omastadi-2026");
    expect(d.ballot).toEqual({ style: "approval", maxPicks: 5 });
    expect(d.areas).toHaveLength(2);
    expect(d.phases.results).toBe("2026-04-15");
  });

  it("accepts a budget ballot without maxPicks, and a school round with its school", () => {
    const d = ok({ ...clone(), scope: "school", school: "00501", ballot: { style: "budget" }, rule: "equal-shares" });
    expect(d.ballot).toEqual({ style: "budget" });
    expect(d.school).toBe("00501");
    expect(d.rule).toBe("equal-shares");
  });

  it("accepts every scope, rule and the edges of the ranges", () => {
    for (const scope of ["area", "city"]) ok({ ...clone(), scope });
    for (const rule of ["greedy", "greedy-no-skip", "equal-shares"]) ok({ ...clone(), rule });
    ok({ ...clone(), rule: "greedy-threshold", minVotes: 1 });
    ok({ ...clone(), ballot: { style: "approval", maxPicks: 1 } });
    ok({ ...clone(), ballot: { style: "approval", maxPicks: 50 } });
    ok({ ...clone(), areas: [{ area: "koko-kaupunki", budget: 1 }] });
    ok({ ...clone(), areas: [{ area: "koko-kaupunki", budget: 1_000_000_000 }] });
    ok({ ...clone(), classLevels: [1] });
    ok({ ...clone(), slug: "a1" });
    ok({ ...clone(), slug: `a${"b".repeat(60)}` });
  });

  it("sorts the class levels and trims names", () => {
    const d = ok({ ...clone(), classLevels: [12, 7, 9], name: { fi: "  Kierros ", sv: "Omgång", en: "Round" } });
    expect(d.classLevels).toEqual([7, 9, 12]);
    expect(d.name.fi).toBe("Kierros");
  });

  it("accepts one-day phases and pauses between phases", () => {
    ok(phasesWith({ proposals: ["2026-01-10", "2026-01-10"], review: ["2026-02-01", "2026-02-01"], voting: ["2026-02-02", "2026-02-02"], results: "2026-02-03" }));
  });
});

describe("parseRoundDefinition: bad definitions name the JSON path", () => {
  it.each<[string, Json, string, RoundProblemCode]>([
    ["a bad slug", { ...clone(), slug: "OmaStadi 2026" }, "slug", "slugInvalid"],
    ["a one-character slug", { ...clone(), slug: "a" }, "slug", "slugInvalid"],
    ["a slug starting with a dash", { ...clone(), slug: "-abc" }, "slug", "slugInvalid"],
    ["a missing slug", { ...clone(), slug: undefined }, "slug", "slugInvalid"],
    ["an empty Swedish name", { ...clone(), name: { fi: "A", sv: " ", en: "C" } }, "name.sv", "nameSvRequired"],
    ["a long English name", { ...clone(), name: { fi: "A", sv: "B", en: "x".repeat(121) } }, "name.en", "nameEnLong"],
    ["a name that is not an object", { ...clone(), name: "OmaStadi" }, "name", "nameInvalid"],
    ["an unknown scope", { ...clone(), scope: "country" }, "scope", "scopeInvalid"],
    ["a school round without a school", { ...clone(), scope: "school" }, "school", "schoolRequired"],
    ["a school with a city scope", { ...clone(), school: "00501" }, "school", "schoolNotAllowed"],
    ["a malformed school code", { ...clone(), scope: "school", school: "005 01" }, "school", "schoolInvalid"],
    ["an unknown ballot style", { ...clone(), ballot: { style: "ranked" } }, "ballot.style", "ballotStyleInvalid"],
    ["approval without maxPicks", { ...clone(), ballot: { style: "approval" } }, "ballot.maxPicks", "maxPicksRequired"],
    ["maxPicks with a budget ballot", { ...clone(), ballot: { style: "budget", maxPicks: 5 } }, "ballot.maxPicks", "maxPicksNotAllowed"],
    ["maxPicks 0", { ...clone(), ballot: { style: "approval", maxPicks: 0 } }, "ballot.maxPicks", "maxPicksInvalid"],
    ["maxPicks 51", { ...clone(), ballot: { style: "approval", maxPicks: 51 } }, "ballot.maxPicks", "maxPicksInvalid"],
    ["maxPicks 2.5", { ...clone(), ballot: { style: "approval", maxPicks: 2.5 } }, "ballot.maxPicks", "maxPicksInvalid"],
    ["maxPicks as a string", { ...clone(), ballot: { style: "approval", maxPicks: "5" } }, "ballot.maxPicks", "maxPicksInvalid"],
    ["an unknown rule", { ...clone(), rule: "d'hondt" }, "rule", "ruleInvalid"],
    ["no class levels", { ...clone(), classLevels: [] }, "classLevels", "classLevelsRequired"],
    ["class level 13", { ...clone(), classLevels: [7, 13] }, "classLevels[1]", "classLevelInvalid"],
    ["class level 0", { ...clone(), classLevels: [0] }, "classLevels[0]", "classLevelInvalid"],
    ["a duplicate class level", { ...clone(), classLevels: [7, 8, 7] }, "classLevels[2]", "classLevelDuplicate"],
    ["no areas", { ...clone(), areas: [] }, "areas", "areasRequired"],
    ["an unknown area", { ...clone(), areas: [{ area: "espoo", budget: 100 }] }, "areas[0].area", "areaInvalid"],
    ["a duplicate area", { ...clone(), areas: [{ area: "itainen", budget: 1 }, { area: "itainen", budget: 2 }] }, "areas[1].area", "areaDuplicate"],
    ["a budget of 0", { ...clone(), areas: [{ area: "itainen", budget: 0 }] }, "areas[0].budget", "budgetInvalid"],
    ["a budget with cents", { ...clone(), areas: [{ area: "itainen", budget: 100.5 }] }, "areas[0].budget", "budgetInvalid"],
    ["a budget over a billion", { ...clone(), areas: [{ area: "itainen", budget: 1_000_000_001 }] }, "areas[0].budget", "budgetInvalid"],
    ["an unknown field", { ...clone(), maxPicks: 5 }, "", "unknownField"],
    ["an unknown ballot field", { ...clone(), ballot: { style: "approval", maxpicks: 5 } }, "ballot", "unknownField"],
  ])("%s", (_, input, path, code) => {
    expect(issueAt(input, path).code).toBe(code);
  });

  it("rejects what is not an object", () => {
    for (const input of [null, [], "round", 42]) expect(issuesOf(input).map((i) => i.code)).toEqual(["notObject"]);
  });

  it("reports every problem at once", () => {
    const codes = issuesOf({ ...clone(), slug: "X", rule: "best", areas: [] }).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(["slugInvalid", "ruleInvalid", "areasRequired"]));
  });

  it("names the area of a budget problem", () => {
    expect(issueAt({ ...clone(), areas: [{ area: "itainen", budget: -1 }] }, "areas[0].budget").values?.area).toBe("itainen");
  });
});

describe("phase validation", () => {
  it("rejects a phase that ends before it starts, for each phase", () => {
    expect(issueAt(phasesWith({ proposals: ["2026-01-10", "2026-01-09"] }), "phases.proposals[1]").code).toBe("proposalsEndBeforeStart");
    expect(issueAt(phasesWith({ review: ["2026-03-05", "2026-03-04"] }), "phases.review[1]").code).toBe("reviewEndBeforeStart");
    expect(issueAt(phasesWith({ voting: ["2026-03-11", "2026-03-01"] }), "phases.voting[1]").code).toBe("votingEndBeforeStart");
  });

  it("rejects overlapping phases and names the end of the previous one", () => {
    const review = issueAt(phasesWith({ review: ["2026-02-28", "2026-03-10"] }), "phases.review[0]");
    expect(review.code).toBe("reviewOverlaps");
    expect(review.values?.date).toBe("2026-02-28");
    expect(issueAt(phasesWith({ voting: ["2026-03-10", "2026-03-29"] }), "phases.voting[0]").code).toBe("votingOverlaps");
    expect(issueAt(phasesWith({ results: "2026-03-29" }), "phases.results").code).toBe("resultsOverlaps");
  });

  it("rejects dates that do not exist or are not YYYY-MM-DD", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "11.3.2026", "2026-3-11", "2026-03-11T00:00"]) {
      const issue = issueAt(phasesWith({ voting: [bad, "2026-03-29"] }), "phases.voting[0]");
      expect(issue.code).toBe("dateInvalid");
      expect(englishIssue(issue)).toContain(bad);
    }
  });

  it("rejects a missing date, a phase that is not a pair and a number as a date", () => {
    expect(issueAt(phasesWith({ results: undefined }), "phases.results").code).toBe("dateRequired");
    expect(issueAt(phasesWith({ review: ["2026-03-01"] }), "phases.review").code).toBe("phasePairInvalid");
    expect(issueAt(phasesWith({ results: 20260415 }), "phases.results").code).toBe("dateInvalid");
    expect(issueAt({ ...clone(), phases: "spring" }, "phases").code).toBe("phasesInvalid");
  });
});

describe("English messages for the command line", () => {
  it("names the JSON path and says what is wrong", () => {
    const issue = issueAt(phasesWith({ voting: ["2026-03-11", "2026-03-01"] }), "phases.voting[1]");
    expect(englishIssue(issue)).toBe("phases.voting[1]: the voting phase ends before it starts");
    expect(englishIssue(issueAt({ ...clone(), ballot: { style: "budget", maxPicks: 5 } }, "ballot.maxPicks"))).toMatch(
      /^ballot\.maxPicks: "maxPicks" is only for the approval ballot style/,
    );
    expect(englishIssue(issueAt({ ...clone(), areas: [{ area: "espoo", budget: 1 }] }, "areas[0].area"))).toMatch(/^areas\[0\]\.area: the area must be one of etelainen/);
  });

  it("RoundDefinitionError puts the file before every problem", () => {
    const error = new RoundDefinitionError(issuesOf({ ...clone(), slug: "X", rule: "best" }), "round.json");
    const lines = error.message.split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^round\.json: (slug|rule): /);
  });

  it("formats paths", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["areas", 2, "budget"])).toBe("areas[2].budget");
    expect(formatPath(["phases", "voting", 1])).toBe("phases.voting[1]");
  });
});

describe("parseJsonFile", () => {
  const errorOf = (text: string): string => {
    try {
      parseJsonFile("round.json", text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected a JSON error");
  };

  it("parses JSON, with or without a BOM", () => {
    expect(parseJsonFile("round.json", '\uFEFF{"a": 1}')).toEqual({ a: 1 });
  });

  it("names the line and column of a syntax error", () => {
    expect(errorOf('{\n  "slug": "x",\n  "rule": }\n')).toMatch(/^round\.json: line 3, column 11: the file is not valid JSON/);
    expect(errorOf('{\n  "classLevels": [7, 8,]\n}')).toMatch(/^round\.json: line 2, column 24: the file is not valid JSON \(Unexpected token '\]'\); /);
    expect(errorOf('{\n  "slug": "x"\n  "rule": "greedy"\n}')).toMatch(/^round\.json: line 3, column 3: /);
  });

  it("explains an empty file", () => {
    expect(errorOf("  \n")).toMatch(/^round\.json: the file is empty/);
  });
});

describe("the form", () => {
  const formOf = (changes: Record<string, string> = {}, classLevels = ["7", "8", "9"]) => ({
    values: {
      slug: "koulu-2027",
      nameFi: "Koulu 2027",
      nameSv: "Skola 2027",
      nameEn: "School 2027",
      scope: "city",
      school: "",
      ballotStyle: "approval",
      maxPicks: "5",
      rule: "greedy",
      "budget-itainen": "150 000",
      "budget-koko-kaupunki": "500000",
      "budget-etelainen": "",
      proposalsStart: "2027-01-10",
      proposalsEnd: "2027-02-28",
      reviewStart: "2027-03-01",
      reviewEnd: "2027-03-10",
      votingStart: "2027-03-11",
      votingEnd: "2027-03-29",
      resultsDate: "2027-04-15",
      ...changes,
    },
    classLevels,
  });

  it("maps the flat fields to the same definition as a JSON file", () => {
    const d = ok(definitionFromForm(formOf()));
    expect(d).toEqual({
      slug: "koulu-2027",
      name: { fi: "Koulu 2027", sv: "Skola 2027", en: "School 2027" },
      scope: "city",
      ballot: { style: "approval", maxPicks: 5 },
      rule: "greedy",
      classLevels: [7, 8, 9],
      areas: [
        { area: "itainen", budget: 150000 },
        { area: "koko-kaupunki", budget: 500000 },
      ],
      phases: {
        proposals: ["2027-01-10", "2027-02-28"],
        review: ["2027-03-01", "2027-03-10"],
        voting: ["2027-03-11", "2027-03-29"],
        results: "2027-04-15",
      },
    });
  });

  it("round-trips a definition through the form", () => {
    const d = ok(EXAMPLE);
    expect(ok(definitionFromForm(formFromDefinition(d)))).toEqual(d);
    const school = ok({ ...clone(), scope: "school", school: "00501", ballot: { style: "budget" } });
    expect(ok(definitionFromForm(formFromDefinition(school)))).toEqual(school);
  });

  it("maps each problem back to its form field", () => {
    const fields = (changes: Record<string, string>, classLevels?: string[]) =>
      issuesOf(definitionFromForm(formOf(changes, classLevels))).map(formFieldOf);
    expect(fields({ votingEnd: "2027-03-01" })).toEqual(["votingEnd"]);
    expect(fields({ reviewStart: "2027-02-01" })).toEqual(["reviewStart"]);
    expect(fields({ resultsDate: "" })).toEqual(["resultsDate"]);
    expect(fields({ "budget-itainen": "12,5" })).toEqual(["budget-itainen"]);
    expect(fields({ "budget-itainen": "", "budget-koko-kaupunki": "" })).toEqual(["areas"]);
    expect(fields({ maxPicks: "" })).toEqual(["maxPicks"]);
    expect(fields({ maxPicks: "many" })).toEqual(["maxPicks"]);
    expect(fields({ ballotStyle: "budget" })).toEqual(["maxPicks"]);
    expect(fields({ scope: "school" })).toEqual(["school"]);
    expect(fields({ nameSv: "" })).toEqual(["nameSv"]);
    expect(fields({}, [])).toEqual(["classLevels"]);
    expect(fields({ slug: "Koulu 2027", rule: "x" })).toEqual(["slug", "rule"]);
  });

  it("starts a new round with sensible defaults", () => {
    const form = newRoundForm();
    expect(form.values.scope).toBe("city");
    expect(form.classLevels).toEqual(["7", "8", "9", "10", "11", "12"]);
  });

  it("reads a stored round back as a definition", () => {
    const d = definitionOfRound({
      slug: "r",
      nameFi: "A",
      nameSv: "B",
      nameEn: "C",
      scope: "school",
      school: { code: "00501" },
      ballotStyle: "budget",
      maxPicks: null,
      rule: "greedy",
      classLevels: "7,8,9",
      areas: [
        { areaSlug: "koko-kaupunki", budget: 5 },
        { areaSlug: "etelainen", budget: 7 },
      ],
      ...STORED_DAYS,
    });
    expect(d.school).toBe("00501");
    expect(d.ballot).toEqual({ style: "budget" });
    expect(d.areas.map((a) => a.area)).toEqual(["etelainen", "koko-kaupunki"]);
    expect(d.classLevels).toEqual([7, 8, 9]);
  });
});

describe("minVotes (the greedy-threshold rule)", () => {
  const threshold = (minVotes?: unknown): Json => ({ ...clone(), rule: "greedy-threshold", ...(minVotes === undefined ? {} : { minVotes }) });

  it("is accepted, and kept, with greedy-threshold", () => {
    expect(ok(threshold(3)).minVotes).toBe(3);
    expect(ok(threshold(1)).minVotes).toBe(1);
    expect(ok(threshold(1_000_000)).minVotes).toBe(1_000_000);
    expect(ok(EXAMPLE).minVotes).toBeUndefined();
  });

  it("is required with greedy-threshold", () => {
    const issue = issueAt(threshold(), "minVotes");
    expect(issue.code).toBe("minVotesRequired");
    expect(englishIssue(issue)).toMatch(/^minVotes: the greedy-threshold rule needs "minVotes"/);
  });

  it("is refused with the other rules", () => {
    for (const rule of ["greedy", "greedy-no-skip", "equal-shares"]) {
      const issue = issueAt({ ...clone(), rule, minVotes: 2 }, "minVotes");
      expect(issue.code).toBe("minVotesNotAllowed");
      expect(englishIssue(issue)).toMatch(/^minVotes: "minVotes" is only for the greedy-threshold rule/);
    }
  });

  it("must be a whole number from 1", () => {
    for (const bad of [0, -1, 2.5, "3", null, 1_000_001]) {
      expect(issueAt(threshold(bad), "minVotes").code, JSON.stringify(bad)).toBe("minVotesInvalid");
    }
  });

  it("is reported together with other problems", () => {
    const issues = issuesOf({ ...clone(), rule: "greedy-threshold", slug: "Bad Slug" });
    expect(issues.map((i) => i.code).sort()).toEqual(["minVotesRequired", "slugInvalid"]);
  });

  it("goes through the form and back, and maps problems to its field", () => {
    const d = ok(threshold(4));
    const form = formFromDefinition(d);
    expect(form.values.minVotes).toBe("4");
    expect(ok(definitionFromForm(form))).toEqual(d);
    expect(formFromDefinition(ok(EXAMPLE)).values.minVotes).toBe("");
    const fields = (minVotes: string, rule: string) =>
      issuesOf(definitionFromForm({ ...formFromDefinition(ok(EXAMPLE)), values: { ...formFromDefinition(ok(EXAMPLE)).values, rule, minVotes } })).map(formFieldOf);
    expect(fields("", "greedy-threshold")).toEqual(["minVotes"]);
    expect(fields("many", "greedy-threshold")).toEqual(["minVotes"]);
    expect(fields("0", "greedy-threshold")).toEqual(["minVotes"]);
    expect(fields("2", "greedy")).toEqual(["minVotes"]);
  });

  it("is read back from a stored round (an old greedy-threshold round without it counts as 1)", () => {
    const stored = {
      slug: "r",
      nameFi: "A",
      nameSv: "B",
      nameEn: "C",
      scope: "city",
      ballotStyle: "budget",
      maxPicks: null,
      classLevels: "7",
      areas: [{ areaSlug: "etelainen", budget: 7 }],
      ...STORED_DAYS,
    };
    expect(definitionOfRound({ ...stored, rule: "greedy-threshold", minVotes: 3 }).minVotes).toBe(3);
    expect(definitionOfRound({ ...stored, rule: "greedy-threshold", minVotes: null }).minVotes).toBe(1);
    expect(definitionOfRound({ ...stored, rule: "greedy", minVotes: null })).not.toHaveProperty("minVotes");
  });
});

describe("translations", () => {
  it("every problem has a message in fi, sv and en", () => {
    for (const locale of ["en", "fi", "sv"] as const) {
      const errors = roundAdmin[locale].roundAdmin.errors as Record<string, string>;
      for (const code of Object.keys(ROUND_PROBLEMS)) expect(errors[code], `${locale}: roundAdmin.errors.${code}`).toBeTruthy();
      expect(Object.keys(errors).sort()).toEqual(Object.keys(ROUND_PROBLEMS).sort());
    }
  });
});
