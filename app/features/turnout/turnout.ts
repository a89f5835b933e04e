// Turnout (docs/domain.md): eligible, voters and participation rate grouped by any of the keys
// type, language, school, area, class-level, method and day, with a total row; and the PUBLIC
// version of such a table, where small cells are suppressed so that no pupil can be identified.
// Plain TypeScript: the queries are in app/features/turnout/turnout.server.ts, the files in
// app/features/turnout/turnout-export.server.ts. See docs/decisions/005-turnout-and-suppression.md.
//
// Definitions
// - `voters` of a group: participations (one per pupil per round, online or paper) whose school,
//   class level, method and Helsinki day of the last cast fall in the group.
// - `eligible` of a group: the imported enrolment of the round's eligible class levels of the
//   group's schools and class levels. `method` and `day` say nothing about enrolment, so a group's
//   eligible ignores them: by `day`, every day's row carries the whole eligible count (of its other
//   keys) and its rate is the share of the eligible who cast their (last) ballot ON THAT DAY; the
//   day rates add up to the total rate. By `method` likewise: the share who voted online / on paper.
// - `participation_rate` = voters / eligible × 100, rounded to one decimal; none when eligible is 0.
// - The total row: all enrolment in scope and all voters, whatever the keys.
import { AREAS, SCHOOL_LANGUAGES, SCHOOL_TYPES } from "~/shared/catalog";

export const TURNOUT_KEYS = ["type", "language", "school", "area", "class-level", "method", "day"] as const;
export type TurnoutKey = (typeof TURNOUT_KEYS)[number];
/** Keys that split enrolment; the others (method, day) only split voters. */
export const ENROLMENT_KEYS: readonly TurnoutKey[] = ["type", "language", "school", "area", "class-level"];
export const DEFAULT_TURNOUT_KEYS: readonly TurnoutKey[] = ["type", "language"];
export const VOTING_METHODS = ["online", "paper"] as const;

/** The smallest published voter count and eligible count of a public cell. */
export const MIN_PUBLIC_VOTERS = 5;
export const MIN_PUBLIC_ELIGIBLE = 10;

export function isTurnoutKey(value: string): value is TurnoutKey {
  return (TURNOUT_KEYS as readonly string[]).includes(value);
}

/** Parses `--by` / `?by=`: a comma list of distinct keys, in the order given. */
export function parseTurnoutKeys(raw: string | null | undefined): { ok: true; keys: TurnoutKey[] } | { ok: false; message: string } {
  const parts = (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.length) return { ok: false, message: `name at least one key: ${TURNOUT_KEYS.join(", ")}` };
  const keys: TurnoutKey[] = [];
  for (const part of parts) {
    if (!isTurnoutKey(part)) return { ok: false, message: `unknown key "${part}"; the keys are ${TURNOUT_KEYS.join(", ")}` };
    if (keys.includes(part)) return { ok: false, message: `key "${part}" is given twice; give each key once` };
    keys.push(part);
  }
  return { ok: true, keys };
}

/** voters / eligible × 100 with one decimal; null when nobody is eligible. */
export function participationRate(voters: number, eligible: number): number | null {
  if (eligible <= 0) return null;
  return Math.round((voters / eligible) * 1000) / 10;
}

export interface TurnoutSchool {
  id: string;
  code: string;
  type: string;
  language: string;
  area: string;
}
export interface EnrolmentCount {
  schoolId: string;
  classLevel: number;
  eligible: number;
}
export interface VoterCount {
  schoolId: string;
  classLevel: number;
  method: string;
  /** Helsinki day (YYYY-MM-DD) of the last cast; needed only when grouping by day. */
  day?: string | null;
  voters: number;
}

export interface TurnoutRow {
  /** One value per key, in the keys' order (school: the school code; class-level: "7"). */
  values: string[];
  eligible: number;
  voters: number;
  rate: number | null;
}
export interface TurnoutTotal {
  eligible: number;
  voters: number;
  rate: number | null;
}
export interface TurnoutTable {
  keys: TurnoutKey[];
  rows: TurnoutRow[];
  total: TurnoutTotal;
}

const AREA_ORDER: readonly string[] = AREAS.map((a) => a.slug);

function orderOf(key: TurnoutKey, value: string): number | string {
  switch (key) {
    case "type":
      return indexOr(SCHOOL_TYPES, value);
    case "language":
      return indexOr(SCHOOL_LANGUAGES, value);
    case "area":
      return indexOr(AREA_ORDER, value);
    case "class-level":
      return Number(value);
    case "method":
      return indexOr(VOTING_METHODS, value);
    default:
      return value;
  }
}

