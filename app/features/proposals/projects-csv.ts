// Ballot projects as imported with `import-projects --round SLUG FILE.csv` (docs/cli.md).
// Whether each project's area has a budget in the round is checked against the database
// (app/features/proposals/projects-import.server.ts), with the same line-and-column messages.
import { z } from "zod";
import { AREA_SLUGS, SECTORS } from "~/shared/catalog";
import { readCsvTable, refuseRepeatedKeys, type CsvRow } from "~/shared/csv";
import { PROJECT_CODE, PROJECT_COST_MAX, PROJECT_DESCRIPTION_MAX, PROJECT_TITLE_MAX } from "./projects";

export const PROJECT_COLUMNS = ["code", "title_fi", "title_sv", "title_en", "area", "sector", "cost"] as const;
/** Optional columns: a file without them imports as before (and leaves existing descriptions as they are). */
export const PROJECT_OPTIONAL_COLUMNS = ["description_fi", "description_sv", "description_en"] as const;

const title = (lang: string) =>
  z
    .string()
    .min(1, `the ${lang} title is empty; write the project's title in ${lang}`)
    .max(PROJECT_TITLE_MAX, `the ${lang} title is longer than ${PROJECT_TITLE_MAX} characters; shorten it`);

const description = (lang: string) =>
  z
    .string()
    .max(PROJECT_DESCRIPTION_MAX, `the ${lang} description is longer than ${PROJECT_DESCRIPTION_MAX.toLocaleString("en")} characters; shorten it`)
    .optional();

export const projectRowSchema = z.object({
  code: z.string().regex(PROJECT_CODE, "the project code must be 1–20 letters, digits or '-', starting with a letter or digit (e.g. ITA-01)"),
  title_fi: title("Finnish"),
  title_sv: title("Swedish"),
  title_en: title("English"),
  area: z.enum(AREA_SLUGS, { errorMap: () => ({ message: `the area must be one of ${AREA_SLUGS.join(", ")}` }) }),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: `the sector must be one of ${SECTORS.join(", ")}` }) }),
  cost: z
    .string()
    .regex(/^\d+$/, "the cost must be a whole number of euros, digits only (e.g. 25000; no spaces, decimals or €)")
    .transform(Number)
    .refine((n) => n >= 1 && n <= PROJECT_COST_MAX, {
      message: `the cost must be from 1 to ${PROJECT_COST_MAX.toLocaleString("en")} euros`,
    }),
  description_fi: description("Finnish"),
  description_sv: description("Swedish"),
  description_en: description("English"),
});
export type ProjectRow = z.infer<typeof projectRowSchema>;

/** A read projects file: its rows (with line numbers) and where each column is in it. */
export interface ProjectsCsv {
  file: string;
  rows: CsvRow<ProjectRow>[];
  /** 1-based position of a column in this file's header. */
  columnOf(name: (typeof PROJECT_COLUMNS)[number]): number;
  /** Whether the file has an optional column. */
  hasColumn(name: (typeof PROJECT_OPTIONAL_COLUMNS)[number]): boolean;
}

export function readProjectsCsv(file: string, text: string): ProjectsCsv {
  const table = readCsvTable(file, text, PROJECT_COLUMNS, projectRowSchema, PROJECT_OPTIONAL_COLUMNS);
  refuseRepeatedKeys(table, file, "code", (v) => v.code, (code, earlier, line) => `project code "${code}" is on line ${earlier} and again on line ${line}; give each project its own code`);
  return { file, rows: table.rows, columnOf: table.columnOf, hasColumn: table.hasColumn };
}
