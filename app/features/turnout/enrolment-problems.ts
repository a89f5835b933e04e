// The enrolment import's problems in the page's language: the CSV reader (app/shared/csv.ts) and
// the enrolment checks (turnout.server.ts) word them in English for the CLI; the form on /turnout
// maps each known kind to its translated message, with the same line, column and fix.
import type { CsvProblem } from "~/shared/csv";

export const ENROLMENT_COLUMNS = ["school", "class_level", "eligible"] as const;

/** The row checks' messages (the CLI's words); the form on /turnout translates them (below). */
export const ENROLMENT_MESSAGES = {
  schoolEmpty: "the school code is empty; write the school's code, e.g. 00501",
  classLevel: "the class level must be a whole number from 1 to 12",
  eligibleNumber: "eligible must be a whole number of pupils, 0 or more (no spaces or decimals)",
  eligibleTooLarge: "eligible is over 100 000; check the number",
} as const;

type Translate = (key: string, values?: Record<string, string | number>) => string;

const COLUMNS = ENROLMENT_COLUMNS.join(",");

/** The kind of a problem, with its values, from the English message. */
export function problemKind(message: string): { kind: string; values: Record<string, string | number> } {
  let m: RegExpMatchArray | null;
  if (message.startsWith("the file is not valid CSV")) return { kind: "notCsv", values: {} };
  if (message.startsWith("the file is empty")) return { kind: "empty", values: { columns: COLUMNS } };
  if ((m = message.match(/^unknown column "(.*)"; /))) return { kind: "unknownColumn", values: { name: m[1] ?? "", columns: COLUMNS } };
  if ((m = message.match(/^column "(.*)" appears twice/))) return { kind: "repeatedColumn", values: { name: m[1] ?? "" } };
  if ((m = message.match(/^missing column\(s\) (.*); /))) return { kind: "missingColumns", values: { missing: m[1] ?? "", columns: COLUMNS } };
  if ((m = message.match(/^expected (\d+) values but found (\d+)/))) return { kind: "valueCount", values: { expected: m[1] ?? "", found: m[2] ?? "", columns: COLUMNS } };
  if (message.startsWith("a value contains a line break")) return { kind: "lineBreak", values: {} };
  for (const [kind, text] of Object.entries(ENROLMENT_MESSAGES)) if (message === text) return { kind, values: {} };
  if ((m = message.match(/^school (.*), class level (\d+) is already on line (\d+)/))) return { kind: "duplicate", values: { school: m[1] ?? "", level: m[2] ?? "", earlier: m[3] ?? "" } };
  if ((m = message.match(/^no school has the code "(.*)"; /))) return { kind: "unknownSchool", values: { code: m[1] ?? "" } };
  if (message.startsWith("no round with slug")) return { kind: "noRound", values: {} };
  return { kind: "other", values: { message } };
}

/** A problem of the enrolment import, translated: "Rad 3, kolumn 1 (school): …". */
export function enrolmentProblemText(error: Error & { problem?: CsvProblem }, t: Translate): string {
  const problem = error.problem;
  const { kind, values } = problemKind(problem?.message ?? error.message);
  const text = t(`turnout.import.problems.${kind}`, values);
  if (!problem) return text.charAt(0).toUpperCase() + text.slice(1);
  return problem.column
    ? t("turnout.import.atColumn", { line: problem.line, column: problem.column, columnName: problem.columnName ?? "", problem: text })
    : t("turnout.import.at", { line: problem.line, problem: text });
}