function indexOr(list: readonly string[], value: string): number {
  const i = list.indexOf(value);
  return i < 0 ? list.length : i;
}

function compareValues(keys: readonly TurnoutKey[], a: readonly string[], b: readonly string[]): number {
  for (const [i, key] of keys.entries()) {
    const x = orderOf(key, a[i] ?? "");
    const y = orderOf(key, b[i] ?? "");
    if (x < y) return -1;
    if (x > y) return 1;
    if (typeof x === "number" && x === y && (a[i] ?? "") !== (b[i] ?? "")) return (a[i] ?? "") < (b[i] ?? "") ? -1 : 1;
  }
  return 0;
}

/** The days from `start` to `end` inclusive (YYYY-MM-DD). */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  if (!start || !end || start > end) return days;
  for (let d = new Date(`${start}T12:00:00Z`); d.toISOString().slice(0, 10) <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
    if (days.length > 1000) break;
  }
  return days;
}

export interface AggregateInput {
  keys: readonly TurnoutKey[];
  schools: readonly TurnoutSchool[];
  enrolment: readonly EnrolmentCount[];
  voters: readonly VoterCount[];
  /** The days to show even without votes (the voting days so far); days with votes are added. */
  days?: readonly string[];
}

/**
 * Groups enrolment and voter counts by `keys`. Every combination of enrolment-key values that has
 * enrolment or voters is a row; with `method` or `day` among the keys, each such combination is
 * crossed with every method (online, paper) and every day, so that days without votes show 0.
 */
export function aggregateTurnout(input: AggregateInput): TurnoutTable {
  const keys = [...input.keys];
  const schools = new Map(input.schools.map((s) => [s.id, s]));
  const enrolmentKeyIndexes = keys.flatMap((k, i) => (ENROLMENT_KEYS.includes(k) ? [i] : []));
  const voterKeyIndexes = keys.flatMap((k, i) => (ENROLMENT_KEYS.includes(k) ? [] : [i]));

  const valueOf = (key: TurnoutKey, c: { schoolId: string; classLevel: number; method?: string; day?: string | null }): string => {
    const school = schools.get(c.schoolId);
    switch (key) {
      case "type":
        return school?.type ?? "";
      case "language":
        return school?.language ?? "";
      case "school":
        return school?.code ?? "";
      case "area":
        return school?.area ?? "";
      case "class-level":
        return String(c.classLevel);
      case "method":
        return c.method ?? "";
      case "day":
        return c.day ?? "";
    }
  };
  const enrolmentPart = (c: { schoolId: string; classLevel: number }) => enrolmentKeyIndexes.map((i) => valueOf(keys[i] as TurnoutKey, c));

  // Eligible by the enrolment keys only.
  const eligibleBy = new Map<string, { values: string[]; eligible: number }>();
  let totalEligible = 0;
  for (const e of input.enrolment) {
    totalEligible += e.eligible;
    const part = enrolmentPart(e);
    const id = JSON.stringify(part);
    const group = eligibleBy.get(id) ?? { values: part, eligible: 0 };
    group.eligible += e.eligible;
    eligibleBy.set(id, group);
  }

  // Voters by all keys.
  const votersBy = new Map<string, number>();
  const methods = new Set<string>(VOTING_METHODS);
  const days = new Set<string>(input.days ?? []);
  let totalVoters = 0;
  for (const v of input.voters) {
    totalVoters += v.voters;
    if (v.voters === 0) continue;
    methods.add(v.method);
    if (v.day) days.add(v.day);
    const part = enrolmentPart(v);
    const id = JSON.stringify(part);
    if (!eligibleBy.has(id)) eligibleBy.set(id, { values: part, eligible: 0 });
    const full = JSON.stringify(keys.map((k) => valueOf(k, v)));
    votersBy.set(full, (votersBy.get(full) ?? 0) + v.voters);
  }

  // The voter-key values to cross every enrolment group with.
  const valueLists = voterKeyIndexes.map((i) => (keys[i] === "method" ? [...methods] : [...days].sort()));
  const combos: string[][] = valueLists.reduce<string[][]>((acc, list) => acc.flatMap((c) => list.map((v) => [...c, v])), [[]]);

  const rows: TurnoutRow[] = [];
  for (const group of eligibleBy.values()) {
    for (const combo of combos) {
      const values: string[] = new Array<string>(keys.length).fill("");
      enrolmentKeyIndexes.forEach((i, j) => (values[i] = group.values[j] ?? ""));
      voterKeyIndexes.forEach((i, j) => (values[i] = combo[j] ?? ""));
      const voters = votersBy.get(JSON.stringify(values)) ?? 0;
      rows.push({ values, eligible: group.eligible, voters, rate: participationRate(voters, group.eligible) });
    }
  }
  rows.sort((a, b) => compareValues(keys, a.values, b.values));
  return { keys, rows, total: { eligible: totalEligible, voters: totalVoters, rate: participationRate(totalVoters, totalEligible) } };
}

