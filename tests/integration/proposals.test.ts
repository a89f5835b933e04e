// Proposals over HTTP: pupils write, edit and (re)submit ideas; staff moderate them with reasons,
// one decision at a time; approved ideas become ballot projects and show up in the public list.
// Everything runs against the built server on its own demo database; the database is read directly
// (read-only) to check what was — and was not — written.
import { beforeAll, describe, expect, it } from "vitest";
import type { Proposal } from "~/generated/prisma/client";
import { formatDay } from "~/shared/locale";
import { ACCOUNTS, DEMO_ROUNDS, expectNoStackTrace, GENEROUS_SIGNIN_LIMITS, onPostgres, pageText, PUPILS, setupServer, type Client, type HttpResponse } from "./harness";

const SCHOOL_ROUND = DEMO_ROUNDS.school;
const CITY_ROUND = DEMO_ROUNDS.current;
/** Pupils of the school round (00501, koillinen): 8-DEM5 and 7-DEM6. */
const PUPIL5 = PUPILS.schoolRound8;
const PUPIL6 = PUPILS.schoolRound7;

const SAVED = "Päätös tallennettu";
const CONFLICT = "Joku muu päätti tästä ideasta samaan aikaan";

// A few pupils send dozens of ideas here, as set-up: more than the 20 an hour one pupil may send
// (decision 015; tests/integration/hardening.test.ts tests that limit).
const server = setupServer({ label: "proposals", ...GENEROUS_SIGNIN_LIMITS, env: { RATE_LIMIT_PROPOSAL: "1000/1h" } });
let pupil5: Client;
let pupil6: Client;
let cityPupil: Client;
let staff: Client;
let staff2: Client;
let staffSv: Client;
let coordinator: Client;
let anonymous: Client;

beforeAll(async () => {
  anonymous = server.client();
  [pupil5, pupil6, cityPupil, staff, staff2, staffSv, coordinator] = await Promise.all([
    server.signedInPupil(PUPIL5),
    server.signedInPupil(PUPIL6),
    server.signedInPupil(PUPILS.malmi8),
    server.signedIn(ACCOUNTS.staff),
    server.signedIn(ACCOUNTS.staff),
    server.signedIn(ACCOUNTS.staffSv),
    server.signedIn(ACCOUNTS.coordinator),
  ]);
});

// ---- database ------------------------------------------------------------------------------------

/** The only element of `rows` (fails when there are none or several). */
function only<T>(rows: T[], what: string): T {
  if (rows.length !== 1) throw new Error(`expected one ${what}, got ${rows.length}`);
  return rows[0] as T;
}

interface Counts {
  proposals: number;
  events: number;
  audits: number;
  coAuthors: number;
  projects: number;
}

async function counts(): Promise<Counts> {
  const { prisma } = server.db;
  const [proposals, events, audits, coAuthors, projects] = await Promise.all([
    prisma.proposal.count(),
    prisma.proposalEvent.count(),
    prisma.auditLog.count(),
    prisma.proposalCoAuthor.count(),
    prisma.ballotProject.count(),
  ]);
  return { proposals, events, audits, coAuthors, projects };
}

function proposal(id: string): Promise<Proposal> {
  return server.db.prisma.proposal.findUniqueOrThrow({ where: { id } });
}

async function eventTypes(id: string): Promise<string[]> {
  // Raw SQL: events of one request can share a timestamp, and only the row's place keeps their order
  // (SQLite's rowid; PostgreSQL's ctid, the insertion order for rows never updated, as events are).
  const rows = onPostgres()
    ? await server.db.prisma.$queryRaw<{ type: string }[]>`SELECT "type" FROM "ProposalEvent" WHERE "proposalId" = ${id} ORDER BY "at", ctid`
    : await server.db.prisma.$queryRaw<{ type: string }[]>`SELECT "type" FROM "ProposalEvent" WHERE "proposalId" = ${id} ORDER BY "at", "rowid"`;
  return rows.map((r) => r.type);
}

async function proposalIdByTitle(title: string): Promise<string> {
  return only(await server.db.prisma.proposal.findMany({ where: { title }, select: { id: true } }), `idea titled ${title}`).id;
}

/** The one ballot project with this code (in any round). */
async function projectByCode(code: string) {
  return only(await server.db.prisma.ballotProject.findMany({ where: { code }, select: { id: true, code: true } }), `project ${code}`);
}

// ---- helpers -------------------------------------------------------------------------------------

let serial = 0;
/** A title no other test uses. */
function uniqueTitle(prefix: string): string {
  serial += 1;
  return `${prefix} ${serial}`;
}

const DESCRIPTION = "Pihalle tarvitaan lisää penkkejä ja pöytiä, koska nyt istutaan maassa.";

function ideaForm(fields: Record<string, string> = {}): Record<string, string> {
  return { intent: "submit", title: uniqueTitle("Idea"), description: DESCRIPTION, area: "koillinen", sector: "basic", ...fields };
}

/** Posts a new idea and returns its id (expects the redirect to the idea's page). */
async function createIdea(client: Client, fields: Record<string, string> = {}): Promise<string> {
  const form = ideaForm(fields);
  const res = await client.post("/ideas/new", form);
  expect(res.status, res.body.slice(0, 500)).toBe(302);
  const match = /^\/ideas\/([^/?]+)\?done=(saved|submitted)$/.exec(res.location ?? "");
  expect(match, res.location ?? "").not.toBeNull();
  expect(match?.[2]).toBe(form.intent === "draft" ? "saved" : "submitted");
  return match?.[1] ?? "";
}

/** The version the moderation page puts in its hidden field. */
async function versionOf(client: Client, id: string): Promise<number> {
  const res = await client.get(`/moderation/${id}`);
  expect(res.status, res.body.slice(0, 300)).toBe(200);
  const match = /<input[^>]*name="version"[^>]*value="(\d+)"|<input[^>]*value="(\d+)"[^>]*name="version"/.exec(res.body);
  expect(match, "hidden version input").not.toBeNull();
  return Number(match?.[1] ?? match?.[2]);
}

