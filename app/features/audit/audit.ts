// The audit log page (/audit) and its CSV (/audit.csv): pure rules shared by both. Filters come
// from the query string (a GET form that works without JavaScript), are checked with one zod schema
// and answer translation keys; CSV cells are escaped and spreadsheet formulas neutralised; the
// detail JSON of a row is shown only through an allow-list of keys, each value cut to 80 characters.
// The log never holds ballot contents (app/server/audit.server.ts), and nothing here reads ballots.
import { z } from "zod";
import type { Role } from "~/shared/catalog";
// Days in the filters are Helsinki days, the same as the rounds' phases.
import { isIsoDay, TIME_ZONE } from "~/features/rounds/phases";
import { csvLine } from "~/shared/csv-write";

export const PAGE_SIZE = 50;
/** At most this many rows go into one CSV file; a capped file says so in its first line. */
export const CSV_ROW_CAP = 100_000;

/** The "actor" filter: anyone, nobody (the system, the command line), any pupil, or one adult account (its id). */
export const ACTOR_ANY = "";
export const ACTOR_SYSTEM = "system";
export const ACTOR_PUPILS = "pupils";

/** Actions with a translated label (`audit.actions.<id>`); others show their code only. */
export const ACTION_LABELS = {
  "signin.password": "signinPassword",
  "signin.password.failed": "signinPasswordFailed",
  "signin.code": "signinCode",
  "signin.code.failed": "signinCodeFailed",
  "signin.code.other-school": "signinCodeOtherSchool",
  "signin.code.round-ended": "signinCodeRoundEnded",
  "signin.school": "signinSchool",
  "user.create": "userCreate",
  "user.update": "userUpdate",
  "user.disable": "userDisable",
  "user.enable": "userEnable",
  "user.password-reset": "userPasswordReset",
  "user.password-change": "userPasswordChange",
  "codes.issue": "codesIssue",
  "codes.revoke": "codesRevoke",
  "ballot.cast": "ballotCast",
  "ballot.recast": "ballotRecast",
  "ballot.paper": "ballotPaper",
  "ballots.paper-import": "ballotsPaperImport",
  "ballots.mix": "ballotsMix",
  "proposal.create": "proposalCreate",
  "proposal.edit": "proposalEdit",
  "proposal.approve": "proposalApprove",
  "proposal.request-changes": "proposalRequestChanges",
  "proposal.reject": "proposalReject",
  "proposal.merge": "proposalMerge",
  "proposal.hide": "proposalHide",
  "project.create": "projectCreate",
  "project.edit": "projectEdit",
  "projects.import": "projectsImport",
  "round.create": "roundCreate",
  "round.update": "roundUpdate",
  "results.publish": "resultsPublish",
  "enrolment.import": "enrolmentImport",
  "schools.import": "schoolsImport",
  "request.cross-site": "requestCrossSite",
} as const;
export type ActionLabelId = (typeof ACTION_LABELS)[keyof typeof ACTION_LABELS];

export function actionLabelId(action: string): ActionLabelId | null {
  return Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action as keyof typeof ACTION_LABELS] : null;
}

/** Subject types with a translated name (`audit.subjectTypes.<type>`). */
export const SUBJECT_TYPES = ["user", "round", "school", "proposal", "project", "request"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export function isSubjectType(value: string): value is SubjectType {
  return (SUBJECT_TYPES as readonly string[]).includes(value);
}

// ---- filters --------------------------------------------------------------------------------------

export const FILTER_FIELDS = ["action", "actor", "from", "to"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
/** The filters as typed, to put back in the form (and into the paging links). */
export type FilterValues = Record<FilterField, string>;

export type ActorFilter = { kind: "any" } | { kind: "system" } | { kind: "pupils" } | { kind: "account"; id: string };

export interface AuditFilters {
  action: string | null;
  actor: ActorFilter;
  /** Helsinki days, inclusive. */
  from: string | null;
  to: string | null;
  page: number;
}

export interface FilterMessage {
  key: string;
  values?: Record<string, string | number>;
}

export type ParsedFilters =
  | { ok: true; filters: AuditFilters; values: FilterValues }
  | { ok: false; errors: Partial<Record<FilterField, FilterMessage>>; values: FilterValues };

const day = (message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || isIsoDay(v), { message });

const filterSchema = z
  .object({
    // Action codes are short lowercase words with dots and dashes ("signin.code.failed").
    action: z
      .string()
      .trim()
      .refine((v) => v === "" || /^[a-z][a-z0-9._-]{0,79}$/.test(v), { message: "audit.errors.action" }),
    // "", "system", "pupils" or an account id (cuid-like).
    actor: z
      .string()
      .trim()
      .refine((v) => v === "" || /^[A-Za-z0-9_-]{1,64}$/.test(v), { message: "audit.errors.actor" }),
    from: day("audit.errors.from"),
    to: day("audit.errors.to"),
    page: z.string().trim(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && isIsoDay(v.from) && isIsoDay(v.to) && v.to < v.from) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "audit.errors.range" });
    }
  });