// ---- public suppression -------------------------------------------------------------------------

/** How a suppressed voter count is shown: "<5" when it is below 5, otherwise "suppressed". */
export type SuppressionMark = "<5" | "suppressed";

export interface PublishedRow {
  values: string[];
  /** Enrolment is public statistics: always shown. */
  eligible: number;
  /** null when suppressed. */
  voters: number | null;
  rate: number | null;
  suppressed: SuppressionMark | null;
}
export interface PublishedTotal {
  eligible: number;
  voters: number | null;
  rate: number | null;
  suppressed: SuppressionMark | null;
}
export interface PublishedTable {
  keys: TurnoutKey[];
  /** true: small cells suppressed (public); false: exact figures (coordinators). */
  public: boolean;
  rows: PublishedRow[];
  total: PublishedTotal;
}

/** The exact table in the published shape (nothing suppressed). */
export function exactTable(table: TurnoutTable): PublishedTable {
  return {
    keys: table.keys,
    public: false,
    rows: table.rows.map((r) => ({ ...r, suppressed: null })),
    total: { ...table.total, suppressed: null },
  };
}

function isSmall(voters: number, eligible: number): boolean {
  return voters < MIN_PUBLIC_VOTERS || eligible < MIN_PUBLIC_ELIGIBLE;
}

/**
 * The public version of a turnout table. Eligible counts are always shown; voter counts and rates
 * of small cells are suppressed.
 *
 * 1. Primary suppression: a row with fewer than 5 voters or fewer than 10 eligible ("<5" when it
 *    has fewer than 5 voters, otherwise "suppressed"). The total row too, when it is that small.
 * 2. Secondary suppression, so that no suppressed count can be worked out by subtraction. What a
 *    reader knows: every shown count; a bound for each hidden one (0 ≤ voters ≤ eligible, and ≤ 4
 *    when shown as "<5"); the total row; and the sums over each sub-grouping of the table's keys,
 *    which the coarser tables publish (a `type,day` table adds up, per type, to the `type` table and,
 *    per day, to the `day` table). Every subset of the keys is thus a "margin" that splits the rows
 *    into groups of known sum (the empty subset is the total row).
 *    From these, each hidden count's possible range [lo, hi] is narrowed the way a reader would
 *    subtract: in every group of known sum s, lo_i ≥ s − Σ_{j≠i} hi_j and hi_i ≤ s − Σ_{j≠i} lo_j,
 *    repeated over all groups until nothing changes. A hidden row whose range closes to one value
 *    (lo = hi) is given away — "exactly one hidden cell in a group", but also "two hidden cells whose
 *    sum is 0" or chains across margins. For each such row (with an upper bound above 0: a row nobody
 *    is enrolled in and nobody voted in hides nobody), the shown row with the fewest voters (ties:
 *    the first in table order) in its finest group that still has a shown row is suppressed as well
 *    ("suppressed"); when only the total group is left, the total row is suppressed. Then the ranges
 *    are computed again, until no hidden row is given away. It ends: each round hides at least one
 *    more cell, or gives up on a row no cell of this table can protect (see below).
 *
 * Limits (docs/decisions/005): range narrowing is what subtraction finds; a reader solving the whole
 * integer system could in rare cases narrow further (the unit tests brute-force small tables). A
 * margin group of one row cannot be protected from inside this table (the coarser table hides it when
 * it is small), and groupings by a school's attributes (a `school` table against the `type` table)
 * are not margins here.
 */
