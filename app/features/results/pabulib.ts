// Pabulib (.pb) files: a parser and a streaming writer, in plain TypeScript (no Remix, no Prisma).
//
// Format (pabulib.org): three sections, META, PROJECTS and VOTES, each a line with the section name
// followed by a header row and data rows, fields separated by `;`. Fields may be quoted with `"`
// (a quoted field may hold `;`, line breaks and doubled quotes `""`). Lines end in LF or CRLF; a
// UTF-8 byte-order mark is ignored. Numbers may use a decimal comma ("12,5"). A malformed file
// throws a PabulibError whose message names the line: `line 57: vote for unknown project "X"`.
import type { TallyBallot, TallyElection, TallyProject, VoteType } from "./rules";

export const VOTE_TYPES: readonly VoteType[] = ["approval", "choose-1", "cumulative", "ordinal", "scoring"];

export class PabulibError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "PabulibError";
  }
}

export interface PbProject extends TallyProject {
  readonly id: string;
  /** In the election's smallest money unit (see PbElection.moneyScale). */
  readonly cost: bigint;
  /** Every column of the row as written, by header name. */
  readonly fields: Readonly<Record<string, string>>;
  readonly line: number;
}

export interface PbVote extends TallyBallot {
  readonly voterId: string;
  readonly projects: readonly string[];
  readonly points?: readonly number[] | undefined;
  readonly fields: Readonly<Record<string, string>>;
  readonly line: number;
}

export interface PbElection extends TallyElection {
  /** META in file order. */
  readonly meta: ReadonlyMap<string, string>;
  /** The line of each META key. */
  readonly metaLines: ReadonlyMap<string, number>;
  readonly voteType: VoteType;
  /** META `rule`, if any. */
  readonly rule: string | undefined;
  /** The budget in the smallest money unit: money values are scaled by 10^moneyScale. */
  readonly budget: bigint;
  /** Decimal places kept for money (the most any cost or the budget uses). */
  readonly moneyScale: number;
  /** 10n ** moneyScale: one currency unit. */
  readonly currencyUnit: bigint;
  readonly minProjectScoreThreshold: number | undefined;
  readonly projectColumns: readonly string[];
  readonly projects: readonly PbProject[];
  readonly voteColumns: readonly string[];
  readonly votes: readonly PbVote[];
  /** What the parser accepted but changed (e.g. a project listed twice in one vote), in file order. */
  readonly warnings: readonly PabulibWarning[];
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Something the parser accepted but changed, e.g. a project listed twice in one vote. */
export interface PabulibWarning {
  readonly line: number;
  readonly message: string;
}

export interface PabulibReadOptions {
  /** Called for each warning as it is found (they are also in PbElection.warnings). */
  readonly onWarning?: ((warning: PabulibWarning) => void) | undefined;
}

/**
 * Splits text into `;`-separated rows, honouring quotes, and hands each row with its first line to
 * `row`. It is fed the text in pieces (`push`), so a file can be read as a stream without holding it
 * whole: only the unfinished last row of a piece is kept for the next one.
 */
class RowSplitter {
  /** The start of an unfinished row, kept until more text arrives. */
  private pending = "";
  /** The line of the first character of `pending`. */
  private line = 1;
  private started = false;

  /** `row` gets the fields, the row's first line and, for a one-line row without quotes, its text. */
  constructor(private readonly row: (fields: string[], line: number, text?: string) => void) {}

