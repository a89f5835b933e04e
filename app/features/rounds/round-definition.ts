// A round's definition (docs/cli.md): the JSON of `create-round FILE.json` and, through
// `definitionFromForm`, the coordinator's form at /rounds/new and /rounds/SLUG/edit. ONE zod schema
// checks both. Its messages are translation keys (`roundAdmin.errors.*`) for the page; the command
// line turns the same problems into English sentences that name the JSON path.
import { z } from "zod";
import { AREA_SLUGS, AREAS, CLASS_LEVELS, type AreaSlug, type Localised } from "~/shared/catalog";
import { validatePhases, type PhaseDates } from "./phases";
import { BALLOT_STYLES, ROUND_SCOPES, WINNER_RULES, type BallotStyle, type RoundScope, type WinnerRule } from "./rounds";

export const ROUND_SLUG = /^[a-z0-9][a-z0-9-]{1,60}$/;
export const SCHOOL_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
export const MAX_PICKS = 50;
export const MAX_BUDGET = 1_000_000_000;
export const NAME_MAX = 120;
/** The largest minimum number of votes of a `greedy-threshold` round. */
export const MAX_MIN_VOTES = 1_000_000;

/**
 * Every problem a definition can have, with the English sentence the command line prints after the
 * JSON path. `{{name}}` is replaced with the problem's value of that name. The page shows
 * `roundAdmin.errors.<code>` instead (app/features/rounds/strings.ts), which names the form field.
 */
export const ROUND_PROBLEMS = {
  notObject: "the file must contain one JSON object: the round definition (see docs/cli.md, 'create-round')",
  unknownField: 'unknown field "{{name}}"; remove it or correct its spelling',
  slugInvalid: 'the slug must be 2–61 characters: small letters a–z, digits and "-", starting with a letter or digit (e.g. omastadi-2026)',
  slugTaken: 'a round with the slug "{{slug}}" already exists; choose another slug or edit that round',
  nameInvalid: 'the name must be an object with "fi", "sv" and "en" names',
  nameFiRequired: "the Finnish name is empty; write the round's name in Finnish",
  nameSvRequired: "the Swedish name is empty; write the round's name in Swedish",
  nameEnRequired: "the English name is empty; write the round's name in English",
  nameFiLong: `the Finnish name is longer than ${NAME_MAX} characters; shorten it`,
  nameSvLong: `the Swedish name is longer than ${NAME_MAX} characters; shorten it`,
  nameEnLong: `the English name is longer than ${NAME_MAX} characters; shorten it`,
  scopeInvalid: `the scope must be one of ${ROUND_SCOPES.join(", ")}`,
  schoolRequired: 'a round whose scope is "school" needs the school\'s code in "school" (e.g. "00501")',
  schoolNotAllowed: 'give "school" only when the scope is "school"; remove it or change the scope',
  schoolInvalid: "the school code must be 1–40 letters, digits, '-' or '_' (e.g. 00501)",
  schoolUnknown: 'no school has the code "{{code}}"; import the school first (import-schools) or correct the code',
  ballotInvalid: 'the ballot must be an object such as {"style": "approval", "maxPicks": 5} or {"style": "budget"}',
  ballotStyleInvalid: `the ballot style must be one of ${BALLOT_STYLES.join(", ")}`,
  maxPicksRequired: `an approval ballot needs "maxPicks": how many projects a voter may pick, a whole number from 1 to ${MAX_PICKS}`,
  maxPicksInvalid: `"maxPicks" must be a whole number from 1 to ${MAX_PICKS}`,
  maxPicksNotAllowed: '"maxPicks" is only for the approval ballot style; remove it for a budget ballot',
  ruleInvalid: `the winner rule must be one of ${WINNER_RULES.join(", ")}`,
  minVotesRequired: `the greedy-threshold rule needs "minVotes": how many votes a project needs at least to be selected, a whole number from 1 to ${MAX_MIN_VOTES.toLocaleString("en")}`,
  minVotesInvalid: `"minVotes" must be a whole number from 1 to ${MAX_MIN_VOTES.toLocaleString("en")}`,
  minVotesNotAllowed: '"minVotes" is only for the greedy-threshold rule; remove it or change the rule to greedy-threshold',
  classLevelsRequired: "classLevels must be a non-empty list of the eligible class levels, e.g. [7, 8, 9]",
  classLevelInvalid: "a class level must be a whole number from 1 to 12",
  classLevelDuplicate: "class level {{level}} is listed twice; list each class level once",
  areasRequired: 'areas must be a non-empty list such as [{"area": "itainen", "budget": 150000}]',
  areaInvalid: `the area must be one of ${AREA_SLUGS.join(", ")}`,
  areaDuplicate: 'the area "{{area}}" is listed twice; give each area one budget',
  budgetInvalid: `the budget must be a whole number of euros from 1 to ${MAX_BUDGET.toLocaleString("en")} (no decimals)`,
  areaHasProjects:
    'the area "{{area}}" already has {{count}} ballot project(s) in this round, so it cannot be removed; keep it in areas (or move its projects first)',
  phasesInvalid: 'phases must be an object: {"proposals": [start, end], "review": [start, end], "voting": [start, end], "results": date}',
  phasePairInvalid: "a phase must be a list of two dates, [start, end], each written as YYYY-MM-DD",
  dateRequired: "the date is missing; write it as YYYY-MM-DD, e.g. 2026-03-11",
  dateInvalid: 'this is not a real date: "{{value}}"; write it as YYYY-MM-DD, e.g. 2026-03-11',
  proposalsEndBeforeStart: "the proposals phase ends before it starts",
  reviewEndBeforeStart: "the review phase ends before it starts",
  votingEndBeforeStart: "the voting phase ends before it starts",
  reviewOverlaps: "the review phase must start after the proposals phase has ended ({{date}}); phases may not overlap",
  votingOverlaps: "the voting phase must start after the review phase has ended ({{date}}); phases may not overlap",
  resultsOverlaps: "the results date must come after the voting phase has ended ({{date}})",
  votingStarted:
    "voting started on {{date}}, so the ballot style, winner rule, eligible class levels, areas, budgets and voting start can no longer change; only names and later dates can",
} as const;

