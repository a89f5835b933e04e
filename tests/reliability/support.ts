// Shared by the reliability files (tests/vitest.reliability.config.ts): sizes, pupils signed in on a
// server, casts posted with their outcome (acknowledged = 302 to /vote/receipt, with the receipt read
// from its cookie), the mix, and the checks that no acknowledged cast and no ballot went missing.
import { createHmac } from "node:crypto";
import { afterAll, expect } from "vitest";
import { Fixtures } from "../support/fixtures";
import {
  BALLOT_SECRET,
  copyDatabase,
  DEMO_ROUNDS,
  removeDatabase,
  runCli,
  seedDemo,
  showServerLogsOnFailure,
  tmpDatabase,
  voteForm,
  type Client,
  type Picks,
  type TestDatabase,
  type TestServer,
} from "../integration/harness";

export const ROUND: string = DEMO_ROUNDS.current;
/** A pupil of 00501 votes in these areas. */
export const AREAS = ["koillinen", "koko-kaupunki"] as const;

/**
 * What a reliability file starts: its servers (their logs shown when a test fails), databases and
 * fixtures, all stopped, closed and removed after the file. `beforeRemove` runs on each database
 * first (the disk test makes files writable again).
 */
export function trackResources(beforeRemove?: (database: TestDatabase) => void) {
  const resources: { servers: TestServer[]; databases: TestDatabase[]; fixtures?: Fixtures } = { servers: [], databases: [] };
  showServerLogsOnFailure(() => resources.servers);
  afterAll(async () => {
    await resources.fixtures?.close();
    for (const server of resources.servers) await server.stop();
    for (const database of resources.databases) {
      beforeRemove?.(database);
      removeDatabase(database);
    }
  });
  return resources;
}

/**
 * A database with the demo city: on SQLite a copy of the run's seeded file (tests/reliability/global-setup.ts),
 * on PostgreSQL a copy of the run's seeded template (seedDemo does that).
 */
export async function seededDatabase(label: string): Promise<TestDatabase> {
  const template = process.env.OMAKOULU_RELIABILITY_TEMPLATE;
  if (template) return copyDatabase({ kind: "sqlite", file: template, url: `file:${template}` }, label);
  const database = tmpDatabase(label);
  await seedDemo(database);
  return database;
}

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

export const voterKey = (participationId: string, area: string) => createHmac("sha256", BALLOT_SECRET).update(`ballot:${participationId}:${area}`).digest("hex");

/** The receipt in the signed cookie a cast's 302 sets (a Remix cookie: base64 of JSON, a dot, the signature). */
export function receiptFromSetCookie(raw: string | undefined): string | null {
  if (!raw) return null;
  const value = decodeURIComponent(raw.split(";")[0]?.split("=").slice(1).join("=") ?? "");
  const dot = value.lastIndexOf(".");
  const json = Buffer.from(dot > 0 ? value.slice(0, dot) : value, "base64").toString("utf8");
  const parsed = JSON.parse(decodeURIComponent(escape(json))) as { receipt?: unknown };
  return typeof parsed.receipt === "string" ? parsed.receipt : null;
}

export type CastOutcome =
  | { kind: "acknowledged"; receipt: string; picks: Picks; ms: number }
  | { kind: "refused"; status: number; body: string; ms: number }
  | { kind: "no-answer"; error: string; ms: number };

/** Posts one cast (the vote form's cast intent) with the client's cookies, without touching its jar. */
export async function postCast(baseUrl: string, client: Client, picks: Picks, timeoutMs = 120_000): Promise<CastOutcome> {
  const started = performance.now();
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  try {
    const res = await fetch(`${baseUrl}/vote`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: voteForm("cast", picks).toString(),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status === 302 && res.headers.get("Location") === "/vote/receipt") {
      const raw = res.headers.getSetCookie().find((c) => c.startsWith("omakoulu_receipt="));
      const receipt = receiptFromSetCookie(raw);
      if (receipt) return { kind: "acknowledged", receipt, picks, ms };
    }
    return { kind: "refused", status: res.status, body, ms };
  } catch (error) {
    return { kind: "no-answer", error: String((error as Error)?.cause ?? error), ms: performance.now() - started };
  }
}