/** A staff decision with the version read from the page (unless given). */
async function decide(client: Client, id: string, fields: Record<string, string>): Promise<HttpResponse> {
  const version = fields.version ?? String(await versionOf(client, id));
  return client.post(`/moderation/${id}`, { ...fields, version });
}

async function expectDecided(client: Client, id: string, fields: Record<string, string>, status: string): Promise<void> {
  const res = await decide(client, id, fields);
  expect(res.status, pageText(res.body).slice(0, 800)).toBe(200);
  expect(pageText(res.body)).toContain(SAVED);
  expect((await proposal(id)).status).toBe(status);
}

/** A submitted idea of pupil 5 (or another pupil), approved by staff. */
async function approvedIdea(client: Client = pupil5, fields: Record<string, string> = {}): Promise<string> {
  const id = await createIdea(client, fields);
  await expectDecided(staff, id, { action: "approve" }, "approved");
  return id;
}

/** Titles of the ideas listed on a /ideas page. */
function listedTitles(html: string): string[] {
  return [...html.matchAll(/<h3><a[^>]*href="\/ideas\/[^"]+"[^>]*>([^<]*)<\/a><\/h3>/g)].map((m) => m[1] ?? "");
}

// ---- pupils --------------------------------------------------------------------------------------

describe("a pupil proposes an idea", () => {
  it("saves a draft, edits it while it is a draft, then submits it", async () => {
    const before = await counts();
    const title = uniqueTitle("Luonnos penkeistä");
    const id = await createIdea(pupil5, { intent: "draft", title, costEstimate: "2500", concernsSchool: "on" });
    expect(await proposal(id)).toMatchObject({ title, status: "draft", costEstimate: 2500 });
    expect((await proposal(id)).schoolId).not.toBeNull();
    expect(await eventTypes(id)).toEqual(["created"]);

    const page = await pupil5.get(`/ideas/${id}?done=saved`);
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain("Luonnoksesi tallennettiin.");
    expect(pageText(page.body)).toContain(title);
    expect(page.body).toContain(`href="/ideas/${id}/edit"`);
    // A draft is the pupil's own: staff and the public do not see it.
    expect((await anonymous.get(`/ideas/${id}`)).status).toBe(404);
    expect((await pupil6.get(`/ideas/${id}`)).status).toBe(404);
    expect((await staff.get(`/moderation/${id}`)).status).toBe(404);
    expect((await staff.get(`/ideas/${id}`)).status).toBe(404);

    const edited = `${title} (muokattu)`;
    const editForm = await pupil5.get(`/ideas/${id}/edit`);
    expect(editForm.status).toBe(200);
    expect(editForm.body).toContain(`value="${title}"`);
    const res = await pupil5.post(`/ideas/${id}/edit`, ideaForm({ intent: "draft", title: edited, costEstimate: "" }));
    expect(res.status, res.body.slice(0, 500)).toBe(302);
    expect(res.location).toBe(`/ideas/${id}?done=saved`);
    expect(await proposal(id)).toMatchObject({ title: edited, status: "draft", costEstimate: null, schoolId: null });

    const submit = await pupil5.post(`/ideas/${id}/edit`, ideaForm({ intent: "submit", title: edited }));
    expect(submit.status, submit.body.slice(0, 500)).toBe(302);
    expect(submit.location).toBe(`/ideas/${id}?done=submitted`);
    expect((await proposal(id)).status).toBe("submitted");
    expect(await eventTypes(id)).toEqual(["created", "edited", "edited", "submitted"]);
    expect(pageText((await pupil5.get(`/ideas/${id}?done=submitted`)).body)).toContain("Ideasi lähetettiin.");

    const after = await counts();
    expect(after.proposals).toBe(before.proposals + 1);
    expect(after.audits).toBe(before.audits + 3);

    // Once submitted it can no longer be edited.
    const late = await pupil5.post(`/ideas/${id}/edit`, ideaForm({ intent: "draft", title: "Myöhäinen muutos" }));
    expect(late.status).toBe(409);
    expect(pageText(late.body)).toContain("Tätä ideaa ei voi enää muuttaa");
    expect((await proposal(id)).title).toBe(edited);
    expect(await counts()).toEqual(after);

    // The staff member now finds it in the moderation queue.
    expect(pageText((await staff.get("/moderation")).body)).toContain(edited);
  });

  it("an idea that is no longer a draft or sent back cannot be edited (409)", async () => {
    const id = await proposalIdByTitle("Katetut pyöräparkit");
    const before = await counts();
    const res = await cityPupil.post(`/ideas/${id}/edit`, ideaForm({ title: "Katetut pyöräparkit kaikille" }));
    expect(res.status).toBe(409);
    expect(pageText(res.body)).toContain("Tätä ideaa ei voi enää muuttaa: sen tila on Hyväksytty.");
    expect(await counts()).toEqual(before);
    expect((await proposal(id)).title).toBe("Katetut pyöräparkit");
  });

  it("staff cannot decide about a draft", async () => {
    const id = await createIdea(pupil5, { intent: "draft" });
    const before = await counts();
    const res = await staff.post(`/moderation/${id}`, { action: "approve", version: String((await proposal(id)).version) });
    expect([404, 409]).toContain(res.status);
    expect(await counts()).toEqual(before);
    expect((await proposal(id)).status).toBe("draft");
  });

  it("submits directly with intent=submit", async () => {
    const title = uniqueTitle("Suoraan lähetetty");
    const id = await createIdea(pupil5, { title });
    expect((await proposal(id)).status).toBe("submitted");
    expect(await eventTypes(id)).toEqual(["created", "submitted"]);
  });

  it("refuses a pupil of a round whose proposal phase is over: 403 with the dates", async () => {
    const before = await counts();
    const res = await cityPupil.post("/ideas/new", ideaForm());
    expect(res.status).toBe(403);
    const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug: CITY_ROUND }, select: { proposalsStart: true, proposalsEnd: true } });
    const text = pageText(res.body);
    expect(text).toContain(formatDay(round.proposalsStart, "fi"));
    expect(text).toContain(formatDay(round.proposalsEnd, "fi"));
    expect(text).toContain("Ideoita voi lähettää");
    expect(await counts()).toEqual(before);
    // The form page itself says the same instead of offering the form.
    const page = await cityPupil.get("/ideas/new");
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain(formatDay(round.proposalsEnd, "fi"));
    expect(page.body).not.toContain('name="title"');
  });

  it("bad input: 400, translated messages, the typed values kept, nothing written", async () => {
    const before = await counts();
    const res = await pupil5.post("/ideas/new", {
      intent: "submit",
      title: "Pkk",
      description: "Lyhyt kuvaus",
      area: "koillinen",
      sector: "basic",
      costEstimate: "12,5",
      coAuthors: "7-DEM6",
    });
    expect(res.status).toBe(400);
    expectNoStackTrace(res.body);
    const text = pageText(res.body);
    expect(text).toContain("Otsikko: kirjoita vähintään 5 merkkiä.");
    expect(text).toContain("Kuvaus: kirjoita vähintään 20 merkkiä");
    // Costs are whole euros: cents get their own message.
    expect(text).toContain("Arvioitu hinta: hinnat ovat kokonaisia euroja");
    expect(res.body).toContain('value="Pkk"');
    expect(res.body).toContain("Lyhyt kuvaus");
    expect(res.body).toContain('value="12,5"');
    expect(res.body).toContain('value="7-DEM6"');
    expect(await counts()).toEqual(before);
  });

  it("an unknown sector or intent is 400 and writes nothing", async () => {
    const before = await counts();
    expect((await pupil5.post("/ideas/new", ideaForm({ sector: "university" }))).status).toBe(400);
    expect((await pupil5.post("/ideas/new", ideaForm({ intent: "approve" }))).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("shows HTML typed into the title as text, escaped", async () => {
    const title = `<script>alert(1)</script> Penkit ${uniqueTitle("x")}`;
    const id = await createIdea(pupil5, { title, description: `<b>lihavoitu</b> ${DESCRIPTION}` });
    expect((await proposal(id)).title).toBe(title);
    for (const path of [`/ideas/${id}`, "/my-ideas"]) {
      const res = await pupil5.get(path);
      expect(res.status).toBe(200);
      expect(res.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(res.body).not.toContain("<script>alert(1)");
      expect(res.body).not.toContain("<b>lihavoitu</b>");
    }
    const moderation = await staff.get(`/moderation/${id}`);
    expect(moderation.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(moderation.body).not.toContain("<script>alert(1)");
    // The proposer's language is named in the page's language, not as its own name ("kielellä Svenska").
    const fi = pageText(moderation.body);
    expect(fi).toContain("Kirjoitetaan ideoijalle suomeksi.");
    expect(fi).toMatch(/Ideoijan kieli\s*suomi/);
    const en = pageText((await staff.get(`/moderation/${id}`, { "Accept-Language": "en" })).body);
    expect(en).toContain("Written to the proposer in Finnish.");
  });

  it("refuses the area of another district (400), accepts the whole city", async () => {
    const before = await counts();
    const res = await pupil5.post("/ideas/new", ideaForm({ area: "etelainen" }));
    expect(res.status).toBe(400);
    expect(pageText(res.body)).toContain("Alue: valitse koulusi alue tai koko kaupunki.");
    expect((await pupil5.post("/ideas/new", ideaForm({ area: "no-such-area" }))).status).toBe(400);
    expect(await counts()).toEqual(before);

    const id = await createIdea(pupil5, { area: "koko-kaupunki" });
    expect((await proposal(id)).areaSlug).toBe("koko-kaupunki");
  });

  it("refuses an unknown co-author (400) and writes nothing", async () => {
    const before = await counts();
    const res = await pupil5.post("/ideas/new", ideaForm({ coAuthors: "7-DEM6, 9-NOPE" }));
    expect(res.status).toBe(400);
    const text = pageText(res.body);
    expect(text).toContain("Muut ideoijat: koulussasi ei ole oppilasta");
    expect(text).toContain("9-NOPE");
    expect(text).not.toMatch(/nimimerkki on [^.]*7-DEM6/);
    expect(res.body).toContain('value="7-DEM6, 9-NOPE"');
    // A pupil of another round is unknown too, even with a real pseudonym.
    expect((await pupil5.post("/ideas/new", ideaForm({ coAuthors: "8-DEM1" }))).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("names the unknown co-proposers in the message, with no raw placeholder left", async () => {
    const before = await counts();
    const res = await pupil5.post("/ideas/new", ideaForm({ coAuthors: "9-NOPE 9-NADA" }));
    expect(res.status).toBe(400);
    const text = pageText(res.body);
    expect(text).toContain("jonka nimimerkki on 9-NOPE, 9-NADA.");
    // The rendered text (the page's strings travel as templates in its loader data, scripts excluded).
    expect(text).not.toContain("{{");
    // A list too long to read: its own message, still with nothing left untranslated.
    const long = await pupil5.post("/ideas/new", ideaForm({ coAuthors: "7-DEM6 ".repeat(80) }));
    expect(long.status).toBe(400);
    expect(pageText(long.body)).toContain("Muut ideoijat: enintään 500 merkkiä");
    expect(pageText(long.body)).not.toContain("{{");
    expect(await counts()).toEqual(before);
  });

  it("reads a cost typed the Finnish way and refuses an ambiguous one", async () => {
    const id = await createIdea(pupil5, { costEstimate: "1\u00a0200 €" });
    expect((await proposal(id)).costEstimate).toBe(1200);
    const page = await pupil5.get(`/ideas/${id}`);
    expect(pageText(page.body)).toMatch(/1[\s\u00a0\u202f]200[\s\u00a0\u202f]€/);
    const spaced = await createIdea(pupil5, { costEstimate: "1 200,00 €" });
    expect((await proposal(spaced)).costEstimate).toBe(1200);

    const before = await counts();
    const ambiguous = await pupil5.post("/ideas/new", ideaForm({ costEstimate: "1.200" }));
    expect(ambiguous.status).toBe(400);
    expect(pageText(ambiguous.body)).toContain("Arvioitu hinta: ”1.200” tai ”1,200” voi tarkoittaa tuhansia tai desimaaleja");
    expect(ambiguous.body).toContain('value="1.200"');
    const cents = await pupil5.post("/ideas/new", ideaForm({ costEstimate: "1 200,50" }));
    expect(cents.status).toBe(400);
    expect(pageText(cents.body)).toContain("Arvioitu hinta: hinnat ovat kokonaisia euroja");
    expect(await counts()).toEqual(before);
  });

  it("tells staff what the pupil did, and the proposer what they did", async () => {
    const id = await createIdea(pupil5);
    const mine = pageText((await pupil5.get(`/ideas/${id}`)).body);
    expect(mine).toContain("Lähetit idean");
    expect(mine).not.toContain("Oppilas lähetti idean");
    for (const path of [`/ideas/${id}`, `/moderation/${id}`]) {
      const res = await staff.get(path);
      expect(res.status).toBe(200);
      const text = pageText(res.body);
      expect(text, path).toContain("Oppilas lähetti idean");
      expect(text, path).not.toContain("Lähetit idean");
    }
  });

  it("a co-author sees the idea on /my-ideas and its page, but cannot edit it", async () => {
    const title = uniqueTitle("Yhteinen idea");
    const id = await createIdea(pupil5, { intent: "draft", title, coAuthors: "7-DEM6" });
    const mine = await pupil6.get("/my-ideas");
    expect(mine.status).toBe(200);
    expect(pageText(mine.body)).toContain(title);
    const page = await pupil6.get(`/ideas/${id}`);
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain(title);
    expect(pageText(page.body)).toContain("7-DEM6");
    expect(page.body).not.toContain(`href="/ideas/${id}/edit"`);
    expect((await pupil6.get(`/ideas/${id}/edit`)).status).toBe(404);
    const before = await counts();
    expect((await pupil6.post(`/ideas/${id}/edit`, ideaForm({ intent: "submit", title: "Kaapattu idea" }))).status).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await proposal(id)).title).toBe(title);
  });
});

// ---- moderation ----------------------------------------------------------------------------------

describe("moderation decisions", () => {
  it("request changes with a reason → the proposer sees it, edits and resubmits", async () => {
    const title = uniqueTitle("Muutettava idea");
    const id = await createIdea(pupil5, { title });
    const reason = "Kerro tarkemmin, mihin kohtaan pihaa penkit tulisivat.";
    await expectDecided(staff, id, { action: "request-changes", reason }, "needs-changes");

    const page = await pupil5.get(`/ideas/${id}`);
    const text = pageText(page.body);
    expect(text).toContain("Muutoksia pyydetty");
    expect(text).toContain("Henkilökunta pyysi muutoksia");
    expect(text).toContain(reason);
    expect(page.body).toContain(`href="/ideas/${id}/edit"`);
    expect(pageText((await pupil5.get("/my-ideas")).body)).toContain(reason);

    const res = await pupil5.post(`/ideas/${id}/edit`, ideaForm({ intent: "submit", title: `${title} ja pöydät` }));
    expect(res.status, res.body.slice(0, 500)).toBe(302);
    expect(await proposal(id)).toMatchObject({ status: "submitted", title: `${title} ja pöydät` });
    expect(await eventTypes(id)).toEqual(["created", "submitted", "changes-requested", "edited", "resubmitted"]);
    expect(pageText((await pupil5.get(`/ideas/${id}`)).body)).toContain("Lähetit muutetun idean");
  });

  it("the seeded needs-changes idea can be resubmitted by its author", async () => {
    const id = await proposalIdByTitle("Parempaa musiikkia");
    expect((await proposal(id)).status).toBe("needs-changes");
    expect(pageText((await pupil6.get(`/ideas/${id}`)).body)).toContain("Kerro lisää: mitä soittimia tarvitaan ja kuinka monta?");
    const res = await pupil6.post(`/ideas/${id}/edit`, {
      intent: "submit",
      title: "Parempaa musiikkia",
      description: "Musiikkiluokkaan kaksi kitaraa, rumpusetti ja kolme ukulelea, koska vanhat ovat rikki.",
      area: "koillinen",
      sector: "basic",
      concernsSchool: "on",
    });
    expect(res.status, res.body.slice(0, 500)).toBe(302);
    expect((await proposal(id)).status).toBe("submitted");
    expect((await eventTypes(id)).at(-1)).toBe("resubmitted");
  });

  it("approve: the idea becomes public", async () => {
    const title = uniqueTitle("Hyväksytty idea");
    const id = await createIdea(pupil5, { title });
    expect((await anonymous.get(`/ideas/${id}`)).status).toBe(404);
    const before = await counts();
    await expectDecided(staff, id, { action: "approve" }, "approved");
    const after = await counts();
    expect(after.events).toBe(before.events + 1);
    expect(after.audits).toBe(before.audits + 1);
    const audit = only(await server.db.prisma.auditLog.findMany({ where: { subjectId: id, action: "proposal.approve" } }), "approval audit");
    expect(audit.actorId).toBe((await server.db.prisma.user.findUniqueOrThrow({ where: { email: ACCOUNTS.staff.email } })).id);

    const pub = await anonymous.get(`/ideas/${id}`);
    expect(pub.status).toBe(200);
    expect(pageText(pub.body)).toContain(title);
    // The public sees the content, not the story or the co-authors.
    expect(pageText(pub.body)).not.toContain("Mitä on tapahtunut");
    expect(pageText((await anonymous.get(`/ideas?round=${SCHOOL_ROUND}`)).body)).toContain(title);
    expect(pageText((await pupil5.get(`/ideas/${id}`)).body)).toContain("Henkilökunta hyväksyi idean");
  });

  it("reject with a reason: the proposer sees the reason, the public sees nothing", async () => {
    const title = uniqueTitle("Hylätty idea");
    const id = await createIdea(pupil5, { title });
    const reason = "Tätä ei voi toteuttaa turvallisesti, joten se ei mene äänestykseen.";
    await expectDecided(staff, id, { action: "reject", reason }, "rejected");
    const text = pageText((await pupil5.get(`/ideas/${id}`)).body);
    expect(text).toContain("Ei viety eteenpäin");
    expect(text).toContain(reason);
    expect((await anonymous.get(`/ideas/${id}`)).status).toBe(404);
    const event = only(await server.db.prisma.proposalEvent.findMany({ where: { proposalId: id, type: "rejected" }, select: { reason: true, actorId: true } }), "rejection");
    expect(event.reason).toBe(reason);
  });

  it("merge into another idea: the proposer sees 'merged' and a link to the target", async () => {
    const targetTitle = uniqueTitle("Kohdeidea");
    const target = await createIdea(pupil6, { title: targetTitle });
    const title = uniqueTitle("Yhdistettävä idea");
    const id = await createIdea(pupil5, { title });
    const form = await staff.get(`/moderation/${id}`);
    expect(form.body).toContain(`value="${target}"`);

    const reason = "Samanlainen idea lähetettiin myös, joten yhdistimme ne.";
    await expectDecided(staff, id, { action: "merge", reason, target }, "merged");
    expect((await proposal(id)).mergedIntoId).toBe(target);
    expect((await proposal(target)).status).toBe("submitted");
    const event = only(await server.db.prisma.proposalEvent.findMany({ where: { proposalId: id, type: "merged" }, select: { targetId: true, reason: true } }), "merge");
    expect(event).toEqual({ targetId: target, reason });

    const page = await pupil5.get(`/ideas/${id}`);
    const text = pageText(page.body);
    expect(text).toContain("Yhdistetty toiseen ideaan");
    expect(text).toContain(reason);
    expect(text).toContain(`Yhdistetty ideaan: ${targetTitle}`);
    expect(page.body).toMatch(new RegExp(`<a[^>]*href="/ideas/${target}"`));
    // Nothing more can be decided about a merged idea.
    expect(pageText((await staff.get(`/moderation/${id}`)).body)).toContain("Tässä tilassa olevasta ideasta ei voi tehdä päätöstä.");
  });

  it("merge into itself, a draft or a missing idea is refused (400) and writes nothing", async () => {
    const id = await createIdea(pupil5);
    const draft = await createIdea(pupil5, { intent: "draft" });
    const version = String(await versionOf(staff, id));
    const before = await counts();
    for (const target of [id, draft, "no-such-idea"]) {
      const res = await staff.post(`/moderation/${id}`, { action: "merge", reason: "Sama idea.", target, version });
      expect(res.status, target).toBe(400);
      expect(pageText(res.body)).toContain("Yhdistä ideaan: valitse toinen");
    }
    const missing = await staff.post(`/moderation/${id}`, { action: "merge", reason: "Sama idea.", version });
    expect(missing.status).toBe(400);
    expect(pageText(missing.body)).toContain("Yhdistä ideaan: valitse idea, johon yhdistetään.");
    expect(await counts()).toEqual(before);
    expect(await proposal(id)).toMatchObject({ status: "submitted", mergedIntoId: null });
  });

  it("hide: gone from the public list and page, the proposer still sees it with the reason", async () => {
    const title = uniqueTitle("Piilotettava idea");
    const id = await approvedIdea(pupil5, { title });
    expect(listedTitles((await anonymous.get(`/ideas?round=${SCHOOL_ROUND}`)).body)).toContain(title);

    const reason = "Ideassa oli jonkun henkilötietoja, joten se piilotettiin.";
    await expectDecided(staff, id, { action: "hide", reason }, "hidden");

    const list = await anonymous.get(`/ideas?round=${SCHOOL_ROUND}`);
    expect(list.status).toBe(200);
    expect(pageText(list.body)).not.toContain(title);
    expect(pageText((await anonymous.get(`/ideas?round=${SCHOOL_ROUND}&q=${encodeURIComponent(title)}`)).body)).not.toContain(title);
    expect((await anonymous.get(`/ideas/${id}`)).status).toBe(404);
    expect((await pupil6.get(`/ideas/${id}`)).status).toBe(404);

    const own = await pupil5.get(`/ideas/${id}`);
    expect(own.status).toBe(200);
    const text = pageText(own.body);
    expect(text).toContain(title);
    expect(text).toContain("Piilotettu");
    expect(text).toContain("Tämä idea on piilotettu muilta.");
    expect(text).toContain(reason);
    expect(pageText((await pupil5.get("/my-ideas")).body)).toContain(title);
  });

  it("a decision without a reason is 400 and writes nothing", async () => {
    const id = await createIdea(pupil5);
    const before = await counts();
    for (const action of ["request-changes", "reject", "hide"]) {
      const res = await decide(staff, id, { action, reason: "   " });
      expect(res.status, action).toBe(400);
      expect(pageText(res.body)).toContain("Perustelu: kerro ideoijalle miksi.");
    }
    const noAction = await decide(staff, id, { reason: "Syy." });
    expect(noAction.status).toBe(400);
    expect(pageText(noAction.body)).toContain("Päätös: valitse, mitä idealle tehdään.");
    const noVersion = await staff.post(`/moderation/${id}`, { action: "approve" });
    expect(noVersion.status).toBe(400);
    expect(await counts()).toEqual(before);
    expect((await proposal(id)).status).toBe("submitted");
  });

  it("an illegal move (approving an approved idea) is 409 and writes nothing", async () => {
    const id = await approvedIdea();
    const before = await counts();
    const version = (await proposal(id)).version;
    const res = await decide(staff, id, { action: "approve" });
    expect(res.status).toBe(409);
    expect(pageText(res.body)).toContain("Tämä päätös ei ole mahdollinen idealle, jonka tila on Hyväksytty.");
    for (const action of ["reject", "request-changes"]) {
      expect((await decide(staff, id, { action, reason: "Syy." })).status, action).toBe(409);
    }
    expect(await counts()).toEqual(before);
    expect(await proposal(id)).toMatchObject({ status: "approved", version });
    // The page offers only the legal moves.
    const page = await staff.get(`/moderation/${id}`);
    expect(page.body).toContain('value="merge"');
    expect(page.body).toContain('value="hide"');
    expect(page.body).not.toMatch(/name="action" value="approve"/);
  });

  it("a stale version is a 409 conflict and writes nothing", async () => {
    const id = await createIdea(pupil5);
    const version = await versionOf(staff, id);
    await expectDecided(staff, id, { action: "request-changes", reason: "Kerro lisää.", version: String(version) }, "needs-changes");
    const before = await counts();
    const res = await staff.post(`/moderation/${id}`, { action: "hide", reason: "Asiaton.", version: String(version) });
    expect(res.status).toBe(409);
    expect(pageText(res.body)).toContain(CONFLICT);
    expect(await counts()).toEqual(before);
    expect((await proposal(id)).status).toBe("needs-changes");
  });

  describe("two decisions at the same time", () => {
    const pairs: Array<[Record<string, string>, Record<string, string>]> = [
      [{ action: "approve" }, { action: "approve" }],
      [{ action: "approve" }, { action: "reject", reason: "Ei onnistu." }],
      [{ action: "request-changes", reason: "Kerro lisää." }, { action: "hide", reason: "Asiaton." }],
    ];
    it.each(pairs)("%j vs %j: exactly one wins, one event and one audit row", async (first, second) => {
      const id = await createIdea(pupil5);
      const [v1, v2] = await Promise.all([versionOf(staff, id), versionOf(coordinator, id)]);
      expect(v1).toBe(v2);
      const before = await counts();
      const responses = await Promise.all([
        staff.post(`/moderation/${id}`, { ...first, version: String(v1) }),
        coordinator.post(`/moderation/${id}`, { ...second, version: String(v2) }),
      ]);
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const winner = responses.find((r) => r.status === 200);
      const loser = responses.find((r) => r.status === 409);
      expect(pageText(winner?.body ?? "")).toContain(SAVED);
      expect(pageText(loser?.body ?? "")).toContain(CONFLICT);
      expectNoStackTrace(loser?.body ?? "");

      const after = await counts();
      expect(after.events).toBe(before.events + 1);
      expect(after.audits).toBe(before.audits + 1);
      const decisionEvents = await server.db.prisma.proposalEvent.findMany({ where: { proposalId: id, type: { notIn: ["created", "submitted"] } }, select: { type: true } });
      expect(decisionEvents).toHaveLength(1);
      const audits = await server.db.prisma.auditLog.findMany({ where: { subjectId: id, action: { notIn: ["proposal.create", "proposal.edit"] } }, select: { action: true } });
      expect(audits).toHaveLength(1);
      const won = responses[0]?.status === 200 ? first : second;
      expect(audits[0]?.action).toBe(`proposal.${won.action}`);
      expect((await proposal(id)).version).toBe(v1 + 1);
    });

    it("two sessions of the same staff member: one 200, one 409", async () => {
      const id = await createIdea(pupil5);
      const version = String(await versionOf(staff, id));
      const before = await counts();
      const responses = await Promise.all([
        staff.post(`/moderation/${id}`, { action: "approve", version }),
        staff2.post(`/moderation/${id}`, { action: "reject", reason: "Ei.", version }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      expect((await counts()).events).toBe(before.events + 1);
      expect((await counts()).audits).toBe(before.audits + 1);
    });
  });
});

describe("who may moderate", () => {
  it("staff of another school get 403 on the page and the decision, and do not see the idea in their list", async () => {
    const title = uniqueTitle("Malmin idea");
    const id = await createIdea(pupil5, { title });
    const version = String((await proposal(id)).version);
    const before = await counts();

    const page = await staffSv.get(`/moderation/${id}`);
    expect(page.status).toBe(403);
    expect(pageText(page.body)).not.toContain(title);
    expect((await staffSv.get(`/moderation/${id}.data`)).body).not.toContain(title);
    const post = await staffSv.post(`/moderation/${id}`, { action: "approve", version });
    expect(post.status).toBe(403);
    const list = await staffSv.get("/moderation");
    expect(list.status).toBe(200);
    expect(pageText(list.body)).not.toContain(title);
    expect(pageText(list.body)).not.toContain("Penkkejä koulun pihalle");
    // Nor can they make a project of it.
    expect(await counts()).toEqual(before);
    expect((await proposal(id)).status).toBe("submitted");
    // Their own staff colleague of 00501 and the coordinator do see it.
    expect(pageText((await staff.get("/moderation")).body)).toContain(title);
    expect(pageText((await coordinator.get("/moderation")).body)).toContain(title);
    // The author's own page never offers staff links to an outsider.
    expect((await staffSv.get(`/ideas/${id}`)).status).toBe(404);
  });

  it("pupils get 403 on moderation, anonymous visitors are sent to sign in", async () => {
    const id = await proposalIdByTitle("Penkkejä koulun pihalle");
    for (const path of ["/moderation", `/moderation/${id}`]) {
      expect((await pupil5.get(path)).status, path).toBe(403);
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(302);
      expect(res.location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    const before = await counts();
    expect((await pupil5.post(`/moderation/${id}`, { action: "approve", version: "0" })).status).toBe(403);
    const anon = await anonymous.post(`/moderation/${id}`, { action: "approve", version: "0" });
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login\?/);
    expect(await counts()).toEqual(before);
    expect((await pupil5.get(`/projects/new?round=${SCHOOL_ROUND}`)).status).toBe(403);
  });
});

// ---- projects ------------------------------------------------------------------------------------

describe("ballot projects from approved ideas", () => {
  function projectForm(code: string, proposals: string[], extra: Record<string, string> = {}): URLSearchParams {
    const form = new URLSearchParams();
    for (const p of proposals) form.append("proposals", p);
    const fields = {
      code,
      titleFi: "Penkit ja pöydät pihalle",
      titleSv: "Bänkar och bord på gården",
      titleEn: "Benches and tables for the yard",
      area: "koillinen",
      sector: "basic",
      cost: "6000",
      ...extra,
    };
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return form;
  }

  let first: string;
  let second: string;

  it("co-creation: one project from two pupils' ideas; both proposers see it", async () => {
    first = await approvedIdea(pupil5, { title: uniqueTitle("Penkit pihalle") });
    second = await approvedIdea(pupil6, { title: uniqueTitle("Pöydät pihalle") });
    const page = await staff.get(`/projects/new?round=${SCHOOL_ROUND}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`value="${first}"`);
    expect(page.body).toContain(`value="${second}"`);

    const before = await counts();
    const res = await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL-01", [first, second]));
    expect(res.status, pageText(res.body).slice(0, 800)).toBe(302);
    expect(res.location).toMatch(/^\/projects\?/);
    const location = new URL(res.location ?? "", server.baseUrl);
    expect(location.searchParams.get("round")).toBe(SCHOOL_ROUND);
    expect(location.searchParams.get("created")).toBe("MAL-01");

    const after = await counts();
    expect(after.projects).toBe(before.projects + 1);
    expect(after.events).toBe(before.events + 2);
    expect(after.audits).toBe(before.audits + 1);
    const project = await projectByCode("MAL-01");
    for (const id of [first, second]) {
      expect(await proposal(id)).toMatchObject({ status: "approved", projectId: project.id });
      expect((await eventTypes(id)).at(-1)).toBe("project-linked");
    }

    for (const [client, id] of [
      [pupil5, first],
      [pupil6, second],
    ] as const) {
      const own = await client.get(`/ideas/${id}`);
      expect(own.status).toBe(200);
      const text = pageText(own.body);
      expect(text).toContain("Ideasta tuli osa äänestettävää hanketta");
      expect(text).toContain("MAL-01 Penkit ja pöydät pihalle");
    }
    const projects = await staff.get(`/projects?round=${SCHOOL_ROUND}`);
    expect(projects.status).toBe(200);
    expect(pageText(projects.body)).toContain("Penkit ja pöydät pihalle");
    // In the public list, the idea now carries its project.
    const list = await anonymous.get(`/ideas?round=${SCHOOL_ROUND}&status=project`);
    expect(listedTitles(list.body)).toEqual(expect.arrayContaining([(await proposal(first)).title, (await proposal(second)).title]));
  });

  it("a second project cannot take an idea that is already in one: 409, nothing written", async () => {
    const third = await approvedIdea(pupil5);
    const before = await counts();
    const res = await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL-02", [third, first]));
    expect(res.status).toBe(409);
    expect(pageText(res.body)).toContain("Ideat: jokin valituista ideoista ei ole enää hyväksytty tai on jo hankkeessa");
    expect(await counts()).toEqual(before);
    expect(await server.db.prisma.ballotProject.findMany({ where: { code: "MAL-02" } })).toHaveLength(0);
    expect((await proposal(third)).projectId).toBeNull();
    expect((await proposal(first)).projectId).toBe((await projectByCode("MAL-01")).id);
  });

  it("refuses ideas that are not approved, a taken code and bad input, writing nothing", async () => {
    const submitted = await createIdea(pupil5);
    const approved = await approvedIdea(pupil5);
    const before = await counts();
    const notApproved = await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL-03", [submitted]));
    expect(notApproved.status).toBe(409);
    const taken = await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL-01", [approved]));
    expect(taken.status).toBe(409);
    expect(pageText(taken.body)).toContain("kierroksella on jo hanke tällä tunnuksella");
    expect((await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL-04", []))).status).toBe(400);
    expect((await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL 04!", [approved]))).status).toBe(400);
    expect((await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL-04", [approved], { cost: "0" }))).status).toBe(400);
    // The school round has a budget only for koillinen.
    expect((await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL-04", [approved], { area: "etelainen" }))).status).toBe(400);
    // Staff of another school cannot take 00501's ideas.
    expect((await staffSv.post(`/projects/new?round=${SCHOOL_ROUND}`, projectForm("MAL-05", [approved]))).status).toBe(409);
    expect(await counts()).toEqual(before);
    expect((await proposal(approved)).projectId).toBeNull();
  });
});

// ---- browsing ------------------------------------------------------------------------------------

describe("browsing the public list", () => {
  const CITY_APPROVED = [
    "Lisää palloja ja koreja välitunneille",
    "Hiljainen tila lukemiseen",
    "Katetut pyöräparkit",
    "Koulun oma kasvimaa",
    "Gym för eleverna i Ressu",
    "Fler böcker på svenska",
    "Mielenterveysviikko",
    "Ilmaisia kesäkursseja",
  ];

  async function titles(query: string): Promise<string[]> {
    const res = await anonymous.get(`/ideas?${query}`);
    expect(res.status, query).toBe(200);
    expectNoStackTrace(res.body);
    return listedTitles(res.body);
  }

  it("lists only approved ideas of the chosen round", async () => {
    const all = await titles(`round=${CITY_ROUND}`);
    expect([...all].sort()).toEqual([...CITY_APPROVED].sort());
    expect(all).not.toContain("Uima-allas koulun katolle");
    expect(all).not.toContain("Lukunurkka kirjastoon");
    expect(pageText((await anonymous.get(`/ideas?round=${CITY_ROUND}`)).body)).toContain("8 ideaa");
    const school = await titles(`round=${SCHOOL_ROUND}`);
    expect(school).not.toContain("Penkkejä koulun pihalle");
    expect(school).not.toContain(CITY_APPROVED[0]);
  });

  it("filters by area, sector, school, project status and words", async () => {
    expect((await titles(`round=${CITY_ROUND}&area=etelainen`)).sort()).toEqual(["Fler böcker på svenska", "Gym för eleverna i Ressu"]);
    expect(await titles(`round=${CITY_ROUND}&area=koko-kaupunki&sector=liberal-adult`)).toEqual(["Ilmaisia kesäkursseja"]);
    expect(await titles(`round=${CITY_ROUND}&sector=upper-secondary`)).toEqual(["Hiljainen tila lukemiseen"]);
    expect((await titles(`round=${CITY_ROUND}&school=00502`)).sort()).toEqual(["Hiljainen tila lukemiseen", "Koulun oma kasvimaa", "Mielenterveysviikko"]);
    expect(await titles(`round=${CITY_ROUND}&q=kasvimaa`)).toEqual(["Koulun oma kasvimaa"]);
    expect(await titles(`round=${CITY_ROUND}&q=${encodeURIComponent("välitunneilla")}`)).toEqual(["Hiljainen tila lukemiseen"]);
    expect((await titles(`round=${CITY_ROUND}&status=project`)).sort()).toEqual([...CITY_APPROVED].sort());
    expect(await titles(`round=${CITY_ROUND}&status=noProject`)).toEqual([]);
    expect(await titles(`round=${CITY_ROUND}&status=selected`)).toEqual([]);
    expect(pageText((await anonymous.get(`/ideas?round=${CITY_ROUND}&status=noProject`)).body)).toContain("Näillä valinnoilla ei löydy ideoita.");
    const byArea = await titles(`round=${CITY_ROUND}&sort=area`);
    expect([...byArea].sort()).toEqual([...CITY_APPROVED].sort());
    // Eteläinen comes before Koillinen, which comes before the whole city.
    expect(byArea.indexOf("Gym för eleverna i Ressu")).toBeLessThan(byArea.indexOf("Katetut pyöräparkit"));
    expect(byArea.indexOf("Katetut pyöräparkit")).toBeLessThan(byArea.indexOf("Mielenterveysviikko"));
  });

  it("garbage and out-of-range parameters still give 200", async () => {
    const garbage = [
      `round=${CITY_ROUND}&area=%3Cscript%3E&sector=zzz&status=bogus&sort=up&school=99999&page=abc`,
      `round=${CITY_ROUND}&page=-5`,
      `round=${CITY_ROUND}&page=999999`,
      `round=${CITY_ROUND}&page=1e400`,
      `round=${CITY_ROUND}&page=`,
      `round=no-such-round`,
      `round=&q=${"x".repeat(500)}`,
      `q=%25%27%22%3B--&page=2`,
      `area=koillinen&area=etelainen&round=${CITY_ROUND}`,
      `round=${CITY_ROUND}&q=%00%ff`,
    ];
    for (const query of garbage) await titles(query);
    // Unknown filters are ignored rather than matching nothing.
    expect((await titles(`round=${CITY_ROUND}&area=%3Cscript%3E&sector=zzz&status=bogus&sort=up&school=99999&page=abc`)).sort()).toEqual(
      [...CITY_APPROVED].sort(),
    );
    expect((await titles(`round=${CITY_ROUND}&page=999999`)).sort()).toEqual([...CITY_APPROVED].sort());
    const res = await anonymous.get(`/ideas?round=${CITY_ROUND}&area=%3Cscript%3Ealert(1)%3C/script%3E`);
    expect(res.body).not.toContain("<script>alert(1)");
  });

  it("pages through more than 20 ideas via the query string", async () => {
    const prefix = "Sivutettava idea";
    const existing = await server.db.prisma.proposal.count({ where: { round: { slug: SCHOOL_ROUND }, status: "approved" } });
    const toCreate = Math.max(0, 23 - existing);
    const created: string[] = [];
    for (let i = 0; i < toCreate; i++) {
      const title = `${prefix} ${String(i).padStart(2, "0")}`;
      await approvedIdea(i % 2 ? pupil6 : pupil5, { title, sector: i % 3 ? "basic" : "early-childhood" });
      created.push(title);
    }
    const total = existing + toCreate;
    expect(total).toBeGreaterThan(20);

    const page1 = await titles(`round=${SCHOOL_ROUND}`);
    const page1b = await titles(`round=${SCHOOL_ROUND}&page=1`);
    const page2 = await titles(`round=${SCHOOL_ROUND}&page=2`);
    expect(page1).toEqual(page1b);
    expect(page1).toHaveLength(20);
    expect(page2).toHaveLength(total - 20);
    expect(page1.filter((t) => page2.includes(t))).toEqual([]);
    expect([...page1, ...page2]).toEqual(expect.arrayContaining(created));
    // Newest first: the last idea created leads page 1.
    expect(page1[0]).toBe(created.at(-1));

    const first = await anonymous.get(`/ideas?round=${SCHOOL_ROUND}`);
    expect(pageText(first.body)).toContain("Sivu 1/2");
    expect(first.body).toContain(`href="/ideas?round=${SCHOOL_ROUND}&amp;page=2"`);
    const second = await anonymous.get(`/ideas?round=${SCHOOL_ROUND}&page=2`);
    expect(pageText(second.body)).toContain("Sivu 2/2");
    // Out of range: the nearest real page.
    expect(await titles(`round=${SCHOOL_ROUND}&page=99`)).toEqual(page2);
    expect(await titles(`round=${SCHOOL_ROUND}&page=0`)).toEqual(page1);
    expect(await titles(`round=${SCHOOL_ROUND}&page=abc`)).toEqual(page1);
    // Filters and pages together.
    const early = await titles(`round=${SCHOOL_ROUND}&sector=early-childhood`);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((t) => t.startsWith(prefix))).toBe(true);
    expect(early).toEqual(created.filter((_, i) => i % 3 === 0).reverse());
  });
});