export type RoundProblemCode = keyof typeof ROUND_PROBLEMS;
export const ROUND_ERROR_PREFIX = "roundAdmin.errors.";
const key = (code: RoundProblemCode) => `${ROUND_ERROR_PREFIX}${code}`;

export type DefinitionPath = Array<string | number>;

/** One problem with a definition: where (JSON path), what (code), and the values its message uses. */
export interface DefinitionIssue {
  path: DefinitionPath;
  code: RoundProblemCode;
  values?: Record<string, string | number>;
}

export interface RoundDefinition {
  slug: string;
  name: Localised;
  scope: RoundScope;
  /** The school's code; only (and always) when the scope is "school". */
  school?: string;
  ballot: { style: "approval"; maxPicks: number } | { style: "budget" };
  rule: WinnerRule;
  /** Minimum number of votes a project needs; only (and always) with the `greedy-threshold` rule. */
  minVotes?: number;
  classLevels: number[];
  areas: Array<{ area: AreaSlug; budget: number }>;
  phases: { proposals: [string, string]; review: [string, string]; voting: [string, string]; results: string };
}

// ---------------------------------------------------------------------------------------------
// The schema

const fixed = (code: RoundProblemCode) => ({ errorMap: () => ({ message: key(code) }) });

const localName = (lang: "Fi" | "Sv" | "En") =>
  z
    .string(fixed(`name${lang}Required`))
    .trim()
    .min(1, key(`name${lang}Required`))
    .max(NAME_MAX, key(`name${lang}Long`));

const wholeNumber = (code: RoundProblemCode, min: number, max: number) =>
  z.number(fixed(code)).int(key(code)).min(min, key(code)).max(max, key(code));

const day = z.string({
  errorMap: (_issue, ctx) => ({ message: key(ctx.data === undefined || ctx.data === null ? "dateRequired" : "dateInvalid") }),
});
const pair = z.tuple([day, day], fixed("phasePairInvalid"));

const PHASE_PATHS: Record<keyof PhaseDates, DefinitionPath> = {
  proposalsStart: ["proposals", 0],
  proposalsEnd: ["proposals", 1],
  reviewStart: ["review", 0],
  reviewEnd: ["review", 1],
  votingStart: ["voting", 0],
  votingEnd: ["voting", 1],
  resultsDate: ["results"],
};