export function suppressTable(table: TurnoutTable): PublishedTable {
  const rows = table.rows;
  const mark: Array<SuppressionMark | null> = rows.map((r) => (isSmall(r.voters, r.eligible) ? (r.voters < MIN_PUBLIC_VOTERS ? "<5" : "suppressed") : null));
  let totalSuppressed = isSmall(table.total.voters, table.total.eligible);

  const bound = (i: number): number => {
    const r = rows[i] as TurnoutRow;
    const u = mark[i] === "<5" ? Math.min(MIN_PUBLIC_VOTERS - 1, r.eligible) : r.eligible;
    return Math.max(u, r.voters);
  };

  // Margins: every proper subset of the key positions (a bitmask); 0 is the total row. Groups are
  // listed finest margin first, so a row's groups come in that order.
  const k = table.keys.length;
  const masks = Array.from({ length: (1 << k) - 1 }, (_, m) => m).sort((a, b) => popcount(b) - popcount(a));
  const groups: Array<{ margin: number; members: number[]; sum: number }> = [];
  const groupsOfRow: number[][] = rows.map(() => []);
  for (const mask of masks) {
    const byValue = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const id = JSON.stringify(r.values.filter((_, j) => mask & (1 << j)));
      const list = byValue.get(id) ?? [];
      list.push(i);
      byValue.set(id, list);
    });
    for (const members of byValue.values()) {
      const g = groups.length;
      groups.push({ margin: mask, members, sum: members.reduce((s, i) => s + (rows[i] as TurnoutRow).voters, 0) });
      for (const i of members) groupsOfRow[i]?.push(g);
    }
  }

  /** Hidden rows whose range a reader can close to one value. */
  const givenAway = (): number[] => {
    const lo = rows.map((r, i) => (mark[i] ? 0 : r.voters));
    const hi = rows.map((r, i) => (mark[i] ? bound(i) : r.voters));
    const active = groups.filter((g) => g.members.some((i) => mark[i]) && !(g.margin === 0 && totalSuppressed));
    for (let changed = true, pass = 0; changed && pass < 100; pass++) {
      changed = false;
      for (const g of active) {
        let sumLo = 0;
        let sumHi = 0;
        for (const i of g.members) {
          sumLo += lo[i] as number;
          sumHi += hi[i] as number;
        }
        for (const i of g.members) {
          if (!mark[i]) continue;
          const newLo = Math.max(lo[i] as number, g.sum - (sumHi - (hi[i] as number)));
          const newHi = Math.min(hi[i] as number, g.sum - (sumLo - (lo[i] as number)));
          if (newLo !== lo[i] || newHi !== hi[i]) {
            sumLo += newLo - (lo[i] as number);
            sumHi += newHi - (hi[i] as number);
            lo[i] = newLo;
            hi[i] = newHi;
            changed = true;
          }
        }
      }
    }
    return rows.flatMap((_, i) => (mark[i] && bound(i) > 0 && lo[i] === hi[i] ? [i] : []));
  };

  const unprotectable = new Set<number>();
  for (;;) {
    const exposed = givenAway().filter((i) => !unprotectable.has(i));
    if (!exposed.length) break;
    const toHide = new Set<number>();
    let hideTotal = false;
    for (const i of exposed) {
      let done = false;
      for (const g of groupsOfRow[i] ?? []) {
        const group = groups[g] as { margin: number; members: number[] };
        if (group.margin === 0 && totalSuppressed) continue;
        let next = -1;
        for (const j of group.members) {
          if (mark[j] !== null) continue;
          if (next < 0 || (rows[j] as TurnoutRow).voters < (rows[next] as TurnoutRow).voters) next = j;
        }
        if (next >= 0) {
          toHide.add(next);
          done = true;
          break;
        }
        if (group.margin === 0) {
          hideTotal = true;
          done = true;
          break;
        }
      }
      if (!done) unprotectable.add(i);
    }
    for (const j of toHide) mark[j] = "suppressed";
    if (hideTotal && !toHide.size) totalSuppressed = true;
  }

  return {
    keys: table.keys,
    public: true,
    rows: rows.map((r, i) => {
      const m = mark[i] ?? null;
      return { values: r.values, eligible: r.eligible, voters: m ? null : r.voters, rate: m ? null : r.rate, suppressed: m };
    }),
    total: totalSuppressed
      ? { eligible: table.total.eligible, voters: null, rate: null, suppressed: table.total.voters < MIN_PUBLIC_VOTERS ? "<5" : "suppressed" }
      : { ...table.total, suppressed: null },
  };
}

function popcount(n: number): number {
  let c = 0;
  for (let m = n; m; m &= m - 1) c++;
  return c;
}

/** The table to publish: public (suppressed) or exact. */
export function publishTable(table: TurnoutTable, isPublic: boolean): PublishedTable {
  return isPublic ? suppressTable(table) : exactTable(table);
}

/** The groupings the turnout page offers (any other `by` still works, e.g. from a bookmarked link). */
export const TURNOUT_GROUPINGS = [
  { id: "typeLanguage", keys: ["type", "language"] },
  { id: "school", keys: ["school"] },
  { id: "area", keys: ["area"] },
  { id: "classLevel", keys: ["class-level"] },
  { id: "method", keys: ["method"] },
  { id: "day", keys: ["day"] },
] as const satisfies ReadonlyArray<{ id: string; keys: readonly TurnoutKey[] }>;

export type GroupingId = (typeof TURNOUT_GROUPINGS)[number]["id"];
