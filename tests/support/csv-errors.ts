// Unit-test helpers for the CSV readers (app/shared/csv.ts and the files built on it): the text of a
// file, the CsvError a bad one throws, and where that error points.
import { expect } from "vitest";
import { CsvError } from "~/shared/csv";

/** The text of a CSV file: the lines, each ended with "\n". */
export const csvText = (...lines: string[]): string => lines.join("\n") + "\n";

/** The CsvError that `read` throws (fails the test when it throws anything else, or nothing). */
export function csvErrorOf(read: () => unknown): CsvError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    return error as CsvError;
  }
  throw new Error("expected the file to be rejected");
}

/**
 * Asserts that the error's message points at the file, the line and (when given) the column, and
 * that its problem says the same; with `nameInMessage`, the message also names the column.
 */
export function expectCsvErrorAt(error: CsvError, file: string, line: number, column?: { number: number; name: string }, { nameInMessage = false } = {}): void {
  expect(error.message).toContain(file);
  expect(error.message).toMatch(new RegExp(`\\bline ${line}\\b`));
  expect(error.problem.line).toBe(line);
  if (column) {
    expect(error.message).toMatch(new RegExp(`\\bcolumn ${column.number}\\b`));
    if (nameInMessage) expect(error.message).toContain(column.name);
    expect(error.problem.column).toBe(column.number);
    expect(error.problem.columnName).toBe(column.name);
  }
}
