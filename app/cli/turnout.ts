// `turnout --round SLUG --by KEYS --format csv|json|xlsx [--public] [--out FILE]` (docs/cli.md):
// the round's turnout grouped by KEYS (a comma list of type, language, school, area, class-level,
// method, day). Exact figures unless --public (small cells suppressed, app/features/turnout/turnout.ts). The
// file goes to --out FILE, or to stdout (XLSX too, as binary: redirect it). File formats: see
// app/features/turnout/turnout-export.server.ts. Bad options exit 2; an unknown round exits 1.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { parseTurnoutKeys, publishTable, TURNOUT_KEYS } from "~/features/turnout/turnout";
import { databaseUrl } from "~/server/database-url.server";
import { migrateDatabase } from "~/server/migrate.server";
import { isTurnoutFormat, TURNOUT_FORMATS } from "~/features/turnout/turnout-export.server";

const USAGE = `Usage: npm run -s cli -- turnout --round SLUG --by KEYS --format csv|json|xlsx [--public] [--out FILE]
KEYS: a comma list of ${TURNOUT_KEYS.join(", ")}`;

export async function runTurnout(args: string[]): Promise<number> {
  let options: { round: string; keys: ReturnType<typeof parseTurnoutKeys> & { ok: true }; format: (typeof TURNOUT_FORMATS)[number]; isPublic: boolean; out: string | undefined };
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { round: { type: "string" }, by: { type: "string" }, format: { type: "string" }, public: { type: "boolean" }, out: { type: "string" } },
      allowPositionals: true,
    });
    if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"`);
    if (!values.round) throw new Error("--round is required");
    if (!values.by) throw new Error("--by is required (e.g. --by type,language)");
    const keys = parseTurnoutKeys(values.by);
    if (!keys.ok) throw new Error(`--by: ${keys.message}`);
    if (!isTurnoutFormat(values.format)) throw new Error(`--format must be ${TURNOUT_FORMATS.join(", ")}`);
    options = { round: values.round, keys, format: values.format, isPublic: Boolean(values.public), out: values.out };
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const migrated = await migrateDatabase(databaseUrl(), process.cwd());
    if (!migrated.ok) throw new Error(`could not migrate the database:\n${migrated.output}`);
    const { db } = await import("~/server/db.server");
    const { loadTurnout } = await import("~/features/turnout/turnout.server");
    const { turnoutFile } = await import("~/features/turnout/turnout-export.server");
    const round = await db.round.findUnique({ where: { slug: options.round } });
    if (!round) throw new Error(`no round with slug "${options.round}"; check --round`);
    const { table } = await loadTurnout(db, round, options.keys.keys, { schoolIds: null });
    const body = await turnoutFile({ round: round.slug, table: publishTable(table, options.isPublic), generatedAt: new Date() }, options.format);
    if (options.out) {
      fs.writeFileSync(options.out, body);
      process.stderr.write(`${options.out}: turnout of round ${round.slug} by ${options.keys.keys.join(",")} (${options.isPublic ? "public, small cells suppressed" : "exact"}).\n`);
    } else {
      await new Promise<void>((resolve, reject) => process.stdout.write(body, (error) => (error ? reject(error) : resolve())));
    }
    return 0;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  }
}
