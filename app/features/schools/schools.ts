// The school register as imported with `import-schools FILE.csv` (docs/cli.md).
import { z } from "zod";
import { AREA_SLUGS, CITY_WIDE, SCHOOL_LANGUAGES, SCHOOL_TYPES } from "~/shared/catalog";
import { readCsvTable, refuseRepeatedKeys, type CsvRow } from "~/shared/csv";

export const SCHOOL_COLUMNS = ["code", "name_fi", "name_sv", "name_en", "type", "language", "area"] as const;

const name = (lang: string) =>
  z
    .string()
    .min(1, `the ${lang} name is empty; write the school's name`)
    .max(200, `the ${lang} name is longer than 200 characters; shorten it`);

export const schoolRowSchema = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, "the code must be 1–40 letters, digits, '-' or '_' (e.g. 00123)"),
  name_fi: name("Finnish"),
  name_sv: name("Swedish"),
  name_en: name("English"),
  type: z.enum(SCHOOL_TYPES, { errorMap: () => ({ message: `the type must be a Statistics Finland code: ${SCHOOL_TYPES.join(", ")}` }) }),
  language: z.enum(SCHOOL_LANGUAGES, { errorMap: () => ({ message: "the language must be fi or sv" }) }),
  area: z
    .string()
    .refine((a) => (AREA_SLUGS as readonly string[]).includes(a) && a !== CITY_WIDE, {
      message: `the area must be one of ${AREA_SLUGS.filter((a) => a !== CITY_WIDE).join(", ")}`,
    }),
});
export type SchoolRow = z.infer<typeof schoolRowSchema>;

export function readSchoolsCsv(file: string, text: string): CsvRow<SchoolRow>[] {
  const table = readCsvTable(file, text, SCHOOL_COLUMNS, schoolRowSchema);
  refuseRepeatedKeys(table, file, "code", (v) => v.code, (code, earlier) => `school code "${code}" already appears on line ${earlier}; list each school once`);
  return table.rows;
}