/** The end of the phase before each phase start (for "overlaps" messages). */
const PREVIOUS_END: Partial<Record<keyof PhaseDates, keyof PhaseDates>> = {
  reviewStart: "proposalsEnd",
  votingStart: "reviewEnd",
  resultsDate: "votingEnd",
};

export function phaseDatesOf(phases: RoundDefinition["phases"]): PhaseDates {
  return {
    proposalsStart: phases.proposals[0],
    proposalsEnd: phases.proposals[1],
    reviewStart: phases.review[0],
    reviewEnd: phases.review[1],
    votingStart: phases.voting[0],
    votingEnd: phases.voting[1],
    resultsDate: phases.results,
  };
}

const phasesSchema = z
  .object(
    {
      proposals: pair,
      review: pair,
      voting: pair,
      results: day,
    },
    fixed("phasesInvalid"),
  )
  .strict()
  .superRefine((phases, ctx) => {
    const dates = phaseDatesOf(phases);
    for (const problem of validatePhases(dates)) {
      const path = PHASE_PATHS[problem.field];
      const value = dates[problem.field];
      if (problem.problem === "invalid-date") {
        const code = value.trim() === "" ? "dateRequired" : "dateInvalid";
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: key(code), params: { field: problem.field, value } });
      } else if (problem.problem === "end-before-start") {
        const phase = problem.field.replace(/End$/, "") as "proposals" | "review" | "voting";
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: key(`${phase}EndBeforeStart`), params: { field: problem.field } });
      } else {
        const previous = PREVIOUS_END[problem.field];
        const phase = problem.field.replace(/(Start|Date)$/, "") as "review" | "voting" | "results";
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path,
          message: key(`${phase}Overlaps`),
          params: { field: problem.field, date: previous ? dates[previous] : "" },
        });
      }
    }
  });

const ballotSchema = z
  .object(
    {
      style: z.enum(BALLOT_STYLES, fixed("ballotStyleInvalid")),
      maxPicks: wholeNumber("maxPicksInvalid", 1, MAX_PICKS).optional(),
    },
    fixed("ballotInvalid"),
  )
  .strict()
  .superRefine((ballot, ctx) => {
    if (ballot.style === "approval" && ballot.maxPicks === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["maxPicks"], message: key("maxPicksRequired") });
    }
    if (ballot.style === "budget" && ballot.maxPicks !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["maxPicks"], message: key("maxPicksNotAllowed") });
    }
  })
  .transform((ballot): RoundDefinition["ballot"] =>
    ballot.style === "approval" ? { style: "approval", maxPicks: ballot.maxPicks ?? 0 } : { style: "budget" },
  );

const areaSchema = z
  .object(
    {
      area: z.enum(AREA_SLUGS, fixed("areaInvalid")),
      budget: wholeNumber("budgetInvalid", 1, MAX_BUDGET),
    },
    fixed("areasRequired"),
  )
  .strict();

const areasSchema = z
  .array(areaSchema, fixed("areasRequired"))
  .min(1, key("areasRequired"))
  .superRefine((areas, ctx) => {
    const seen = new Set<string>();
    areas.forEach((a, index) => {
      if (seen.has(a.area)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, "area"], message: key("areaDuplicate"), params: { area: a.area } });
      }
      seen.add(a.area);
    });
  });

const classLevelsSchema = z
  .array(wholeNumber("classLevelInvalid", 1, 12), fixed("classLevelsRequired"))
  .min(1, key("classLevelsRequired"))
  .superRefine((levels, ctx) => {
    levels.forEach((level, index) => {
      if (levels.indexOf(level) !== index) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index], message: key("classLevelDuplicate"), params: { level } });
      }
    });
  })
  .transform((levels) => [...levels].sort((a, b) => a - b));

