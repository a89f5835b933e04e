// Turnout through HTTP and the CLI (docs/domain.md and §3 `turnout`, `import-enrolment`): pupils vote
// online (POST /vote) and on paper (`import-paper-ballots`); then `turnout` and /turnout/export give
// the expected numbers in CSV, JSON and XLSX (parsed back with exceljs); public files hide small
// cells; the page says when its figures were counted and counts a new vote on the next load; staff of
// one school cannot get another school's figures; enrolment imports all or nothing.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, type Client, DEMO_ROUNDS, GENEROUS_SIGNIN_LIMITS, pageText, PUPILS, setupServer, setupTmpDir } from "./harness";

const ROUND = DEMO_ROUNDS.current;
const SCHOOL = "00101";

const server = setupServer({ label: "turnout", ...GENEROUS_SIGNIN_LIMITS });
const tmp = setupTmpDir("turnout");

interface JsonFile {
  round: string;
  by: string[];
  public: boolean;
  exact: boolean;
  generatedAt: string;
  rows: Array<Record<string, string | number | null>>;
  total: { eligible: number; voters: number | null; participation_rate: number | null; suppressed: string | null };
}

async function cliJson(by: string, extra: string[] = []): Promise<JsonFile> {
  const res = await server.cli(["turnout", "--round", ROUND, "--by", by, "--format", "json", ...extra]);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as JsonFile;
}

function rowOf(file: JsonFile, match: Record<string, string>) {
  const row = file.rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  if (!row) throw new Error(`no row ${JSON.stringify(match)}`);
  return row;
}

async function xlsxRows(buffer: Buffer): Promise<{ rows: unknown[][]; about: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const read = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };
  return { rows: read("Turnout"), about: read("About") };
}

