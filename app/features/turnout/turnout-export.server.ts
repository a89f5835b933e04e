// Turnout files (docs/cli.md `turnout`; the same files download from /turnout/export).
//
// CSV: UTF-8 with a byte-order mark, comma-separated, "\r\n" line ends; header = the keys, then
//   eligible,voters,participation_rate; one row per group; a final row whose first key column is
//   `total` (the other key columns empty). Rates in percent with one decimal and "." as decimal mark.
//   A suppressed voter count is "<5" (fewer than 5 voters) or "suppressed" (hidden so that another
//   cell cannot be worked out); its rate is then "suppressed". A rate with nobody eligible is empty.
//   The comma and "." are the contract scripts depend on; Excel with a Finnish locale expects ";" and
//   ",", so the CSV is opened there with Data → From Text/CSV (the BOM makes it pick UTF-8), or the
//   XLSX file is used instead (docs/decisions/005-turnout-and-suppression.md).
// JSON: {"round": slug, "by": [keys], "public": bool, "exact": bool, "generatedAt": ISO instant,
//   "rows": [{<key>: string…, "eligible": n, "voters": n|null, "participation_rate": n|null,
//   "suppressed": null|"<5"|"suppressed"}], "total": {"eligible", "voters", "participation_rate",
//   "suppressed"}}; key values are strings (school: its code; class-level: "7").
// XLSX: sheet "Turnout" with a header row and typed numeric cells (the rate formatted 0.0; a
//   suppressed value is the text "<5" / "suppressed"), the total row last; sheet "About" says whether
//   the figures are exact or public and how small cells were suppressed.
import type { PublishedTable, TurnoutKey } from "~/features/turnout/turnout";
import { csvCell, neutraliseFormula } from "~/shared/csv-write";

export const TURNOUT_FORMATS = ["csv", "json", "xlsx"] as const;
export type TurnoutFormat = (typeof TURNOUT_FORMATS)[number];

export function isTurnoutFormat(value: unknown): value is TurnoutFormat {
  return typeof value === "string" && (TURNOUT_FORMATS as readonly string[]).includes(value);
}

export interface TurnoutExport {
  round: string;
  table: PublishedTable;
  generatedAt: Date;
}

export const SUPPRESSED_RATE = "suppressed";

function rateText(rate: number | null): string {
  return rate === null ? "" : rate.toFixed(1);
}

export function turnoutCsv({ table }: TurnoutExport): string {
  const lines: string[][] = [[...table.keys, "eligible", "voters", "participation_rate"]];
  for (const r of table.rows) {
    lines.push([
      ...r.values,
      String(r.eligible),
      r.suppressed ?? String(r.voters ?? ""),
      r.suppressed ? SUPPRESSED_RATE : rateText(r.rate),
    ]);
  }
  const t = table.total;
  const totalKeys = table.keys.map((_, i) => (i === 0 ? "total" : ""));
  lines.push([...totalKeys, String(t.eligible), t.suppressed ?? String(t.voters ?? ""), t.suppressed ? SUPPRESSED_RATE : rateText(t.rate)]);
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

export function turnoutJsonValue({ round, table, generatedAt }: TurnoutExport) {
  return {
    round,
    by: table.keys,
    public: table.public,
    exact: !table.public,
    generatedAt: generatedAt.toISOString(),
    rows: table.rows.map((r) => ({
      ...Object.fromEntries(table.keys.map((k, i) => [k, r.values[i] ?? ""])),
      eligible: r.eligible,
      voters: r.voters,
      participation_rate: r.rate,
      suppressed: r.suppressed,
    })),
    total: { eligible: table.total.eligible, voters: table.total.voters, participation_rate: table.total.rate, suppressed: table.total.suppressed },
  };
}

export function turnoutJson(file: TurnoutExport): string {
  return `${JSON.stringify(turnoutJsonValue(file), null, 2)}\n`;
}

const NUMERIC_KEYS: readonly TurnoutKey[] = ["class-level"];

export async function turnoutXlsx({ round, table, generatedAt }: TurnoutExport): Promise<Buffer> {
  // exceljs is large (~30 MB in memory): loaded only when someone asks for a spreadsheet.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "OmaKoulu";
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet("Turnout", { views: [{ state: "frozen", ySplit: 1 }] });
  const header = [...table.keys, "eligible", "voters", "participation_rate"];
  sheet.addRow(header).font = { bold: true };
  // A text cell is never a formula (exceljs writes strings as text), and one saved again as CSV stays safe.
  const keyCell = (key: TurnoutKey, value: string): string | number =>
    NUMERIC_KEYS.includes(key) && value !== "" && Number.isFinite(Number(value)) ? Number(value) : neutraliseFormula(value);
  const addRow = (keys: Array<string | number>, eligible: number, voters: number | null, rate: number | null, suppressed: string | null) => {
    const row = sheet.addRow([...keys, eligible, suppressed ?? voters ?? "", suppressed ? SUPPRESSED_RATE : (rate ?? "")]);
    const rateCell = row.getCell(header.length);
    if (typeof rateCell.value === "number") rateCell.numFmt = "0.0";
    return row;
  };
  for (const r of table.rows) addRow(r.values.map((v, i) => keyCell(table.keys[i] as TurnoutKey, v)), r.eligible, r.voters, r.rate, r.suppressed);
  const t = table.total;
  addRow(
    table.keys.map((_, i) => (i === 0 ? "total" : "")),
    t.eligible,
    t.voters,
    t.rate,
    t.suppressed,
  ).font = { bold: true };
  sheet.columns.forEach((column, i) => (column.width = i < table.keys.length ? 14 : 18));

  const about = workbook.addWorksheet("About");
  about.addRows([
    ["round", round],
    ["by", table.keys.join(",")],
    ["figures", table.public ? "public: small cells suppressed" : "exact: not for publication"],
    ["exact", table.public ? "no" : "yes"],
    ["generated_at", generatedAt.toISOString()],
    [
      "suppression",
      table.public
        ? "Voters and rate are hidden where fewer than 5 pupils voted (\"<5\") or fewer than 10 were eligible, and in further cells (\"suppressed\") so that no hidden figure can be worked out by subtraction from a total."
        : "None: exact figures for the coordinator.",
    ],
    ["participation_rate", "voters / eligible × 100, one decimal"],
  ]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 20;
  about.getColumn(2).width = 100;
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

export const CONTENT_TYPES: Record<TurnoutFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function turnoutFilename(round: string, keys: readonly string[], isPublic: boolean, format: TurnoutFormat): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "-");
  return `turnout-${safe(round)}-${keys.map(safe).join("-")}-${isPublic ? "public" : "exact"}.${format}`;
}

/** The file in `format`. */
export async function turnoutFile(file: TurnoutExport, format: TurnoutFormat): Promise<Buffer> {
  switch (format) {
    case "csv":
      return Buffer.from(turnoutCsv(file), "utf8");
    case "json":
      return Buffer.from(turnoutJson(file), "utf8");
    case "xlsx":
      return turnoutXlsx(file);
  }
}