export const roundDefinitionSchema = z
  .object(
    {
      slug: z.string(fixed("slugInvalid")).regex(ROUND_SLUG, key("slugInvalid")),
      name: z.object({ fi: localName("Fi"), sv: localName("Sv"), en: localName("En") }, fixed("nameInvalid")).strict(),
      scope: z.enum(ROUND_SCOPES, fixed("scopeInvalid")),
      school: z.string(fixed("schoolInvalid")).regex(SCHOOL_CODE, key("schoolInvalid")).optional(),
      ballot: ballotSchema,
      rule: z.enum(WINNER_RULES, fixed("ruleInvalid")),
      minVotes: wholeNumber("minVotesInvalid", 1, MAX_MIN_VOTES).optional(),
      classLevels: classLevelsSchema,
      areas: areasSchema,
      phases: phasesSchema,
    },
    fixed("notObject"),
  )
  .strict()
  .superRefine((definition, ctx) => {
    if (definition.scope === "school" && definition.school === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["school"], message: key("schoolRequired") });
    }
    if (definition.scope !== "school" && definition.school !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["school"], message: key("schoolNotAllowed") });
    }
    if (definition.rule === "greedy-threshold" && definition.minVotes === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["minVotes"], message: key("minVotesRequired") });
    }
    if (definition.rule !== "greedy-threshold" && definition.minVotes !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["minVotes"], message: key("minVotesNotAllowed") });
    }
  });

// Scope and school, and rule and minVotes, are checked also when another field is wrong (zod skips
// the object's own refinement then), so that the form shows every problem at once.
function scopeSchoolIssues(input: unknown): DefinitionIssue[] {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return [];
  const { scope, school, rule, minVotes } = input as { scope?: unknown; school?: unknown; rule?: unknown; minVotes?: unknown };
  const issues: DefinitionIssue[] = [];
  if ((ROUND_SCOPES as readonly unknown[]).includes(scope)) {
    if (scope === "school" && school === undefined) issues.push({ path: ["school"], code: "schoolRequired" });
    if (scope !== "school" && school !== undefined) issues.push({ path: ["school"], code: "schoolNotAllowed" });
  }
  if ((WINNER_RULES as readonly unknown[]).includes(rule)) {
    if (rule === "greedy-threshold" && minVotes === undefined) issues.push({ path: ["minVotes"], code: "minVotesRequired" });
    if (rule !== "greedy-threshold" && minVotes !== undefined) issues.push({ path: ["minVotes"], code: "minVotesNotAllowed" });
  }
  return issues;
}

export type ParsedDefinition = { ok: true; definition: RoundDefinition } | { ok: false; issues: DefinitionIssue[] };

/** Checks a definition (parsed JSON, or the result of definitionFromForm). */
export function parseRoundDefinition(input: unknown): ParsedDefinition {
  const result = roundDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, definition: result.data as RoundDefinition };
  const issues: DefinitionIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const name of issue.keys) issues.push({ path: issue.path, code: "unknownField", values: { name } });
      continue;
    }
    const code = issue.message.startsWith(ROUND_ERROR_PREFIX) ? issue.message.slice(ROUND_ERROR_PREFIX.length) : "";
    const values = issue.code === z.ZodIssueCode.custom ? (issue.params as Record<string, string | number> | undefined) : undefined;
    const known = (code in ROUND_PROBLEMS ? code : "notObject") as RoundProblemCode;
    issues.push({ path: issue.path, code: known, ...(values ? { values } : {}) });
  }
  for (const extra of scopeSchoolIssues(input)) {
    if (!issues.some((i) => i.path.join(".") === extra.path.join("."))) issues.push(extra);
  }
  for (const issue of issues) {
    if (issue.code === "dateInvalid" && issue.values?.value === undefined) {
      const value = valueAt(input, issue.path);
      issue.values = { ...issue.values, value: typeof value === "string" ? value : JSON.stringify(value) ?? "" };
    }
  }
  // Name the area in budget problems (the form shows it next to that area's budget).
  const areas = (input as { areas?: unknown } | null)?.areas;
  for (const issue of issues) {
    if (issue.path[0] === "areas" && typeof issue.path[1] === "number" && Array.isArray(areas)) {
      const area = (areas[issue.path[1]] as { area?: unknown } | undefined)?.area;
      if (typeof area === "string") issue.values = { ...issue.values, area };
    }
  }
  return { ok: false, issues };
}

function valueAt(input: unknown, path: DefinitionPath): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Messages for the command line