type Params = URLSearchParams | Record<string, string | null | undefined>;

function param(params: Params, name: string): string {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  // Long values are cut, so that what is kept and shown back stays small.
  return (value ?? "").slice(0, 200);
}

function actorFilter(value: string): ActorFilter {
  if (value === ACTOR_ANY) return { kind: "any" };
  if (value === ACTOR_SYSTEM) return { kind: "system" };
  if (value === ACTOR_PUPILS) return { kind: "pupils" };
  return { kind: "account", id: value };
}

/** A page number from the query string: a whole number ≥ 1, otherwise the first page. */
function pageNumber(value: string): number {
  if (!/^\d{1,7}$/.test(value)) return 1;
  return Math.max(1, Number(value));
}

/**
 * The filters of /audit and /audit.csv (`action`, `actor`, `from`, `to`, `page`). Which actions and
 * accounts exist is checked afterwards against the log (`checkFilterChoices`).
 */
export function parseAuditFilters(params: Params): ParsedFilters {
  const raw = { action: param(params, "action"), actor: param(params, "actor"), from: param(params, "from"), to: param(params, "to"), page: param(params, "page") };
  const values: FilterValues = { action: raw.action.trim(), actor: raw.actor.trim(), from: raw.from.trim(), to: raw.to.trim() };
  const parsed = filterSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Partial<Record<FilterField, FilterMessage>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FilterField;
      if (errors[field]) continue;
      errors[field] = issue.message === "audit.errors.range" ? { key: issue.message, values: { from: values.from } } : { key: issue.message };
    }
    return { ok: false, errors, values };
  }
  const v = parsed.data;
  return {
    ok: true,
    values,
    filters: { action: v.action || null, actor: actorFilter(v.actor), from: v.from || null, to: v.to || null, page: pageNumber(v.page) },
  };
}

/**
 * Checks the chosen action and account against what the form offers: an action must be in the log
 * (or be one with a label), an account must be an adult account in the log. A pupil's account is
 * never a choice, so the page cannot be used to follow one pupil.
 */
export function checkFilterChoices(
  filters: AuditFilters,
  choices: { actions: readonly string[]; accountIds: readonly string[] },
): Partial<Record<FilterField, FilterMessage>> {
  const errors: Partial<Record<FilterField, FilterMessage>> = {};
  if (filters.action !== null && !choices.actions.includes(filters.action) && actionLabelId(filters.action) === null) {
    errors.action = { key: "audit.errors.action" };
  }
  if (filters.actor.kind === "account" && !choices.accountIds.includes(filters.actor.id)) {
    errors.actor = { key: "audit.errors.actor" };
  }
  return errors;
}

