// Reading the CSV files of docs/cli.md: UTF-8 (BOM accepted), comma-separated, header row,
// exactly the expected columns. Every problem names the line and the column and how to fix it.
import { parse } from "csv-parse/sync";
import type { z, ZodType } from "zod";

export interface CsvProblem {
  line: number;
  /** 1-based column number, when the problem is in one cell. */
  column?: number;
  columnName?: string;
  message: string;
}

export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly problem: CsvProblem,
  ) {
    const where = problem.column
      ? `line ${problem.line}, column ${problem.column} (${problem.columnName})`
      : `line ${problem.line}`;
    super(`${file}: ${where}: ${problem.message}`);
    this.name = "CsvError";
  }
}

export interface CsvRow<T> {
  line: number;
  value: T;
}

/**
 * Parses `text` as a CSV table with exactly `columns` (in any order), plus any of `optional` columns,
 * and validates each row with `schema`, whose keys are the column names (an optional column the file
 * lacks is missing from the row). Throws CsvError at the first problem.
 */
export interface CsvTable<T> {
  rows: CsvRow<T>[];
  /** 1-based position of a column in this file's header. */
  columnOf(name: string): number;
  /** Whether the file has this column (always true for the required ones). */
  hasColumn(name: string): boolean;
}

export function readCsvTable<T>(file: string, text: string, columns: readonly string[], schema: ZodType<T, z.ZodTypeDef, unknown>, optional: readonly string[] = []): CsvTable<T> {
  const allowed = [...columns, ...optional];
  const expected = optional.length ? `${columns.join(",")} (optionally also ${optional.join(",")})` : columns.join(",");
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false, info: true }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new CsvError(file, { line: e.lines ?? 1, message: `the file is not valid CSV (${e.message ?? "parse error"}); save it as UTF-8 CSV with commas between columns` });
  }
  const [first, ...body] = parsed;
  const header = first?.record;
  if (!header) throw new CsvError(file, { line: 1, message: `the file is empty; the first line must be the header ${columns.join(",")}` });
  const names = header.map((h) => h.trim());
  for (const [index, name] of names.entries()) {
    if (!allowed.includes(name)) {
      throw new CsvError(file, {
        line: 1,
        column: index + 1,
        columnName: name || "(empty)",
        message: `unknown column "${name}"; the columns must be exactly ${expected}`,
      });
    }
    if (names.indexOf(name) !== index) {
      throw new CsvError(file, { line: 1, column: index + 1, columnName: name, message: `column "${name}" appears twice; keep one` });
    }
  }
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new CsvError(file, { line: 1, message: `missing column(s) ${missing.join(", ")}; the header must be ${columns.join(",")}` });
  }

  // csv-parse tells the line each record ends on; OmaKoulu's files have one line per record
  // (a cell with a line break is rejected below), so that is the line to name.
  const rows: CsvRow<T>[] = [];
  body.forEach(({ record, info }) => {
    const line = info.lines;
    if (record.length !== names.length) {
      throw new CsvError(file, {
        line,
        message: `expected ${names.length} values but found ${record.length}; every line needs a value for each of ${(optional.length ? names : columns).join(",")}`,
      });
    }
    const raw: Record<string, string> = {};
    names.forEach((name, c) => {
      const cell = record[c] ?? "";
      if (/[\r\n]/.test(cell)) {
        throw new CsvError(file, { line, column: c + 1, columnName: name, message: "a value contains a line break; remove it" });
      }
      raw[name] = cell.trim();
    });
    const result = schema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const name = String(issue?.path[0] ?? "");
      const column = names.indexOf(name) + 1;
      throw new CsvError(file, {
        line,
        column: column || undefined,
        columnName: name || undefined,
        message: issue?.message ?? "invalid value",
      });
    }
    rows.push({ line, value: result.data });
  });
  return { rows, columnOf: (name) => names.indexOf(name) + 1, hasColumn: (name) => names.includes(name) };
}

/**
 * Refuses a file where two rows share a key (a school's or a project's code): the error names the
 * later line and the column, and `message(key, earlierLine, line)` says how to fix it.
 */
export function refuseRepeatedKeys<T>(
  table: CsvTable<T>,
  file: string,
  column: string,
  keyOf: (value: T) => string,
  message: (key: string, earlierLine: number, line: number) => string,
): void {
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const key = keyOf(row.value);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new CsvError(file, { line: row.line, column: table.columnOf(column), columnName: column, message: message(key, earlier, row.line) });
    }
    seen.set(key, row.line);
  }
}