/** `phases.voting[1]`, `areas[0].budget`, or "" for the whole file. */
export function formatPath(path: DefinitionPath): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** "phases.voting[1]: the voting phase ends before it starts". */
export function englishIssue(issue: DefinitionIssue): string {
  const where = formatPath(issue.path);
  const text = interpolate(ROUND_PROBLEMS[issue.code], issue.values);
  return where ? `${where}: ${text}` : text;
}

/** A definition that cannot be used, with every problem; the message is English, one line each. */
export class RoundDefinitionError extends Error {
  constructor(
    readonly issues: DefinitionIssue[],
    file?: string,
  ) {
    super(issues.map((issue) => (file ? `${file}: ${englishIssue(issue)}` : englishIssue(issue))).join("\n"));
    this.name = "RoundDefinitionError";
  }
}

/** Parses the text of a JSON file; a syntax error names the line and column (1-based) where it is. */
export function parseJsonFile(file: string, text: string): unknown {
  const source = text.replace(/^\uFEFF/, "");
  if (source.trim() === "") throw new Error(`${file}: the file is empty; it must contain the round definition as one JSON object`);
  try {
    return JSON.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const offset = syntaxErrorOffset(source);
    const reason = message
      .replace(/, (?:"|\.\.\.).*" is not valid JSON$/s, "")
      .replace(/ (?:in JSON )?at position \d+.*$/s, "")
      .replace(/ \(line \d+ column \d+\)$/, "");
    const where = offset === null ? "" : (() => {
      const before = source.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      return `line ${line}, column ${column}: `;
    })();
    throw new Error(`${file}: ${where}the file is not valid JSON (${reason}); check for a missing or extra comma, quote or bracket there`);
  }
}

/** The offset of the first character JSON.parse cannot accept, found by parsing ever longer prefixes. */
function syntaxErrorOffset(source: string): number | null {
  const badPrefix = (length: number): boolean => {
    try {
      JSON.parse(source.slice(0, length));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      if (/Unexpected end of JSON input/.test(message)) return false;
      const at = /at position (\d+)/.exec(message) ?? /\(line \d+ column (\d+)\)/.exec(message);
      if (at && /at position/.test(message)) return Number(at[1]) < length;
      return !/^Unterminated|^Expected|^No number/.test(message);
    }
  };
  if (!badPrefix(source.length)) {
    // The whole text is only incomplete (it ends too early): point at its end.
    return source.length;
  }
  let lo = 1;
  let hi = source.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (badPrefix(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

// ---------------------------------------------------------------------------------------------
// The form

export const PHASE_FIELDS = ["proposalsStart", "proposalsEnd", "reviewStart", "reviewEnd", "votingStart", "votingEnd", "resultsDate"] as const;
export const budgetField = (area: AreaSlug) => `budget-${area}`;

/** Names of the form's single-valued fields (class levels are a checkbox group, `classLevels`). */
export const ROUND_FORM_FIELDS = [
  "slug",
  "nameFi",
  "nameSv",
  "nameEn",
  "scope",
  "school",
  "ballotStyle",
  "maxPicks",
  "rule",
  "minVotes",
  ...AREAS.map((a) => budgetField(a.slug)),
  ...PHASE_FIELDS,
] as const;

export interface RoundFormValues {
  values: Record<string, string>;
  classLevels: string[];
}

/** "1 200 000", "1200000 €" → 1200000; "" → undefined; anything else is left for the schema to reject. */
function formNumber(raw: string | undefined): number | string | undefined {
  const text = (raw ?? "").replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "");
  if (text === "") return undefined;
  return /^[+-]?\d+$/.test(text) ? Number(text) : text;
}

/** The same definition object as the JSON file, built from the form's flat fields. */
export function definitionFromForm({ values, classLevels }: RoundFormValues): Record<string, unknown> {
  const v = (name: string) => (values[name] ?? "").trim();
  const definition: Record<string, unknown> = {
    slug: v("slug"),
    name: { fi: v("nameFi"), sv: v("nameSv"), en: v("nameEn") },
    scope: v("scope"),
    ballot: { style: v("ballotStyle"), ...(v("maxPicks") ? { maxPicks: formNumber(v("maxPicks")) } : {}) },
    rule: v("rule"),
    ...(v("minVotes") ? { minVotes: formNumber(v("minVotes")) } : {}),
    classLevels: classLevels.map((level) => formNumber(level)),
    areas: AREAS.flatMap((a) => {
      const budget = v(budgetField(a.slug));
      return budget ? [{ area: a.slug, budget: formNumber(budget) }] : [];
    }),
    phases: {
      proposals: [v("proposalsStart"), v("proposalsEnd")],
      review: [v("reviewStart"), v("reviewEnd")],
      voting: [v("votingStart"), v("votingEnd")],
      results: v("resultsDate"),
    },
  };
  if (v("school")) definition.school = v("school");
  return definition;
}

/** The form's fields for a definition (to fill the edit form). */
export function formFromDefinition(definition: RoundDefinition): RoundFormValues {
  const dates = phaseDatesOf(definition.phases);
  const values: Record<string, string> = {
    slug: definition.slug,
    nameFi: definition.name.fi,
    nameSv: definition.name.sv,
    nameEn: definition.name.en,
    scope: definition.scope,
    school: definition.school ?? "",
    ballotStyle: definition.ballot.style,
    maxPicks: definition.ballot.style === "approval" ? String(definition.ballot.maxPicks) : "",
    rule: definition.rule,
    minVotes: definition.minVotes === undefined ? "" : String(definition.minVotes),
    ...dates,
  };
  for (const a of definition.areas) values[budgetField(a.area)] = String(a.budget);
  return { values, classLevels: definition.classLevels.map(String) };
}

/** The form field a problem belongs to (the id of its input is `field-<name>`). */
export function formFieldOf(issue: DefinitionIssue): string {
  const [first, second, third] = issue.path;
  switch (first) {
    case "name":
      return second === "sv" ? "nameSv" : second === "en" ? "nameEn" : "nameFi";
    case "ballot":
      return second === "maxPicks" ? "maxPicks" : "ballotStyle";
    case "classLevels":
      return "classLevels";
    case "areas": {
      const area = issue.values?.area;
      return typeof area === "string" && (AREA_SLUGS as readonly string[]).includes(area) ? budgetField(area as AreaSlug) : "areas";
    }
    case "phases": {
      const field = issue.values?.field;
      if (typeof field === "string") return field;
      if (second === "results") return "resultsDate";
      if (typeof second === "string") return `${second}${third === 1 ? "End" : "Start"}`;
      return "proposalsStart";
    }
    case undefined:
      return "form";
    default:
      return String(first);
  }
}

/** The default values of a new round's form. */
export function newRoundForm(): RoundFormValues {
  return {
    values: { scope: "city", ballotStyle: "approval", maxPicks: "5", rule: "greedy" },
    classLevels: CLASS_LEVELS.filter((l) => l >= 7).map(String),
  };
}

/** A stored round as a definition (for the edit form and for tests). */
export function definitionOfRound(round: {
  slug: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  scope: string;
  school?: { code: string } | null;
  ballotStyle: string;
  maxPicks: number | null;
  rule: string;
  /** Absent or null: no setting (a round from before it existed counts as 1 with greedy-threshold). */
  minVotes?: number | null;
  classLevels: string;
  areas: ReadonlyArray<{ areaSlug: string; budget: number }>;
} & PhaseDates): RoundDefinition {
  return {
    slug: round.slug,
    name: { fi: round.nameFi, sv: round.nameSv, en: round.nameEn },
    scope: round.scope as RoundScope,
    ...(round.school ? { school: round.school.code } : {}),
    ballot: (round.ballotStyle as BallotStyle) === "approval" ? { style: "approval", maxPicks: round.maxPicks ?? 0 } : { style: "budget" },
    rule: round.rule as WinnerRule,
    ...(round.rule === "greedy-threshold" ? { minVotes: round.minVotes ?? 1 } : {}),
    classLevels: round.classLevels
      .split(",")
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
    areas: [...round.areas]
      .sort((a, b) => AREA_SLUGS.indexOf(a.areaSlug as AreaSlug) - AREA_SLUGS.indexOf(b.areaSlug as AreaSlug))
      .map((a) => ({ area: a.areaSlug as AreaSlug, budget: a.budget })),
    phases: {
      proposals: [round.proposalsStart, round.proposalsEnd],
      review: [round.reviewStart, round.reviewEnd],
      voting: [round.votingStart, round.votingEnd],
      results: round.resultsDate,
    },
  };
}
