// OmaKoulu's command line (docs/cli.md): `npm run -s cli -- <command> [options]`.
// Every import is all-or-nothing; a bad file exits 1 naming the file, line and column.
// Each command imports what it needs when it runs, so that a quick command (tally, --help) starts
// without loading the database drivers, zod or Prisma.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { decodeTextOrThrow } from "~/shared/text-encoding";

const HELP = `OmaKoulu command line

Usage: npm run -s cli -- <command> [options]
Works on DATABASE_URL (default: file:./prisma/data/omakoulu.db).

Commands:
  migrate                         create the database if missing and apply pending migrations
  import-schools FILE.csv         upsert schools by code; columns code,name_fi,name_sv,name_en,type,language,area
  create-round FILE.json          create or update (by slug) a round from its JSON definition (docs/cli.md shows the shape)
  import-projects --round SLUG FILE.csv
                                  upsert the round's ballot projects by code; columns code,title_fi,title_sv,title_en,area,sector,cost
  issue-codes --round SLUG --school CODE --class-level N --count K
                                  print a CSV (header "code") of K new pupil sign-in codes
  import-paper-ballots --round SLUG FILE.csv
                                  enter pupils' paper ballots; columns code,area,projects (project codes separated by spaces)
  results --round SLUG [--format json|csv]
                                  print the round's results per area: budget, and per project code, votes, cost, selected
  export-pb --round SLUG --area AREA
                                  write the area's anonymised ballots as a Pabulib .pb file on stdout
  import-enrolment --round SLUG FILE.csv
                                  upsert the round's enrolment; columns school,class_level,eligible
  turnout --round SLUG --by KEYS --format csv|json|xlsx [--public] [--out FILE]
                                  turnout by KEYS (comma list of type, language, school, area, class-level, method, day);
                                  exact unless --public (small cells suppressed); stdout unless --out
  tally --pb FILE [--rule declared|greedy|equal-shares]
                                  print the winners of a Pabulib file as {"selected": [project ids]}
  mix-ballots [--round SLUG] [--force]
                                  count the ballots waiting in the sealed ballot box (docs/decisions/009-ballot-box.md):
                                  rounds whose box holds a full batch (BALLOT_MIX_BATCH) or whose voting has ended;
                                  --force also mixes a smaller batch while voting is open
  seed [--if-empty]               load the demo city (README lists its accounts); --if-empty: only into an empty database
  --help                          show this help

Exit codes: 0 success, 1 bad input or failure (nothing written), 2 unknown command or option.
`;

class UsageError extends Error {}

/** The text of an input file: strict UTF-8 (a BOM is dropped); other encodings exit 1 naming the line (decision 017). */
function readFile(file: string | undefined): { file: string; text: string } {
  if (!file) throw new UsageError("a FILE argument is required");
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new Error(`${file}: cannot read the file; check the path`);
  }
  return { file, text: decodeTextOrThrow(file, bytes, !file.toLowerCase().endsWith(".json")) };
}

async function migrateOrFail() {
  const { databaseUrl } = await import("~/server/database-url.server");
  const { migrateDatabase } = await import("~/server/migrate.server");
  const result = await migrateDatabase(databaseUrl(), process.cwd());
  if (!result.ok) throw new Error(`could not migrate the database:\n${result.output}`);
}