  push(chunk: string): void {
    if (!this.started && chunk !== "") {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = this.pending === "" ? chunk : this.pending + chunk;
    // Whole lines only: a row that is cut by the end of a piece can only be one inside quotes.
    const limit = text.lastIndexOf("\n") + 1;
    if (limit === 0) {
      this.pending = text;
      return;
    }
    const done = this.split(text, limit, false);
    this.pending = done < text.length ? text.slice(done) : "";
  }

  end(): void {
    const text = this.pending;
    this.pending = "";
    this.split(text, text.length, true);
  }

  /**
   * Reads the rows of text[0, n) (n is just after a line feed, or the end of the text when `final`)
   * and returns where the first unfinished row starts (n if none).
   */
  private split(text: string, n: number, final: boolean): number {
    let i = 0;
    let line = this.line;
    while (i < n) {
      const rowStart = i;
      const start = line;
      // The common row: one line without quotes, split by the engine.
      if (text.charCodeAt(i) !== 34) {
        const lf = text.indexOf("\n", i);
        const lineEnd = lf < 0 || lf >= n ? n : lf;
        let end = lineEnd;
        // A CR ends the line only before the LF (or at the very end of the text).
        if (end > i && text.charCodeAt(end - 1) === 13 && (end < n || final)) end--;
        const lineText = text.slice(i, end);
        if (!lineText.includes('"')) {
          this.row(lineText.split(";"), start, lineText);
          i = lineEnd < n ? lineEnd + 1 : n;
          if (lineEnd < n) line++;
          continue;
        }
      }
      const fields: string[] = [];
      for (;;) {
        // One field.
        if (text.charCodeAt(i) === 34 /* " */) {
          let value = "";
          let from = i + 1;
          for (;;) {
            const q = text.indexOf('"', from);
            if (q < 0 || q >= n) {
              if (!final) {
                this.line = start;
                return rowStart;
              }
              throw new PabulibError(start, "a quoted field is never closed (missing closing \")");
            }
            const chunk = text.slice(from, q);
            for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) line++;
            value += chunk;
            if (text.charCodeAt(q + 1) === 34 && q + 1 < n) {
              value += '"';
              from = q + 2;
            } else {
              i = q + 1;
              break;
            }
          }
          fields.push(value);
          const c = text.charCodeAt(i);
          if (i < n && c !== 59 && c !== 10 && !(c === 13 && text.charCodeAt(i + 1) === 10)) {
            const rest = text.slice(i, Math.min(n, i + 40)).split(/\r?\n/)[0]!;
            throw new PabulibError(line, `unexpected text after a closing quote: ${JSON.stringify(rest)}`);
          }
        } else {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === 59 || c === 10 || (c === 13 && (j + 1 === n || text.charCodeAt(j + 1) === 10))) break;
            j++;
          }
          fields.push(text.slice(i, j));
          i = j;
        }
        // After a field: `;`, end of line or end of text.
        if (i >= n) break;
        const c = text.charCodeAt(i);
        if (c === 59) {
          i++;
          continue;
        }
        i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
        break;
      }
      this.row(fields, start);
    }
    this.line = line;
    return n;
  }
}

interface Row {
  fields: string[];
  line: number;
  /** The row's text when it is one line without quotes (then `fields` is text.split(";")). */
  text?: string | undefined;
}

function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f !== "" && f.trim() !== "") return false;
  return true;
}

const SECTIONS = ["META", "PROJECTS", "VOTES"] as const;
type Section = (typeof SECTIONS)[number];

function sectionName(row: Row): Section | null {
  const nonEmpty = row.fields.filter((f) => f.trim() !== "");
  if (nonEmpty.length !== 1 || row.fields[0]!.trim() !== nonEmpty[0]!.trim()) return null;
  const name = nonEmpty[0]!.trim();
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : null;
}

/** A decimal number with `.` or `,` as the decimal mark, as digits and a count of decimals. */
function parseDecimal(raw: string): { digits: bigint; scale: number } | null {
  const m = /^([+-]?)(\d+)(?:[.,](\d+))?$/.exec(raw.trim());
  if (!m) return null;
  const frac = m[3] ?? "";
  const digits = BigInt(`${m[2]}${frac}`);
  return { digits: m[1] === "-" ? -digits : digits, scale: frac.length };
}

function parseWhole(raw: string): number | null {
  const t = raw.trim();
  if (!/^[+-]?\d+$/.test(t)) return null;
  const v = Number(t);
  return Number.isSafeInteger(v) ? v : null;
}

