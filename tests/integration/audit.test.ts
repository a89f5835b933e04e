// The audit log page (/audit) and its CSV (/audit.csv) over HTTP against the built server: who may
// open them, filters by action, actor and Helsinki day, paging by 50 with the filters kept, refused
// filters (400, the field named, what was typed kept), the CSV's headers, columns, formula
// neutralising and cap, and that a pupil who signs in and votes appears only as "pupil": never by
// pseudonym or id, and never with what they voted for.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../support/demo-accounts";
import { withSqlite } from "../support/fixtures";
import { ACCOUNTS, DEMO_ROUNDS, GENEROUS_SIGNIN_LIMITS, onPostgres, pageText, PUPILS, setupServer, type Client } from "./harness";

const server = setupServer({ label: "audit", ...GENEROUS_SIGNIN_LIMITS });

let coordinator: Client;
let admin: Client;
/** Ids read from the database after the pupil voted. */
const pupil = { id: "", pseudonym: "", projectId: "", projectCode: "" };
let coordinatorId = "";

/** The "Rivit X–Y / Z" line of a Finnish page, as numbers. */
function rowsLine(html: string): { first: number; last: number; total: number } {
  if (pageText(html).includes("Mikään rivi ei vastaa rajausta.")) return { first: 0, last: 0, total: 0 };
  const match = /Rivit ([\d\s\u00a0]+)–([\d\s\u00a0]+) \/ ([\d\s\u00a0]+)/.exec(pageText(html));
  if (!match) throw new Error(`no rows line in: ${pageText(html).slice(0, 600)}`);
  const n = (s: string | undefined) => Number((s ?? "").replace(/[\s\u00a0]/g, ""));
  return { first: n(match[1]), last: n(match[2]), total: n(match[3]) };
}

/** The text of the table's body rows. */
function tableRows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => pageText(m[1] ?? "").trim());
}

/**
 * A download as the browser gets it: the body decoded with its byte-order mark kept (the harness's
 * client decodes with fetch's text(), which drops it).
 */