async function database() {
  await migrateOrFail();
  const { db } = await import("~/server/db.server");
  return db;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  switch (command) {
    case "migrate": {
      parseArgs({ args: rest, options: {}, allowPositionals: false });
      await migrateOrFail();
      const { databaseUrl, redactUrl } = await import("~/server/database-url.server");
      process.stderr.write(`Database ${redactUrl(databaseUrl())} is up to date.\n`);
      return 0;
    }
    case "import-schools": {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
      const { file, text } = readFile(positionals[0]);
      const { readSchoolsCsv } = await import("~/features/schools/schools");
      const rows = readSchoolsCsv(file, text);
      const db = await database();
      const { importSchools } = await import("~/features/schools/schools.server");
      const { created, updated } = await importSchools(db, rows.map((r) => r.value), null);
      process.stderr.write(`${file}: ${rows.length} schools imported (${created} new, ${updated} updated).\n`);
      return 0;
    }
    case "create-round": {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
      if (positionals.length > 1) throw new UsageError("create-round takes one FILE.json");
      const { file, text } = readFile(positionals[0]);
      const { parseJsonFile, parseRoundDefinition, RoundDefinitionError } = await import("~/features/rounds/round-definition");
      const parsed = parseRoundDefinition(parseJsonFile(file, text));
      if (!parsed.ok) throw new RoundDefinitionError(parsed.issues, file);
      const db = await database();
      const { saveRound } = await import("~/features/rounds/round-admin.server");
      try {
        const { round, created } = await saveRound(db, parsed.definition, null);
        process.stderr.write(
          `${file}: round ${round.slug} ${created ? "created" : "updated"} (${parsed.definition.areas.length} areas, phases ${round.proposalsStart} – ${round.resultsDate}).\n`,
        );
      } catch (error) {
        if (error instanceof RoundDefinitionError) throw new RoundDefinitionError(error.issues, file);
        throw error;
      }
      return 0;
    }
    case "import-projects": {
      const { values, positionals } = parseArgs({ args: rest, options: { round: { type: "string" } }, allowPositionals: true });
      if (!values.round) throw new UsageError("--round is required");
      if (positionals.length > 1) throw new UsageError("import-projects takes one FILE.csv");
      const { file, text } = readFile(positionals[0]);
      const { readProjectsCsv } = await import("~/features/proposals/projects-csv");
      const table = readProjectsCsv(file, text);
      const db = await database();
      const { importProjects } = await import("~/features/proposals/projects-import.server");
      const { created, updated } = await importProjects(db, values.round, table, null);
      process.stderr.write(`${file}: ${table.rows.length} projects imported into round ${values.round} (${created} new, ${updated} updated).\n`);
      return 0;
    }
    case "issue-codes": {
      const { values } = parseArgs({
        args: rest,
        options: { round: { type: "string" }, school: { type: "string" }, "class-level": { type: "string" }, count: { type: "string" } },
      });
      for (const name of ["round", "school", "class-level", "count"] as const) {
        if (!values[name]) throw new UsageError(`--${name} is required`);
      }
      const db = await database();
      const { issueCodes } = await import("~/features/voting/codes.server");
      const codes = await issueCodes(db, {
        roundSlug: values.round as string,
        schoolCode: values.school as string,
        classLevel: Number(values["class-level"]),
        count: Number(values.count),
        actorId: null,
      });
      process.stdout.write(`code\n${codes.join("\n")}\n`);
      return 0;
    }
    case "import-paper-ballots": {
      const { values, positionals } = parseArgs({ args: rest, options: { round: { type: "string" } }, allowPositionals: true });
      if (!values.round) throw new UsageError("--round is required");
      if (positionals.length > 1) throw new UsageError("import-paper-ballots takes one FILE.csv");
      const { file, text } = readFile(positionals[0]);
      await database();
      const { readPaperBallotsCsv, importPaperBallots } = await import("~/features/voting/paper-import.server");
      const table = readPaperBallotsCsv(file, text);
      const { pupils, ballots } = await importPaperBallots(values.round, file, table, null);
      process.stderr.write(`${file}: paper ballots of ${pupils} pupils (${ballots} area ballots) entered into round ${values.round}.\n`);
      return 0;
    }
    case "mix-ballots": {
      const { values } = parseArgs({ args: rest, options: { round: { type: "string" }, force: { type: "boolean" } } });
      const db = await database();
      let roundId: string | undefined;
      if (values.round !== undefined) {
        const round = await db.round.findUnique({ where: { slug: values.round }, select: { id: true } });
        if (!round) throw new Error(`no round has the slug "${values.round}"; check --round (the rounds are listed at /rounds)`);
        roundId = round.id;
      }
      const { mixBallots } = await import("~/features/voting/ballot-box.server");
      const { env } = await import("~/server/env.server");
      const results = await mixBallots(db, roundId, { force: values.force === true });
      const slugs = new Map((await db.round.findMany({ where: { id: { in: results.map((r) => r.roundId) } }, select: { id: true, slug: true } })).map((r) => [r.id, r.slug]));
      if (!results.length) process.stderr.write("The ballot box is empty; nothing to mix.\n");
      for (const r of results) {
        const slug = slugs.get(r.roundId) ?? r.roundId;
        const waiting = await db.ballotBox.count({ where: { roundId: r.roundId } });
        if (r.skipped === "below-batch") {
          process.stderr.write(`round ${slug}: ${waiting} sealed entries wait for a batch of ${env().ballotMixBatch} or the end of voting (--force mixes them now).\n`);
        } else if (r.skipped === "locked") {
          process.stderr.write(`round ${slug}: another process is mixing; nothing done.\n`);
        } else {
          process.stderr.write(`round ${slug}: ${r.moved} sealed entries mixed, ${r.counted} ballots counted.\n`);
        }
      }
      return 0;
    }
    case "seed": {
      const { values } = parseArgs({ args: rest, options: { "if-empty": { type: "boolean" } } });
      const { env } = await import("~/server/env.server");
      if (env().production && !env().demo) {
        throw new Error("refusing to load demo accounts with public passwords into a production database (set OMAKOULU_DEMO=1 to override)");
      }
      const db = await database();
      if (values["if-empty"] && (await db.school.count()) > 0) {
        process.stderr.write("The database already has data; demo data not loaded.\n");
        return 0;
      }
      const { seedDemo } = await import("./seed.server");
      await seedDemo(db);
      process.stderr.write("Demo city loaded. Accounts: see README.md, 'Demo accounts'.\n");
      return 0;
    }
    case "tally":
      return (await import("./tally")).runTally(rest);
    case "import-enrolment":
      return (await import("./enrolment")).runImportEnrolment(rest);
    case "turnout":
      return (await import("./turnout")).runTurnout(rest);
    case "results":
      return (await import("./results")).runResults(rest, database);
    case "export-pb":
      return (await import("./export-pb")).runExportPb(rest, database);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`Error: ${(error as Error).message}\nRun "npm run -s cli -- --help" for usage.\n`);
    process.exitCode = 2;
  } else if (error instanceof Error) {
    process.stderr.write(`Error: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`Error: ${String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  // A command that opened the database closes it, or an idle PostgreSQL pool keeps the process alive.
  if ("omakouluDb" in globalThis) await (await import("~/server/db.server")).closeDatabase();
}