/** The query string of the filters (empty ones left out), optionally with a page. */
export function filterQuery(values: FilterValues, page?: number): string {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) if (values[field]) params.set(field, values[field]);
  if (page !== undefined && page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

// ---- time -----------------------------------------------------------------------------------------

function zoneOffsetMs(instant: number): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a Helsinki day begins (midnight local time; daylight saving never changes at midnight there). */
export function helsinkiDayStart(isoDay: string): Date {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  const localMidnightAsUtc = Date.UTC(y, m - 1, d);
  const first = localMidnightAsUtc - zoneOffsetMs(localMidnightAsUtc);
  return new Date(localMidnightAsUtc - zoneOffsetMs(first));
}

/** The day after an ISO day. */
export function nextDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The instants of the filters' days: from the start of `from` up to (not including) the day after `to`. */
export function timeRange(filters: Pick<AuditFilters, "from" | "to">): { gte?: Date; lt?: Date } {
  return {
    ...(filters.from ? { gte: helsinkiDayStart(filters.from) } : {}),
    ...(filters.to ? { lt: helsinkiDayStart(nextDay(filters.to)) } : {}),
  };
}

const BCP47 = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" } as const;

/** A row's time in Helsinki, in the page's language, to the second. */
export function formatAuditTime(at: Date, locale: keyof typeof BCP47): string {
  return new Intl.DateTimeFormat(BCP47[locale], {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(at);
}

// ---- who and what ---------------------------------------------------------------------------------

export interface AdultAccount {
  id: string;
  displayName: string;
  role: Role;
}

/**
 * Who did it, as the page and the CSV show it: nobody (the system), an adult account by name and
 * role, or "a pupil": a pupil is never named (not even by pseudonym) nor given an id. Any account
 * that is not a staff, coordinator or admin account is shown as a pupil, the privacy-safe default.
 */
export type ActorView = { kind: "system" } | { kind: "adult"; name: string; role: Exclude<Role, "pupil"> } | { kind: "pupil" };

export function actorView(actorId: string | null, adults: ReadonlyMap<string, AdultAccount>): ActorView {
  if (actorId === null) return { kind: "system" };
  const adult = adults.get(actorId);
  if (adult && adult.role !== "pupil") return { kind: "adult", name: adult.displayName, role: adult.role };
  return { kind: "pupil" };
}

/** A row's subject: its type and id, a round's slug or a school's code, an adult's name; a pupil only as "a pupil". */
export type SubjectView =
  | { kind: "plain"; type: string; typeKnown: boolean; id: string | null }
  | { kind: "named"; type: string; typeKnown: boolean; name: string }
  | { kind: "pupil" };

/** Whether a row's subject is a pupil's account (any account that is not an adult's). */
export function isPupilSubject(row: { subjectType: string; subjectId: string | null }, adults: ReadonlyMap<string, AdultAccount>): boolean {
  return row.subjectType === "user" && row.subjectId !== null && !adults.has(row.subjectId);
}

/** `names`: "round:ID" → slug, "school:ID" → code (what could be looked up cheaply). */
export function subjectView(row: { subjectType: string; subjectId: string | null }, names: ReadonlyMap<string, string>, adults: ReadonlyMap<string, AdultAccount>): SubjectView {
  if (isPupilSubject(row, adults)) return { kind: "pupil" };
  const typeKnown = isSubjectType(row.subjectType);
  const adult = row.subjectType === "user" && row.subjectId ? adults.get(row.subjectId) : undefined;
  const name = adult ? adult.displayName : row.subjectId ? names.get(`${row.subjectType}:${row.subjectId}`) : undefined;
  return name ? { kind: "named", type: row.subjectType, typeKnown, name } : { kind: "plain", type: row.subjectType, typeKnown, id: row.subjectId };
}

/** One row of the page. */
export interface AuditRowView {
  id: string;
  /** ISO instant. */
  at: string;
  /** Helsinki time in the page's language. */
  time: string;
  actor: ActorView;
  action: string;
  actionLabel: ActionLabelId | null;
  subject: SubjectView;
  detail: DetailView;
}

// ---- details --------------------------------------------------------------------------------------

/**
 * The detail keys shown. The log holds ids, counts and decisions; anything else (and any key added
 * later without thought) stays hidden. No key that could hold a code, a password or a name is here.
 */
export const DETAIL_KEYS = [
  "role",
  "from",
  "to",
  "status",
  "schools",
  "sectors",
  "created",
  "updated",
  "rows",
  "count",
  "classLevel",
  "round",
  "slug",
  "scope",
  "ballotStyle",
  "rule",
  "minVotes",
  "areas",
  "totalBudget",
  "pupils",
  "ballots",
  "entries",
  "proposalEvents",
  "provider",
  "targetId",
  // A refused form from another site (request.cross-site): where it was sent.
  "method",
  "path",
  "route",
] as const;

export const DETAIL_VALUE_MAX = 80;

export interface DetailView {
  pairs: Array<{ key: string; value: string }>;
  /** Keys left out (not on the allow-list, or a detail that is not a JSON object). */
  hidden: number;
}

export function truncate(text: string, max = DETAIL_VALUE_MAX): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

function scalarText(value: unknown): string | null {
  if (value === null) return "–";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function valueText(value: unknown): string {
  const scalar = scalarText(value);
  if (scalar !== null) return scalar;
  if (Array.isArray(value)) {
    // A list of plain values is listed; a list of records (e.g. per-area results) is only counted.
    const items = value.map(scalarText);
    return items.every((i) => i !== null) ? items.join(", ") : `[${value.length}]`;
  }
  return "{…}";
}

/** The detail JSON of a row as short "key: value" pairs (allow-listed keys; values at most 80 characters). */
export function renderDetail(json: string): DetailView {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { pairs: [], hidden: json.trim() && json.trim() !== "{}" ? 1 : 0 };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { pairs: [], hidden: 1 };
  const pairs: DetailView["pairs"] = [];
  let hidden = 0;
  for (const [key, value] of Object.entries(parsed)) {
    if ((DETAIL_KEYS as readonly string[]).includes(key)) pairs.push({ key, value: truncate(valueText(value)) });
    else hidden++;
  }
  return { pairs, hidden };
}

/** The detail as one line of text (the CSV's `detail` column). */
export function detailText(view: DetailView): string {
  const parts = view.pairs.map((p) => `${p.key}: ${p.value}`);
  if (view.hidden) parts.push(`(${view.hidden} hidden)`);
  return parts.join("; ");
}

// ---- CSV ------------------------------------------------------------------------------------------

export const CSV_COLUMNS = ["at", "actor_role", "actor_name", "action", "subject_type", "subject_id", "detail"] as const;

// The cell rule (formulas neutralised, quoting) is every export's: ~/shared/csv-write.
export { csvCell, csvLine } from "~/shared/csv-write";

/** The first line of a capped file (before the header). */
export function csvCapNote(total: number): string {
  return csvLine([`# capped: the newest ${CSV_ROW_CAP} of ${total} matching rows; narrow the dates to get the rest`]);
}

export function csvFilename(today: string): string {
  return `audit-log-${today}.csv`;
}