async function download(client: Client, path: string): Promise<{ status: number; headers: Headers; body: string }> {
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const res = await fetch(`${client.baseUrl}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  return { status: res.status, headers: res.headers, body: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()) };
}

/** CSV lines without the byte-order mark and the final empty line. */
function csvLines(body: string): string[] {
  expect(body.startsWith("\uFEFF"), "the CSV starts with a byte-order mark").toBe(true);
  expect(body.endsWith("\r\n"), "the CSV ends with CRLF").toBe(true);
  return body.slice(1).split("\r\n").slice(0, -1);
}

/** A timestamp as Prisma's SQLite adapter stores it (text). */
const stored = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

beforeAll(async () => {
  [coordinator, admin] = await Promise.all([server.signedIn(ACCOUNTS.coordinator), server.signedIn(ACCOUNTS.admin)]);
  // A pupil signs in with a code and votes: the log then has a signin.code row with the pupil as actor
  // and a ballot.cast row with no actor (docs/decisions/009-ballot-box.md: a cast's row names nobody).
  const voter = await server.signedInPupil(PUPILS.malmi8);
  const area = (await server.db.prisma.school.findUniqueOrThrow({ where: { code: "00501" } })).areaSlug;
  const [project] = await server.db.roundProjects(DEMO_ROUNDS.current, area);
  if (!project) throw new Error("no demo project in the pupil's area");
  const cast = await voter.castBallot({ [area]: [project.id] });
  expect(cast.status, pageText(cast.body).slice(0, 300)).toBe(302);
  pupil.id = await server.db.pupilId(PUPILS.malmi8);
  pupil.pseudonym = (await server.db.prisma.user.findUniqueOrThrow({ where: { id: pupil.id } })).displayName;
  pupil.projectId = project.id;
  pupil.projectCode = project.code;
  coordinatorId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: ACCOUNTS.coordinator.email } })).id;
  expect(await server.db.prisma.auditLog.count({ where: { actorId: pupil.id, action: "signin.code" } })).toBe(1);
  expect(await server.db.prisma.auditLog.count({ where: { actorId: pupil.id, action: "ballot.cast" } })).toBe(0);
  expect(await server.db.prisma.auditLog.count({ where: { actorId: null, action: "ballot.cast" } })).toBeGreaterThanOrEqual(1);
});

describe("who may open the audit log", () => {
  it("sends anonymous visitors to sign in", async () => {
    const anonymous = server.client();
    for (const path of ["/audit", "/audit.csv"]) {
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(302);
      expect(res.location, path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("refuses pupils and staff with 403, page and file alike", async () => {
    const [pupilClient, staff] = await Promise.all([server.signedInPupil(PUPILS.topelius9), server.signedIn(ACCOUNTS.staff)]);
    for (const [who, client] of [["pupil", pupilClient], ["staff", staff]] as const) {
      for (const path of ["/audit", "/audit.csv"]) {
        const res = await client.get(path);
        expect(res.status, `${who} ${path}`).toBe(403);
        expect(res.body, `${who} ${path}`).not.toContain("signin.code");
      }
    }
  });

  it("shows coordinators and admins the log, with the link in their navigation", async () => {
    for (const client of [coordinator, admin]) {
      const res = await client.get("/audit");
      expect(res.status).toBe(200);
      expect(pageText(res.body)).toContain("Lokitiedot");
      expect(res.body).toContain('href="/audit"');
      expect(rowsLine(res.body).total).toBe(await server.db.prisma.auditLog.count());
    }
  });
});

describe("filters", () => {
  it("by action: only that action's rows, labelled and with the code", async () => {
    const res = await coordinator.get("/audit?action=signin.password");
    expect(res.status).toBe(200);
    const expected = await server.db.auditCount("signin.password");
    expect(expected).toBeGreaterThanOrEqual(2);
    expect(rowsLine(res.body).total).toBe(expected);
    const rows = tableRows(res.body);
    expect(rows).toHaveLength(expected);
    for (const row of rows) expect(row).toContain("Kirjautui salasanalla (signin.password)");
    // The select keeps the choice.
    expect(res.body).toMatch(/<option value="signin.password" selected="">/);
  });

  it("by actor: one adult by name and role, the system, or any pupil (never one pupil)", async () => {
    const one = await coordinator.get(`/audit?actor=${coordinatorId}`);
    expect(rowsLine(one.body).total).toBe(await server.db.prisma.auditLog.count({ where: { actorId: coordinatorId } }));
    for (const row of tableRows(one.body)) expect(row).toContain(`${DEMO_STAFF.coordinator.name} (Koordinaattori)`);
    // The actor list names the adults in the log, and offers pupils only as one choice.
    expect(pageText(one.body)).toContain(`${DEMO_STAFF.admin.name} (Ylläpitäjä)`);
    expect(one.body).toMatch(/<option value="pupils">Oppilaat<\/option>/);
    expect(one.body).not.toContain(`value="${pupil.id}"`);

    // The command line writes rows without an actor; the web app rarely does.
    await server.db.prisma.auditLog.create({ data: { action: "test.system", subjectType: "school", detail: JSON.stringify({ created: 3, updated: 1 }) } });
    const system = await coordinator.get("/audit?actor=system");
    expect(rowsLine(system.body).total).toBe(await server.db.prisma.auditLog.count({ where: { actorId: null } }));
    expect(tableRows(system.body)[0]).toMatch(/ Järjestelmä \(ei henkilöä\) test\.system Koulu created: 3 updated: 1$/);
    expect(tableRows(system.body).some((r) => r.includes("Ääni annettu (ballot.cast)"))).toBe(true);

    const pupils = await coordinator.get("/audit?actor=pupils");
    const rows = tableRows(pupils.body);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row).toMatch(/ Oppilas /);
    // A cast's row names nobody, so it is never among the pupils' rows.
    expect(rows.some((r) => r.includes("Ääni annettu (ballot.cast)"))).toBe(false);
    expect(rows.some((r) => r.includes("Kirjautui koodilla (signin.code)"))).toBe(true);
  });

  it("by Helsinki day: from and to are whole local days", async () => {
    // 2020-01-15 in Helsinki (UTC+2) runs from 2020-01-14T22:00Z to 2020-01-15T22:00Z.
    await server.db.prisma.auditLog.createMany({
      data: [
        { id: "day-before", at: new Date("2020-01-14T21:59:00Z"), action: "test.day", subjectType: "test", subjectId: "before" },
        { id: "day-first", at: new Date("2020-01-14T22:00:00Z"), action: "test.day", subjectType: "test", subjectId: "first-minute" },
        { id: "day-last", at: new Date("2020-01-15T21:59:59Z"), action: "test.day", subjectType: "test", subjectId: "last-second" },
        { id: "day-after", at: new Date("2020-01-15T22:00:00Z"), action: "test.day", subjectType: "test", subjectId: "after" },
      ],
    });
    const oneDay = await coordinator.get("/audit?action=test.day&from=2020-01-15&to=2020-01-15");
    expect(oneDay.status).toBe(200);
    const rows = tableRows(oneDay.body);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("last-second");
    expect(rows[0]).toContain("15.1.2020 klo 23.59.59");
    expect(rows[1]).toContain("first-minute");
    expect(rows[1]).toContain("15.1.2020 klo 00.00.00");

    expect(rowsLine((await coordinator.get("/audit?action=test.day&from=2020-01-16")).body).total).toBe(1);
    expect(rowsLine((await coordinator.get("/audit?action=test.day&to=2020-01-14")).body).total).toBe(1);
    expect(rowsLine((await coordinator.get("/audit?action=test.day")).body).total).toBe(4);
  });
});

describe("paging", () => {
  beforeAll(async () => {
    // 120 rows of one action, a minute apart (row 119 is the newest).
    await server.db.prisma.auditLog.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        at: new Date(Date.UTC(2021, 0, 1, 0, i)),
        action: "test.paging",
        subjectType: "test",
        subjectId: `paged-${String(i).padStart(3, "0")}`,
      })),
    });
  });

  it("shows 50 rows a page, newest first, with links that keep the filters", async () => {
    const first = await coordinator.get("/audit?action=test.paging&from=2021-01-01");
    expect(rowsLine(first.body)).toEqual({ first: 1, last: 50, total: 120 });
    const rows = tableRows(first.body);
    expect(rows).toHaveLength(50);
    expect(rows[0]).toContain("paged-119");
    expect(rows[49]).toContain("paged-070");
    expect(pageText(first.body)).toContain("Sivu 1 / 3");
    expect(first.body).not.toContain('rel="prev"');
    const next = /<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(first.body);
    const nextHref = (next?.[1] ?? next?.[2] ?? "").replace(/&amp;/g, "&");
    expect(nextHref).toBe("/audit?action=test.paging&from=2021-01-01&page=2");

    const last = await coordinator.get("/audit?action=test.paging&from=2021-01-01&page=3");
    expect(rowsLine(last.body)).toEqual({ first: 101, last: 120, total: 120 });
    expect(tableRows(last.body).at(-1)).toContain("paged-000");
    expect(last.body).toContain('href="/audit?action=test.paging&amp;from=2021-01-01&amp;page=2"');
    expect(last.body).not.toContain('rel="next"');

    // A page past the end shows the last page.
    expect(rowsLine((await coordinator.get("/audit?action=test.paging&page=9")).body).first).toBe(101);
  });
});

describe("refused filters", () => {
  it("answers 400 naming the date field and keeping what was typed", async () => {
    const res = await coordinator.get("/audit?action=signin.password&from=2026-02-30");
    expect(res.status).toBe(400);
    const text = pageText(res.body);
    expect(text).toContain("Alkaen: kirjoita päivä muodossa VVVV-KK-PP, esimerkiksi 2026-03-01.");
    const input = /<input id="field-from"[^>]*>/.exec(res.body)?.[0] ?? "";
    expect(input).toContain('name="from"');
    expect(input).toContain('value="2026-02-30"');
    expect(input).toContain('aria-invalid="true"');
    expect(res.body).toMatch(/<option value="signin.password" selected="">/);
    expect(res.body).toContain('href="#field-from"');
    expect(tableRows(res.body)).toEqual([]);
  });

  it("answers 400 when from is after to, in the visitor's language", async () => {
    const english = await server.signedIn(ACCOUNTS.admin);
    english.setLanguage("en");
    const res = await english.get("/audit?from=2026-03-10&to=2026-03-01");
    expect(res.status).toBe(400);
    expect(pageText(res.body)).toContain("To: the date must be the same as or later than the From date (2026-03-10).");
    expect(/<input id="field-to"[^>]*>/.exec(res.body)?.[0]).toContain('value="2026-03-01"');
  });

  it("answers 400 for an unknown action, and for a pupil's id as the actor", async () => {
    const action = await coordinator.get("/audit?action=no.such-action");
    expect(action.status).toBe(400);
    expect(pageText(action.body)).toContain("Tapahtuma: valitse tapahtuma luettelosta.");
    const actor = await coordinator.get(`/audit?actor=${pupil.id}`);
    expect(actor.status).toBe(400);
    expect(pageText(actor.body)).toContain("Tekijä: valitse henkilö luettelosta");
    expect(tableRows(actor.body)).toEqual([]);
  });
});

describe("the CSV", () => {
  it("is a dated attachment with the page's filters and columns", async () => {
    const res = await download(coordinator, "/audit.csv?action=signin.password");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const lines = csvLines(res.body);
    expect(lines[0]).toBe("at,actor_role,actor_name,action,subject_type,subject_id,detail");
    expect(lines).toHaveLength(1 + (await server.db.auditCount("signin.password")));
    const coordinatorLine = lines.find((l) => l.includes(DEMO_STAFF.coordinator.name));
    expect(coordinatorLine).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z,coordinator,${DEMO_STAFF.coordinator.name},signin.password,user,${coordinatorId},$`));
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    await server.db.prisma.auditLog.create({
      data: { at: new Date("2019-06-01T12:00:00Z"), action: "test.formula", subjectType: "=cmd|' /C calc'!A0", subjectId: "+SUM(1,2)", detail: JSON.stringify({ round: "=HYPERLINK(\"http://evil.example\")", secret: "=never" }) },
    });
    const lines = csvLines((await download(coordinator, "/audit.csv?action=test.formula")).body);
    expect(lines).toHaveLength(2);
    const row = lines[1] ?? "";
    expect(row).toContain(",test.formula,'=cmd|' /C calc'!A0,\"'+SUM(1,2)\",");
    // The detail cell starts with its first key, so it is no formula; the key not on the allow-list is left out.
    expect(row).toContain('"round: =HYPERLINK(""http://evil.example""); (1 hidden)"');
    expect(row).not.toContain("never");
    expect(row.startsWith("2019-06-01T12:00:00.000Z,system,,")).toBe(true);
  });

  it("answers 400 with the field named for a bad date", async () => {
    const res = await coordinator.get("/audit.csv?to=31.3.2026");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.body).toContain("Asti: kirjoita päivä muodossa VVVV-KK-PP");
  });

  it("is capped at 100,000 rows and says so in its first line", async () => {
    const bulk = 100_005;
    // Straight into the file (the application never writes this many rows in a test's time).
    if (onPostgres()) {
      await server.db.prisma.$executeRaw`INSERT INTO "AuditLog" (id, at, "actorId", action, "subjectType", "subjectId", detail)
        SELECT 'bulk-' || i, timestamp '2018-01-01 00:00:00' + i * interval '1 second', NULL, 'test.bulk', 'test', NULL, '{}' FROM generate_series(0, ${bulk - 1}) AS i`;
    } else {
      withSqlite(server.db.file, (sqlite) => {
        const insert = sqlite.prepare("INSERT INTO AuditLog (id, at, actorId, action, subjectType, subjectId, detail) VALUES (?, ?, NULL, 'test.bulk', 'test', NULL, '{}')");
        sqlite.transaction(() => {
          for (let i = 0; i < bulk; i++) insert.run(`bulk-${i}`, stored(Date.UTC(2018, 0, 1) + i * 1000));
        })();
      });
    }
    const res = await download(admin, "/audit.csv?action=test.bulk");
    expect(res.status).toBe(200);
    const lines = csvLines(res.body);
    expect(lines[0]).toBe("# capped: the newest 100000 of 100005 matching rows; narrow the dates to get the rest");
    expect(lines[1]).toBe("at,actor_role,actor_name,action,subject_type,subject_id,detail");
    expect(lines).toHaveLength(2 + 100_000);
    // Newest first: the oldest 5 rows are the ones left out.
    expect(lines[2]?.startsWith(new Date(Date.UTC(2018, 0, 1) + (bulk - 1) * 1000).toISOString())).toBe(true);
    expect(lines.at(-1)?.startsWith(new Date(Date.UTC(2018, 0, 1) + 5 * 1000).toISOString())).toBe(true);
    // Not capped: no note.
    expect(csvLines((await download(admin, "/audit.csv?action=test.day")).body)[0]).toMatch(/^at,/);
  }, 90_000);
});

