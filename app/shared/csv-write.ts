// Writing the CSV files OmaKoulu exports (audit log, turnout, code sheets, the CLI's results): one
// cell rule for all of them. A text a spreadsheet would run as a formula (starting with = + - @, a
// tab or a carriage return: "CSV injection", e.g. an idea title "=HYPERLINK(…)") gets a leading
// apostrophe, so Excel and LibreOffice show it as text; a cell with a comma, quote or line break is
// quoted (RFC 4180). Numbers passed as numbers are written as they are.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text that a spreadsheet would read as a formula, made plain text (also for XLSX string cells). */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number): string {
  const safe = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line with its CRLF end. */
export function csvLine(cells: ReadonlyArray<string | number>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
