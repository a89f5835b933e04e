// `import-enrolment --round SLUG FILE.csv` (docs/cli.md): columns school,class_level,eligible; upsert
// by round, school and class level; all rows or none. Errors name the file, line and column (exit 1);
// bad options exit 2.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { databaseUrl } from "~/server/database-url.server";
import { migrateDatabase } from "~/server/migrate.server";
import { decodeText, EncodingError, problemOf } from "~/shared/text-encoding";

const USAGE = "Usage: npm run -s cli -- import-enrolment --round SLUG FILE.csv";

export async function runImportEnrolment(args: string[]): Promise<number> {
  let round: string;
  let file: string;
  try {
    const { values, positionals } = parseArgs({ args, options: { round: { type: "string" } }, allowPositionals: true });
    if (!values.round) throw new Error("--round is required");
    if (positionals.length !== 1) throw new Error("import-enrolment takes one FILE.csv");
    round = values.round;
    file = positionals[0] as string;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    process.stderr.write(`Error: ${file}: cannot read the file; check the path\n`);
    return 1;
  }
  // Strict UTF-8 (decision 017): a Latin-1 or UTF-16 file exits 1 naming the line and the fix.
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    process.stderr.write(`Error: ${new EncodingError(file, problemOf(decoded)).message}\n`);
    return 1;
  }
  const text = decoded.text;
  try {
    const { readEnrolmentCsv, importEnrolment } = await import("~/features/turnout/turnout.server");
    const table = readEnrolmentCsv(file, text);
    const migrated = await migrateDatabase(databaseUrl(), process.cwd());
    if (!migrated.ok) throw new Error(`could not migrate the database:\n${migrated.output}`);
    const { db } = await import("~/server/db.server");
    const result = await importEnrolment(db, round, file, table, null);
    process.stderr.write(
      `${file}: enrolment of ${result.rows} class levels in ${result.schools} schools imported into round ${round} (${result.created} new, ${result.updated} updated).\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  }
}