describe("pupils stay untraceable", () => {
  it("the page and the CSV never show a pupil's pseudonym or id, nor what they voted for", async () => {
    const pages = await Promise.all(["/audit", "/audit?actor=pupils", "/audit?action=ballot.cast", "/audit?action=signin.code", "/audit.csv", "/audit.csv?actor=pupils"].map((p) => download(admin, p)));
    for (const res of pages) {
      expect(res.status).toBe(200);
      expect(res.body).not.toContain(pupil.pseudonym);
      expect(res.body).not.toContain(pupil.id);
      expect(res.body).not.toContain(pupil.projectId);
    }
    // The pupil's rows are there, as "pupil"; a cast's row names no actor at all (decision 009).
    const csv = csvLines((pages[5] as { body: string }).body);
    expect(csv.some((l) => /,ballot\.cast,/.test(l))).toBe(false);
    expect(csvLines((pages[4] as { body: string }).body).some((l) => /,ballot\.cast,round,[^,]+,$/.test(l) && !/,pupil,/.test(l))).toBe(true);
    expect(csv.some((l) => /,pupil,,signin\.code,user,,$/.test(l))).toBe(true);
    const signin = tableRows((pages[3] as { body: string }).body);
    expect(signin.some((r) => r.includes("Oppilas") && r.includes("oppilaan tunnus"))).toBe(true);
    // The ballot row names the round, not the ballot.
    expect(tableRows((pages[2] as { body: string }).body).some((r) => r.includes(`Kierros ${DEMO_ROUNDS.current}`))).toBe(true);
  });
});