describe("a round voted online and on paper", () => {
  let before: JsonFile;
  beforeAll(async () => {
    before = await cliJson("school,method");
    const area = (await server.db.prisma.school.findUniqueOrThrow({ where: { code: SCHOOL } })).areaSlug;
    const projects = await server.db.roundProjects(ROUND, area);
    expect(projects.length).toBeGreaterThan(0);
    const [online1, online2, paper1] = await server.issueCodes({ round: ROUND, school: SCHOOL, classLevel: 8, count: 3 });
    for (const code of [online1, online2]) {
      const client = await server.signedInPupil(code as string);
      const res = await client.castBallot({ [area]: [projects[0]?.id as string] });
      expect(res.status, pageText(res.body).slice(0, 300)).toBe(302);
    }
    const paperFile = tmp.write("paper.csv", `code,area,projects\n${paper1},${area},${projects[0]?.code}\n`);
    const paper = await server.cli(["import-paper-ballots", "--round", ROUND, paperFile]);
    expect(paper.code, paper.stderr).toBe(0);
  });

  it("the CLI's JSON counts the new online and paper voters (exact)", async () => {
    const after = await cliJson("school,method");
    expect(after).toMatchObject({ round: ROUND, by: ["school", "method"], public: false, exact: true });
    const online = (f: JsonFile) => rowOf(f, { school: SCHOOL, method: "online" });
    const paper = (f: JsonFile) => rowOf(f, { school: SCHOOL, method: "paper" });
    expect(online(after).voters).toBe((online(before).voters as number) + 2);
    expect(paper(after).voters).toBe((paper(before).voters as number) + 1);
    expect(after.total.voters).toBe((before.total.voters as number) + 3);
    const row = online(after);
    expect(row.participation_rate).toBe(Math.round(((row.voters as number) / (row.eligible as number)) * 1000) / 10);
  });

  it("CSV, JSON and XLSX of the CLI and of the coordinator's download agree", async () => {
    const json = await cliJson("type,language");
    // Rates like Helsinki's 2019 round (docs/domain.md).
    expect(rowOf(json, { type: "11", language: "fi" }).participation_rate).toBeGreaterThan(30);
    const csv = await server.cli(["turnout", "--round", ROUND, "--by", "type,language", "--format", "csv"]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.startsWith("\uFEFFtype,language,eligible,voters,participation_rate\r\n")).toBe(true);
    const lines = csv.stdout.slice(1).trim().split("\r\n").map((l) => l.split(","));
    expect(lines.length).toBe(json.rows.length + 2);
    json.rows.forEach((r, i) => {
      expect(lines[i + 1]).toEqual([r.type, r.language, String(r.eligible), String(r.voters), (r.participation_rate as number).toFixed(1)]);
    });
    expect(lines.at(-1)).toEqual(["total", "", String(json.total.eligible), String(json.total.voters), (json.total.participation_rate as number).toFixed(1)]);

    const out = tmp.file("turnout.xlsx");
    const xlsx = await server.cli(["turnout", "--round", ROUND, "--by", "type,language", "--format", "xlsx", "--out", out]);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const book = await xlsxRows(fs.readFileSync(out));
    expect(book.rows[0]).toEqual(["type", "language", "eligible", "voters", "participation_rate"]);
    json.rows.forEach((r, i) => expect(book.rows[i + 1]).toEqual([r.type, r.language, r.eligible, r.voters, r.participation_rate]));
    expect(book.rows.at(-1)).toEqual(["total", "", json.total.eligible, json.total.voters, json.total.participation_rate]);
    expect(book.about.find((r) => r[0] === "exact")?.[1]).toBe("yes");

    const coordinator = await server.signedIn(ACCOUNTS.coordinator);
    const dl = await coordinator.get(`/turnout/export?round=${ROUND}&by=type,language&format=csv`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toContain("text/csv");
    expect(dl.headers.get("content-disposition")).toContain("attachment");
    expect(dl.body.replace(/^\uFEFF/, "")).toBe(csv.stdout.replace(/^\uFEFF/, ""));
    const dlJson = await coordinator.get(`/turnout/export?round=${ROUND}&by=type,language&format=json`);
    expect((JSON.parse(dlJson.body) as JsonFile).rows).toEqual(json.rows);
    const res = await fetch(`${server.baseUrl}/turnout/export?round=${ROUND}&by=type,language&format=xlsx`, {
      headers: { Cookie: [...coordinator.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(res.status).toBe(200);
    const dlBook = await xlsxRows(Buffer.from(await res.arrayBuffer()));
    expect(dlBook.rows).toEqual(book.rows);

    const page = await coordinator.get(`/turnout?round=${ROUND}&by=type,language`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<svg");
    expect(page.body).toContain("<title");
  });

  it("public files hide small cells so that they cannot be worked out from the total", async () => {
    const exact = await cliJson("school,class-level");
    const pub = await cliJson("school,class-level", ["--public"]);
    expect(pub).toMatchObject({ public: true, exact: false });
    expect(pub.rows.length).toBe(exact.rows.length);
    const hidden = pub.rows.filter((r) => r.suppressed);
    for (const [i, r] of pub.rows.entries()) {
      const e = exact.rows[i] as Record<string, unknown>;
      if ((e.voters as number) < 5 || (e.eligible as number) < 10) expect(r.suppressed, JSON.stringify(e)).not.toBeNull();
      if (r.suppressed) expect(r.voters).toBeNull();
      else expect(r.voters).toBe(e.voters);
    }
    if (pub.total.voters !== null) {
      const shown = pub.rows.reduce((s, r) => s + ((r.voters as number | null) ?? 0), 0);
      expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
      // What subtraction gives is the sum of the hidden cells, never one of them.
      expect(pub.total.voters - shown).toBe(hidden.reduce((s, r) => s + (exact.rows[pub.rows.indexOf(r)]?.voters as number), 0));
    }
    const csv = await server.cli(["turnout", "--round", ROUND, "--by", "school,class-level", "--format", "csv", "--public"]);
    if (hidden.some((r) => r.suppressed === "<5")) expect(csv.stdout).toContain(",<5,suppressed");
  });
});

describe("live figures during voting", () => {
  /** The page's "Counted at HH:MM" (en), its refresh link, and the total voters of the table. */
  function readPage(html: string) {
    const text = pageText(html);
    const counted = /Counted at (\d\d:\d\d)/.exec(text)?.[1];
    const total = /<tfoot>[\s\S]*?<td class="num">[^<]*<\/td><td class="num">([^<]*)<\/td>/.exec(html)?.[1];
    const link = /<a href="([^"]*)"[^>]*>Refresh figures<\/a>/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    return { counted, voters: total === undefined ? undefined : Number(total.replace(/\D/g, "")), link };
  }
  const helsinkiNow = (offsetMs = 0) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Helsinki", hour: "2-digit", minute: "2-digit" }).format(new Date(Date.now() + offsetMs));

  it("says when the figures were counted, links to the same URL, and counts a vote cast between two loads", async () => {
    const coordinator = await server.signedIn(ACCOUNTS.coordinator);
    coordinator.setLanguage("en");
    const url = `/turnout?round=${ROUND}&by=school&school=${SCHOOL}`;
    const first = await coordinator.get(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const before = readPage(first.body);
    expect(before.counted, pageText(first.body).slice(0, 600)).toBeDefined();
    // Helsinki wall-clock time, allowing for a minute turning over during the request.
    expect([helsinkiNow(-60_000), helsinkiNow(), helsinkiNow(60_000)]).toContain(before.counted);
    expect(before.link).toBe(url);
    expect(first.body).not.toMatch(/http-equiv="refresh"/i);
    expect(before.voters).toEqual(expect.any(Number));

    const area = (await server.db.prisma.school.findUniqueOrThrow({ where: { code: SCHOOL } })).areaSlug;
    const projects = await server.db.roundProjects(ROUND, area);
    const [code] = await server.issueCodes({ round: ROUND, school: SCHOOL, classLevel: 9, count: 1 });
    const pupil = await server.signedInPupil(code as string);
    const cast = await pupil.castBallot({ [area]: [projects[0]?.id as string] });
    expect(cast.status, pageText(cast.body).slice(0, 300)).toBe(302);

    const second = readPage((await coordinator.get(url)).body);
    expect(second.voters).toBe((before.voters as number) + 1);
    expect(second.counted).toBeDefined();
  });

  it("says when the figures were counted in Finnish and Swedish too", async () => {
    const coordinator = await server.signedIn(ACCOUNTS.coordinator);
    coordinator.setLanguage("fi");
    const fi = pageText((await coordinator.get(`/turnout?round=${ROUND}`)).body);
    expect(fi).toMatch(/Laskettu klo \d\d\.\d\d/);
    expect(fi).toContain("Päivitä luvut");
    coordinator.setLanguage("sv");
    const sv = pageText((await coordinator.get(`/turnout?round=${ROUND}`)).body);
    expect(sv).toMatch(/Räknat kl\. \d\d\.\d\d/);
    expect(sv).toContain("Uppdatera siffrorna");
  });
});

describe("who may download what", () => {
  it("staff of 00105 get public figures of their own school only", async () => {
    const staff = await server.signedIn(ACCOUNTS.staffSv);
    const other = await staff.get(`/turnout/export?round=${ROUND}&by=class-level&format=csv&public=1&school=00101`);
    expect(other.status).toBe(403);
    expect(other.body).not.toContain("eligible");
    const exact = await staff.get(`/turnout/export?round=${ROUND}&by=class-level&format=csv&school=00105`);
    expect(exact.status).toBe(403);
    const otherPage = await staff.get(`/turnout?round=${ROUND}&by=class-level&school=00101`);
    expect(otherPage.status).toBe(403);

    const own = await staff.get(`/turnout/export?round=${ROUND}&by=school&format=json&public=1`);
    expect(own.status).toBe(200);
    const file = JSON.parse(own.body) as JsonFile;
    expect(file.public).toBe(true);
    expect(file.rows.map((r) => r.school)).toEqual(["00105"]);
    const page = await staff.get(`/turnout?round=${ROUND}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('name="file"');
  });

  it("pupils and visitors are refused", async () => {
    const anonymous = server.client();
    const res = await anonymous.get(`/turnout/export?round=${ROUND}&by=type&format=csv&public=1`);
    expect(res.status).toBe(302);
    const pupil = await server.signedInPupil(PUPILS.topelius9);
    expect((await pupil.get(`/turnout/export?round=${ROUND}&by=type&format=csv&public=1`)).status).toBe(403);
    expect((await pupil.get("/turnout")).status).toBe(403);
  });
});

describe("import-enrolment", () => {
  const eligibleOf = async (school: string, level: number) =>
    (await server.db.prisma.enrolment.findFirst({ where: { round: { slug: ROUND }, school: { code: school }, classLevel: level } }))?.eligible;

  it("upserts a good file and refuses a bad one whole, naming line and column", async () => {
    const good = tmp.write("enrolment.csv", "\uFEFFschool,class_level,eligible\n00101,7,111\n00102,8,222\n");
    const ok = await server.cli(["import-enrolment", "--round", ROUND, good]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(await eligibleOf("00101", 7)).toBe(111);
    expect(await eligibleOf("00102", 8)).toBe(222);

    const bad = tmp.write("bad.csv", "school,class_level,eligible\n00101,7,5\n99999,8,10\n");
    const refused = await server.cli(["import-enrolment", "--round", ROUND, bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("line 3, column 1 (school)");
    expect(refused.stderr).toContain("99999");
    expect(await eligibleOf("00101", 7)).toBe(111);

    fs.writeFileSync(bad, "school,class_level,eligible\n00101,7,x\n");
    const notNumber = await server.cli(["import-enrolment", "--round", ROUND, bad]);
    expect(notNumber.code).toBe(1);
    expect(notNumber.stderr).toContain("line 2, column 3 (eligible)");
    expect((await server.cli(["import-enrolment", bad])).code).toBe(2);
  });

  it("coordinators import pasted CSV on /turnout; staff cannot", async () => {
    const coordinator = await server.signedIn(ACCOUNTS.coordinator);
    coordinator.setLanguage("en");
    const res = await coordinator.post(`/turnout?round=${ROUND}`, { intent: "import", round: ROUND, csv: "school,class_level,eligible\n00103,9,99\n" });
    expect(res.status).toBe(200);
    expect(await eligibleOf("00103", 9)).toBe(99);
    const bad = await coordinator.post(`/turnout?round=${ROUND}`, { intent: "import", round: ROUND, csv: "school,class_level,eligible\n00103,9,98\nnope,9,1\n" });
    expect(bad.status).toBe(400);
    expect(pageText(bad.body)).toContain("Line 3, column 1 (school)");
    expect(await eligibleOf("00103", 9)).toBe(99);

    const staff = await server.signedIn(ACCOUNTS.staff);
    const refused = await staff.post(`/turnout?round=${ROUND}`, { intent: "import", round: ROUND, csv: "school,class_level,eligible\n00501,9,1\n" });
    expect(refused.status).toBe(403);
  });

  it("answers a bad paste in the page's language, naming line and column, and keeps the text", async () => {
    const coordinator = await server.signedIn(ACCOUNTS.coordinator);
    coordinator.setLanguage("sv");
    const pasted = "school,class_level,eligible\n00103,9,97\n00103,x,1\n";
    const bad = await coordinator.post(`/turnout?round=${ROUND}`, { intent: "import", round: ROUND, csv: pasted });
    expect(bad.status).toBe(400);
    const text = pageText(bad.body);
    expect(text).toContain("Ingenting importerades.");
    expect(text).toContain("Rad 3, kolumn 2 (class_level): årskursen ska vara ett heltal från 1 till 12.");
    expect(text).not.toContain("whole number");
    const textarea = bad.body.match(/<textarea[^>]*id="turnout-csv"[^>]*>([\s\S]*?)<\/textarea>/)?.[1] ?? "";
    expect(textarea.trim()).toBe(pasted.trim());
    expect(await eligibleOf("00103", 9)).toBe(99);

    coordinator.setLanguage("fi");
    const unknown = await coordinator.post(`/turnout?round=${ROUND}`, { intent: "import", round: ROUND, csv: "school,class_level,eligible\n99999,9,1\n" });
    expect(unknown.status).toBe(400);
    expect(pageText(unknown.body)).toContain("Rivi 2, sarake 1 (school): millään koululla ei ole koodia ”99999”");
  });
});

describe("the enrolment import is strict UTF-8 (decision 017)", () => {
  const eligibleOf = async (school: string, level: number) =>
    (await server.db.prisma.enrolment.findFirst({ where: { round: { slug: ROUND }, school: { code: school }, classLevel: level } }))?.eligible;
  const enrolmentCount = () => server.db.prisma.enrolment.count({ where: { round: { slug: ROUND } } });

  /** Posts the import form as multipart (a file and the paste box), as the browser does. */
  async function postImport(client: Client, csv: string, file?: { name: string; bytes: Uint8Array }) {
    const form = new FormData();
    form.append("intent", "import");
    form.append("round", ROUND);
    form.append("csv", csv);
    if (file) form.append("file", new Blob([new Uint8Array(file.bytes)], { type: "text/csv" }), file.name);
    const res = await fetch(`${server.baseUrl}/turnout?round=${ROUND}`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    return { status: res.status, body: await res.text() };
  }
  const textareaOf = (body: string) => body.match(/<textarea[^>]*id="turnout-csv"[^>]*>([\s\S]*?)<\/textarea>/)?.[1] ?? "";

  it("the CLI refuses a Latin-1 and a UTF-16 file with exit 1, the line and the fix, and writes nothing", async () => {
    const before = await enrolmentCount();
    const text = "school,class_level,eligible\n00101,7,5\n00102,8,6 # Ylöjärvi\n";
    const latin1 = tmp.write("enrolment-latin1.csv", "");
    fs.writeFileSync(latin1, Buffer.from(text, "latin1"));
    const refused = await server.cli(["import-enrolment", "--round", ROUND, latin1]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`Error: ${latin1}: line 3: the file is not UTF-8 (it looks like Latin-1/Windows-1252); save the file as UTF-8 (CSV UTF-8 in Excel) and import it again\n`);
    const utf16 = tmp.write("enrolment-utf16.csv", "");
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]));
    const refused16 = await server.cli(["import-enrolment", "--round", ROUND, utf16]);
    expect(refused16.code).toBe(1);
    expect(refused16.stderr).toContain(`Error: ${utf16}: line 1: the file is UTF-16`);
    expect(refused16.stderr).toContain("save the file as UTF-8 (CSV UTF-8 in Excel) and import it again");
    expect(await enrolmentCount()).toBe(before);
  });

  it("the paste box refuses mojibake with 400 on its field, in the page's language, and keeps the text", async () => {
    const coordinator = await server.signedIn(ACCOUNTS.coordinator);
    const before = await enrolmentCount();
    // A UTF-8 file opened as Windows-1252 before copying: "Ylöjärvi" shows as "YlÃ¶jÃ¤rvi".
    const pasted = "school,class_level,eligible\n00104,9,4321\n00104,8,44 YlÃ¶jÃ¤rvi\n";
    for (const [lang, message] of [
      ["fi", "Liitetty CSV: rivillä 3 on väärällä merkistöllä luettuja kirjaimia"],
      ["sv", "Inklistrad CSV: rad 3 har bokstäver som lästs med fel teckenkodning"],
      ["en", "Pasted CSV: line 3 has letters read in the wrong encoding"],
    ] as const) {
      coordinator.setLanguage(lang);
      const res = await coordinator.post(`/turnout?round=${ROUND}`, { intent: "import", round: ROUND, csv: pasted });
      expect(res.status, lang).toBe(400);
      const text = pageText(res.body);
      expect(text).toContain(message);
      expect(text).toContain("(CSV UTF-8)");
      expect(res.body).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*id="turnout-csv"|<textarea[^>]*id="turnout-csv"[^>]*aria-invalid="true"/);
      expect(res.body).toContain('id="turnout-csv-error"');
      expect(textareaOf(res.body).trim()).toBe(pasted.trim());
    }
    // The replacement character: letters already lost before copying.
    coordinator.setLanguage("en");
    const lost = await postImport(coordinator, "school,class_level,eligible\r\n00104,9,4321 Yl\uFFFDj\uFFFDrvi\r\n");
    expect(lost.status).toBe(400);
    expect(pageText(lost.body)).toContain("Pasted CSV: line 2 has letters read in the wrong encoding");
    expect(await enrolmentCount()).toBe(before);
    expect(await eligibleOf("00104", 9)).not.toBe(4321);
    // Genuine Finnish and Swedish letters in a paste are fine (they reach the CSV checks).
    const genuine = await coordinator.post(`/turnout?round=${ROUND}`, { intent: "import", round: ROUND, csv: "school,class_level,eligible\nÅbo-ÄÖ,9,1\n" });
    expect(genuine.status).toBe(400);
    expect(pageText(genuine.body)).toContain("Line 2, column 1 (school): no school has the code “Åbo-ÄÖ”");
  });

  it("an uploaded Latin-1 or UTF-16 file is refused on the file field, naming the file and line, and the paste is kept", async () => {
    const coordinator = await server.signedIn(ACCOUNTS.coordinator);
    const before = await enrolmentCount();
    const text = "school,class_level,eligible\n00104,9,4321\n00104,8,44,Ylöjärvi;Åbo\n";
    coordinator.setLanguage("sv");
    const latin1 = await postImport(coordinator, "kept text", { name: "elever.csv", bytes: Buffer.from(text, "latin1") });
    expect(latin1.status).toBe(400);
    expect(pageText(latin1.body)).toContain("CSV-fil ”elever.csv”: filen är inte i UTF-8 (den ser ut att vara Latin-1/Windows-1252) på rad 3. Spara filen i UTF-8");
    expect(latin1.body).toContain('id="turnout-file-error"');
    expect(textareaOf(latin1.body)).toBe("kept text");
    coordinator.setLanguage("fi");
    const utf16 = await postImport(coordinator, "", { name: "oppilaat.csv", bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]) });
    expect(utf16.status).toBe(400);
    expect(pageText(utf16.body)).toContain("CSV-tiedosto ”oppilaat.csv”: tiedosto on UTF-16-muotoinen");
    expect(await enrolmentCount()).toBe(before);
    // The same file in UTF-8, with a BOM, imports.
    coordinator.setLanguage("en");
    const good = await postImport(coordinator, "", { name: "pupils.csv", bytes: Buffer.from("\uFEFFschool,class_level,eligible\n00104,9,4321\n", "utf8") });
    expect(good.status, pageText(good.body)).toBe(200);
    expect(await eligibleOf("00104", 9)).toBe(4321);
  });
});

describe("turnout by day (the one raw query, SQLite's and PostgreSQL's text)", () => {
  it("counts each voter on their Helsinki day, also a vote at 23.30 Helsinki time, as the votes' own times say", async () => {
    const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug: ROUND } });
    const school = await server.db.prisma.school.findUniqueOrThrow({ where: { code: SCHOOL } });
    const [late, early] = await server.issueCodes({ round: ROUND, school: SCHOOL, classLevel: 8, count: 2 });
    // Two voters on either side of midnight in Helsinki on the first voting day (UTC+2 or +3).
    const firstDay = round.votingStart;
    const midnight = new Date(`${firstDay}T00:00:00Z`);
    midnight.setUTCDate(midnight.getUTCDate() + 1);
    const offsetHours = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Helsinki", hour: "numeric", hourCycle: "h23" }).format(midnight));
    const helsinkiMidnight = midnight.getTime() - offsetHours * 3_600_000;
    for (const [code, at] of [[late, helsinkiMidnight - 30 * 60_000], [early, helsinkiMidnight + 30 * 60_000]] as const) {
      await server.db.prisma.participation.create({
        data: { id: crypto.randomUUID(), roundId: round.id, userId: await server.db.pupilId(code as string), schoolId: school.id, classLevel: 8, method: "online", votedAt: new Date(at) },
      });
    }

    const byDay = await cliJson("school,day");
    const participations = await server.db.prisma.participation.findMany({ where: { roundId: round.id, schoolId: school.id }, select: { votedAt: true } });
    const expected = new Map<string, number>();
    for (const { votedAt } of participations) {
      const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(votedAt);
      expected.set(day, (expected.get(day) ?? 0) + 1);
    }
    const nextDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(new Date(helsinkiMidnight));
    expect(expected.get(firstDay)).toBeGreaterThanOrEqual(1);
    expect(expected.get(nextDay)).toBeGreaterThanOrEqual(1);
    const counted = new Map(byDay.rows.filter((r) => r.school === SCHOOL && r.voters !== null && (r.voters as number) > 0).map((r) => [r.day as string, r.voters as number]));
    expect(counted).toEqual(expected);
  });
});