/** Fields of a data row, checking the count against the header (empty fields past its end are dropped). */
function checkedCells(section: Section, header: readonly string[], row: Row): string[] {
  let fields = row.fields;
  if (fields.length > header.length && fields.slice(header.length).every((f) => f.trim() === "")) {
    fields = fields.slice(0, header.length);
  }
  if (fields.length !== header.length) {
    throw new PabulibError(row.line, `${section} row has ${fields.length} fields but the header has ${header.length}; quote a value that contains ";"`);
  }
  return fields;
}

/** Fields of a data row as a record by header name. */
function toRecord(header: readonly string[], fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  header.forEach((name, k) => (out[name] = fields[k]!));
  return out;
}

/** Fields of a data row as a record, checking the count against the header. */
function record(section: Section, header: readonly string[], row: Row): Record<string, string> {
  return toRecord(header, checkedCells(section, header, row));
}

/**
 * A vote as read. Its `fields` record is made when first asked for (tallying never needs it), from
 * the row's cells or, for a one-line row without quotes, from its text split again.
 */
class Vote implements PbVote {
  private record: Readonly<Record<string, string>> | undefined;
  constructor(
    readonly voterId: string,
    readonly projects: readonly string[],
    readonly points: readonly number[] | undefined,
    private readonly source: string | readonly string[],
    private readonly columns: readonly string[],
    readonly line: number,
  ) {}

  get fields(): Readonly<Record<string, string>> {
    return (this.record ??= toRecord(this.columns, typeof this.source === "string" ? this.source.split(";") : this.source));
  }
}

function headerOf(section: Section, row: Row, required: readonly string[]): string[] {
  const header = row.fields.map((f) => f.trim());
  while (header.length > 1 && header[header.length - 1] === "") header.pop();
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") throw new PabulibError(row.line, `${section} header has an empty column name`);
    if (seen.has(name)) throw new PabulibError(row.line, `${section} header names column "${name}" twice`);
    seen.add(name);
  }
  for (const name of required) {
    if (!seen.has(name)) throw new PabulibError(row.line, `${section} header needs a "${name}" column (found: ${header.join(";")})`);
  }
  return header;
}

/** Parses a Pabulib file. Throws PabulibError (with the line number) on anything malformed. */
export function parsePabulib(text: string, options: PabulibReadOptions = {}): PbElection {
  const parser = pabulibParser(options);
  parser.push(text);
  return parser.end();
}

/** A Pabulib parser fed the text in pieces, e.g. from a file stream: push each, then end(). */
export interface PabulibParser {
  push(chunk: string): void;
  end(): PbElection;
}

/**
 * Parses a Pabulib file given in pieces (`push`), keeping the votes it has read but not the text.
 * Throws PabulibError (with the line number) on anything malformed, from `push` or `end`.
 */