/** The demo round's project ids and codes in the areas of a 00501 pupil. */
export async function ballotProjects(db: Fixtures): Promise<Record<(typeof AREAS)[number], { id: string; code: string }[]>> {
  const koillinen = await db.roundProjects(ROUND, "koillinen");
  const city = await db.roundProjects(ROUND, "koko-kaupunki");
  expect(koillinen.length).toBeGreaterThanOrEqual(3);
  expect(city.length).toBeGreaterThanOrEqual(2);
  return { koillinen, "koko-kaupunki": city };
}

/** Random valid picks: one to three projects of koillinen and one or two city-wide (never an empty area). */
export function randomPicks(projects: Awaited<ReturnType<typeof ballotProjects>>): Picks {
  const some = (list: { id: string }[], max: number) => {
    const shuffled = [...list].sort(() => Math.random() - 0.5);
    return shuffled.slice(0, 1 + Math.floor(Math.random() * max)).map((p) => p.id);
  };
  return { koillinen: some(projects.koillinen, 3), "koko-kaupunki": some(projects["koko-kaupunki"], 2) };
}

/** Moves every sealed ballot into the counted tables (`mix-ballots --force`, the CLI beside the server). */
export async function mix(database: TestDatabase, db: Fixtures): Promise<void> {
  const result = await runCli(["mix-ballots", "--force"], database.url);
  expect(result.code, result.stderr).toBe(0);
  expect(await db.prisma.ballotBox.count()).toBe(0);
}

/**
 * Every participation of these users in the round has a counted ballot in each area of its ballot
 * (found through its voter key; the test's pupils always pick in both areas, and an area left empty
 * has no ballot). Returns the numbers of participations, of their ballots and of the missing ones.
 */
export async function expectEveryParticipationHasItsBallots(db: Fixtures, userIds: readonly string[]): Promise<{ participations: number; ballots: number; missing: number }> {
  const round = await db.prisma.round.findFirstOrThrow({ where: { slug: ROUND }, include: { areas: true } });
  const roundAreas = new Set(round.areas.map((a) => a.areaSlug));
  const rows = await db.prisma.participation.findMany({ where: { roundId: round.id, userId: { in: [...userIds] } }, select: { id: true, schoolId: true } });
  const schoolArea = new Map((await db.prisma.school.findMany({ select: { id: true, areaSlug: true } })).map((s) => [s.id, s.areaSlug]));
  const keys: { key: string; id: string; area: string }[] = [];
  for (const p of rows) {
    // ballotAreas(): the school's own area and the city-wide one, where the round has them.
    for (const area of [schoolArea.get(p.schoolId) ?? "", "koko-kaupunki"]) if (roundAreas.has(area)) keys.push({ key: voterKey(p.id, area), id: p.id, area });
  }
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const batch = keys.slice(i, i + 500).map((k) => k.key);
    for (const b of await db.prisma.ballot.findMany({ where: { voterKey: { in: batch } }, select: { voterKey: true } })) found.add(b.voterKey);
  }
  const missing = keys.filter((k) => !found.has(k.key));
  expect(missing.slice(0, 10), `${missing.length} participation-area pairs without a ballot`).toEqual([]);
  return { participations: rows.length, ballots: found.size, missing: missing.length };
}

/** Ballots and sealed entries of the demo round. */
export async function roundBallots(db: Fixtures): Promise<{ ballots: number; box: number }> {
  const round = await db.prisma.round.findFirstOrThrow({ where: { slug: ROUND }, select: { id: true } });
  return { ballots: await db.prisma.ballot.count({ where: { roundId: round.id } }), box: await db.prisma.ballotBox.count() };
}

/** The counted ballot of a participation in an area, as its picked project ids (sorted), or null. */
export async function countedPicks(db: Fixtures, participationId: string, area: string): Promise<string[] | null> {
  const ballot = await db.prisma.ballot.findUnique({ where: { voterKey: voterKey(participationId, area) }, select: { picks: { select: { projectId: true } } } });
  return ballot ? ballot.picks.map((p) => p.projectId).sort() : null;
}

/** Signs in pupils by code, a few at a time. */
export async function signInAll(server: TestServer, codes: readonly string[], parallel = 10): Promise<Client[]> {
  const clients: Client[] = new Array(codes.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, codes.length) }, async () => {
      while (next < codes.length) {
        const i = next++;
        clients[i] = await server.signedInPupil(codes[i] as string, { lang: "en" });
      }
    }),
  );
  return clients;
}

export const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : "–");

export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Prints a block of figures (shown by `npm run test:reliability`). */
export function printFigures(title: string, rows: Record<string, string | number>): void {
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  console.log([`\n== ${title} ==`, ...Object.entries(rows).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join("\n"));
}