export function pabulibParser(options: PabulibReadOptions = {}): PabulibParser {
  const meta = new Map<string, string>();
  const metaLines = new Map<string, number>();
  const rawProjects: { id: string; cost: { digits: bigint; scale: number }; fields: Record<string, string>; line: number }[] = [];
  const projectLines = new Map<string, number>();
  const projectIndex = new Map<string, number>();
  const projectIds: string[] = [];
  /** Per project index: the number of the last vote that listed it. */
  const seenIn: number[] = [];
  let voterColumn = 0;
  let voteColumn = 0;
  let pointsColumn = -1;
  const votes: PbVote[] = [];
  const voterLines = new Map<string, number>();
  let projectColumns: string[] = [];
  let voteColumns: string[] = [];
  let voteType = "approval" as VoteType;

  let section: Section | null = null;
  let header: string[] | null = null;
  let lastLine = 0;
  const sectionLine = new Map<Section, number>();

  const warnings: PabulibWarning[] = [];
  const warn = (line: number, message: string) => {
    const warning = { line, message };
    warnings.push(warning);
    options.onWarning?.(warning);
  };
  const splitter = new RowSplitter((fields, line, text) => onRow({ fields, line, text }));
  return { push: (chunk) => splitter.push(chunk), end };

  function onRow(row: Row) {
    lastLine = row.line;
    if (isBlank(row.fields)) return; // blank line
    const name = (SECTIONS as readonly string[]).includes(row.fields[0]!.trim()) ? sectionName(row) : null;
    if (name) {
      const expected: Section | undefined = SECTIONS[section === null ? 0 : SECTIONS.indexOf(section) + 1];
      if (name !== expected) {
        throw new PabulibError(row.line, expected ? `expected the ${expected} section here, found ${name}` : `unexpected ${name} section after VOTES`);
      }
      if (section === "META") finishMeta();
      if (section === "PROJECTS" && header === null) throw new PabulibError(row.line, "PROJECTS section has no header row");
      section = name;
      header = null;
      sectionLine.set(name, row.line);
      return;
    }
    if (section === null) throw new PabulibError(row.line, "a Pabulib file starts with a META line");
    if (header === null) {
      if (section === "META") {
        header = headerOf("META", row, []);
        if (header.length !== 2 || header[0] !== "key" || header[1] !== "value") {
          throw new PabulibError(row.line, `META header must be "key;value", found "${row.fields.join(";")}"`);
        }
      } else if (section === "PROJECTS") {
        header = projectColumns = headerOf("PROJECTS", row, ["project_id", "cost"]);
      } else {
        const required = voteType === "cumulative" || voteType === "scoring" ? ["voter_id", "vote", "points"] : ["voter_id", "vote"];
        header = voteColumns = headerOf("VOTES", row, required);
        voterColumn = header.indexOf("voter_id");
        voteColumn = header.indexOf("vote");
        pointsColumn = header.indexOf("points");
      }
      return;
    }
    if (section === "META") readMeta(row);
    else if (section === "PROJECTS") readProject(row, header);
    else readVote(row, header);
  }


  function end(): PbElection {
    splitter.end();
    if (!sectionLine.has("META")) throw new PabulibError(1, "a Pabulib file starts with a META line");
    if (!sectionLine.has("PROJECTS")) throw new PabulibError(lastLine, "the file ends before the PROJECTS section");
    if (!sectionLine.has("VOTES")) throw new PabulibError(lastLine, "the file ends before the VOTES section");
    if (section === "VOTES" && header === null) throw new PabulibError(lastLine, "VOTES section has no header row");

    checkCount("num_projects", rawProjects.length);
    checkCount("num_votes", votes.length);

    // Money: one scale for the budget and every cost, so sums and comparisons are integer arithmetic.
    const budgetRaw = meta.get("budget")!;
    const budgetDec = parseDecimal(budgetRaw)!;
    const moneyScale = Math.max(budgetDec.scale, ...rawProjects.map((p) => p.cost.scale));
    const scale = (d: { digits: bigint; scale: number }) => d.digits * 10n ** BigInt(moneyScale - d.scale);
    const projects: PbProject[] = rawProjects.map((p) => ({ id: p.id, cost: scale(p.cost), fields: p.fields, line: p.line }));

    const thresholdRaw = meta.get("min_project_score_threshold");
    let minProjectScoreThreshold: number | undefined;
    if (thresholdRaw !== undefined && thresholdRaw.trim() !== "") {
      const t = parseDecimal(thresholdRaw);
      if (!t) throw new PabulibError(metaLines.get("min_project_score_threshold")!, `min_project_score_threshold "${thresholdRaw}" is not a number`);
      minProjectScoreThreshold = Number(t.digits) / 10 ** t.scale;
    }

    return {
      meta,
      metaLines,
      voteType,
      rule: meta.get("rule")?.trim() || undefined,
      budget: scale(budgetDec),
      moneyScale,
      currencyUnit: 10n ** BigInt(moneyScale),
      minProjectScoreThreshold,
      projectColumns,
      projects,
      voteColumns,
      votes,
      warnings,
    };
  }

  function readMeta(row: Row) {
    const fields = row.fields.length > 2 && row.fields.slice(2).every((f) => f.trim() === "") ? row.fields.slice(0, 2) : row.fields;
    if (fields.length < 2 || fields[0]!.trim() === "") throw new PabulibError(row.line, "META row needs a key and a value");
    if (fields.length > 2) throw new PabulibError(row.line, `META row has ${fields.length} fields; quote a value that contains ";"`);
    const key = fields[0]!.trim();
    if (meta.has(key)) throw new PabulibError(row.line, `META key "${key}" appears twice (first on line ${metaLines.get(key)})`);
    meta.set(key, fields[1]!);
    metaLines.set(key, row.line);
  }

  function finishMeta() {
    const at = sectionLine.get("META")!;
    const budget = meta.get("budget");
    if (budget === undefined) throw new PabulibError(at, "META has no budget");
    const b = parseDecimal(budget);
    if (!b || b.digits < 0n) throw new PabulibError(metaLines.get("budget")!, `budget "${budget}" is not a non-negative number`);
    const type = meta.get("vote_type")?.trim();
    if (type !== undefined) {
      if (!(VOTE_TYPES as readonly string[]).includes(type)) {
        throw new PabulibError(metaLines.get("vote_type")!, `vote_type "${type}" is not one of ${VOTE_TYPES.join(", ")}`);
      }
      voteType = type as VoteType;
    }
  }

  function checkCount(key: string, actual: number) {
    const raw = meta.get(key);
    if (raw === undefined || raw.trim() === "") return;
    const declared = parseWhole(raw);
    if (declared === null) throw new PabulibError(metaLines.get(key)!, `${key} "${raw}" is not a whole number`);
    if (declared !== actual) throw new PabulibError(metaLines.get(key)!, `${key} is ${declared} but the file has ${actual}`);
  }

  function readProject(row: Row, columns: readonly string[]) {
    const fields = record("PROJECTS", columns, row);
    const id = fields.project_id!.trim();
    if (id === "") throw new PabulibError(row.line, "project_id is empty");
    if (id.includes(",")) throw new PabulibError(row.line, `project_id "${id}" contains a comma (votes list projects separated by commas)`);
    const first = projectLines.get(id);
    if (first !== undefined) throw new PabulibError(row.line, `project "${id}" appears twice (first on line ${first})`);
    const cost = parseDecimal(fields.cost!);
    if (!cost || cost.digits < 0n) throw new PabulibError(row.line, `cost "${fields.cost}" of project "${id}" is not a non-negative number`);
    projectLines.set(id, row.line);
    projectIndex.set(id, rawProjects.length);
    projectIds.push(id);
    seenIn.push(0);
    rawProjects.push({ id, cost, fields, line: row.line });
  }

  function readVote(row: Row, columns: readonly string[]) {
    let cells = row.fields;
    if (cells.length !== columns.length) cells = checkedCells("VOTES", columns, row);
    const voterId = cells[voterColumn]!.trim();
    if (voterId === "") throw new PabulibError(row.line, "voter_id is empty");
    const first = voterLines.get(voterId);
    if (first !== undefined) throw new PabulibError(row.line, `voter "${voterId}" appears twice (first on line ${first})`);
    voterLines.set(voterId, row.line);
    const raw = cells[voteColumn]!.trim();
    const listed = raw === "" ? [] : raw.split(",");
    // Each project id is looked up once; a project met twice in this vote has seenIn === this vote.
    const voteNumber = votes.length + 1;
    let repeated = false;
    for (let k = 0; k < listed.length; k++) {
      const id = (listed[k] = listed[k]!.trim());
      if (id === "") throw new PabulibError(row.line, `vote "${raw}" has an empty project id`);
      const known = projectIndex.get(id);
      if (known === undefined) throw new PabulibError(row.line, `vote for unknown project "${id}"`);
      if (seenIn[known] === voteNumber) repeated = true;
      seenIn[known] = voteNumber;
      listed[k] = projectIds[known]!; // the project's own string: the one just split off dies young
    }
    const usesPoints = voteType === "cumulative" || voteType === "scoring";
    let listedPoints: number[] | undefined;
    if (usesPoints) {
      const rawPoints = cells[pointsColumn]!.trim();
      const list = rawPoints === "" ? [] : rawPoints.split(",");
      if (list.length !== listed.length) {
        throw new PabulibError(row.line, `${list.length} points for ${listed.length} projects (points "${rawPoints}", vote "${raw}")`);
      }
      listedPoints = list.map((p) => {
        const v = parseWhole(p);
        if (v === null) throw new PabulibError(row.line, `points "${p.trim()}" is not a whole number`);
        if (voteType === "cumulative" && v < 0) throw new PabulibError(row.line, `cumulative points cannot be negative ("${p.trim()}")`);
        return v;
      });
    }
    // A project listed twice in one vote (real files have some) counts once: for approval and
    // choose-1 votes it is simply one approval; an ordinal vote keeps its first (best) rank; a
    // cumulative vote gives it the sum of its points (the voter did hand out all of them); a scoring
    // vote with two scores for one project has no clear meaning and is refused.
    let chosen = listed;
    let points = listedPoints;
    if (repeated) {
      const at = new Map<string, number>();
      chosen = [];
      points = listedPoints && [];
      listed.forEach((id, k) => {
        const first = at.get(id);
        if (first === undefined) {
          at.set(id, chosen.length);
          chosen.push(id);
          points?.push(listedPoints![k]!);
          return;
        }
        if (voteType === "scoring") {
          throw new PabulibError(row.line, `project "${id}" is listed twice in one vote, with scores ${points![first]} and ${listedPoints![k]}`);
        }
        if (voteType === "cumulative") {
          const before = points![first]!;
          points![first] = before + listedPoints![k]!;
          warn(row.line, `project "${id}" listed twice in one vote; its points are added up (${before} + ${listedPoints![k]} = ${points![first]})`);
        } else if (voteType === "ordinal") {
          warn(row.line, `project "${id}" listed twice in one vote; counted once, at its first rank`);
        } else {
          warn(row.line, `project "${id}" listed twice in one vote; counted once`);
        }
      });
    }
    if (voteType === "choose-1" && chosen.length > 1) {
      throw new PabulibError(row.line, `a choose-1 vote names ${chosen.length} projects`);
    }
    // Kept for `fields`: the row's text if it has one (one string instead of an array of them).
    votes.push(new Vote(voterId, chosen, points, row.text ?? cells, columns, row.line));
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

export type PbCell = string | number | bigint | readonly (string | number | bigint)[] | null | undefined;
export type PbRow = Readonly<Record<string, PbCell>>;

export interface PbWriteInput {
  /** META entries in order; should include `budget` and `vote_type` (and usually `num_projects`, `num_votes`, `rule`). */
  readonly meta: Iterable<readonly [string, string | number | bigint]> | Readonly<Record<string, string | number | bigint>>;
  /** Default: project_id, cost, then the other keys of the rows in first-seen order. */
  readonly projectColumns?: readonly string[];
  readonly projects: readonly PbRow[];
  /** Default: voter_id, vote (and points for cumulative/scoring). Must be given to stream extra columns. */
  readonly voteColumns?: readonly string[];
  /** Each vote: `voter_id`, `vote` (a list of project ids), maybe `points` (a list) and other columns. */
  readonly votes: Iterable<PbRow> | AsyncIterable<PbRow>;
}

function cellText(value: PbCell): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(String).join(",");
  return String(value);
}

/** One field, quoted when it holds `;`, a quote, a line break or edge whitespace. */
export function quoteField(value: string): string {
  return /[;"\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function line(fields: readonly string[]): string {
  return `${fields.map(quoteField).join(";")}\n`;
}

function metaEntries(meta: PbWriteInput["meta"]): [string, string][] {
  const entries = Symbol.iterator in meta ? [...(meta as Iterable<readonly [string, string | number | bigint]>)] : Object.entries(meta);
  return entries.map(([k, v]) => [k, String(v)]);
}

function writerHead(input: PbWriteInput): { head: string[]; voteColumns: readonly string[]; projectIds: Set<string> } {
  const meta = metaEntries(input.meta);
  const keys = new Set<string>();
  for (const [k] of meta) {
    if (k.trim() === "" || k !== k.trim()) throw new Error(`META key "${k}" must be non-empty without edge spaces`);
    if (keys.has(k)) throw new Error(`META key "${k}" given twice`);
    keys.add(k);
  }
  if (!keys.has("budget")) throw new Error("META needs a budget");
  const voteType = meta.find(([k]) => k === "vote_type")?.[1] ?? "approval";
  const projectColumns = input.projectColumns ?? [
    ...new Set(["project_id", "cost", ...input.projects.flatMap((p) => Object.keys(p))]),
  ];
  for (const required of ["project_id", "cost"]) {
    if (!projectColumns.includes(required)) throw new Error(`PROJECTS columns need "${required}"`);
  }
  const usesPoints = voteType === "cumulative" || voteType === "scoring";
  const voteColumns = input.voteColumns ?? (usesPoints ? ["voter_id", "vote", "points"] : ["voter_id", "vote"]);
  for (const required of usesPoints ? ["voter_id", "vote", "points"] : ["voter_id", "vote"]) {
    if (!voteColumns.includes(required)) throw new Error(`VOTES columns need "${required}"`);
  }
  const head = ["META\n", line(["key", "value"])];
  for (const [k, v] of meta) head.push(line([k, v]));
  head.push("PROJECTS\n", line(projectColumns));
  const projectIds = new Set<string>();
  for (const p of input.projects) {
    const id = cellText(p.project_id);
    if (id === "" || id.includes(",") || id !== id.trim()) throw new Error(`project_id "${id}" must be non-empty, without commas or edge spaces`);
    if (projectIds.has(id)) throw new Error(`project "${id}" given twice`);
    projectIds.add(id);
    head.push(line(projectColumns.map((c) => cellText(p[c]))));
  }
  head.push("VOTES\n", line(voteColumns));
  return { head, voteColumns, projectIds };
}

function voteLine(vote: PbRow, columns: readonly string[], projectIds: ReadonlySet<string>): string {
  const ids = vote.vote;
  const list = Array.isArray(ids) ? ids.map(String) : cellText(ids) === "" ? [] : cellText(ids).split(",");
  for (const id of list) if (!projectIds.has(id)) throw new Error(`vote of voter "${cellText(vote.voter_id)}" for unknown project "${id}"`);
  return line(columns.map((c) => cellText(vote[c])));
}

/**
 * Writes a Pabulib file as lines (each ending in "\n"), pulling votes one at a time from a sync or
 * async iterable, so that a large round can be exported without holding every ballot in memory.
 */
export async function* writePabulib(input: PbWriteInput): AsyncGenerator<string> {
  const { head, voteColumns, projectIds } = writerHead(input);
  yield* head;
  for await (const vote of input.votes) yield voteLine(vote, voteColumns, projectIds);
}

/** The same as writePabulib for a synchronous iterable of votes. */
export function* writePabulibSync(input: PbWriteInput & { readonly votes: Iterable<PbRow> }): Generator<string> {
  const { head, voteColumns, projectIds } = writerHead(input);
  yield* head;
  for (const vote of input.votes) yield voteLine(vote, voteColumns, projectIds);
}

/** A parsed election back as writer input (e.g. to re-export it). */
export function electionToWriteInput(election: PbElection): PbWriteInput & { votes: PbRow[] } {
  return {
    meta: [...election.meta],
    projectColumns: election.projectColumns,
    projects: election.projects.map((p) => p.fields),
    voteColumns: election.voteColumns,
    votes: election.votes.map((v) => v.fields),
  };
}
