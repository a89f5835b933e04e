// Following an idea (docs/domain.md): a sent idea gets a public code; /i/CODE shows its status and
// dates to anyone, without names, the title only once the idea is public; the QR code is an SVG
// image; the slip is its proposers' only. Over HTTP against the built server on its own demo database.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROUNDS, GENEROUS_SIGNIN_LIMITS, ACCOUNTS, pageText, PUPILS, setupServer, type Client } from "./harness";

const SCHOOL_ROUND = DEMO_ROUNDS.school;
/** Pseudonyms of the school round's demo pupils (README, "Demo accounts") and their school. */
const AUTHOR_NAME = "8-DEM5";
const CO_AUTHOR_NAME = "7-DEM6";
const SCHOOL_NAMES = ["Malmin peruskoulu", "Malms grundskola"];
const CODE = /^[2-9A-HJKMNP-Z]{10}$/;

const server = setupServer({ label: "idea-status", ...GENEROUS_SIGNIN_LIMITS });
let author: Client;
let coAuthor: Client;
let otherPupil: Client;
let staff: Client;
let anonymous: Client;

beforeAll(async () => {
  anonymous = server.client();
  [author, coAuthor, otherPupil, staff] = await Promise.all([
    server.signedInPupil(PUPILS.schoolRound8),
    server.signedInPupil(PUPILS.schoolRound7),
    server.signedInPupil(PUPILS.malmi8),
    server.signedIn(ACCOUNTS.staff),
  ]);
});

let serial = 0;
const TITLE = () => `Kiipeilyseinä liikuntasaliin ${++serial}`;
const DESCRIPTION = "Liikuntasaliin kiipeilyseinä, jolla voi harjoitella välitunneilla ja liikuntatunneilla.";

async function createIdea(client: Client, fields: Record<string, string> = {}): Promise<string> {
  const res = await client.post("/ideas/new", { intent: "submit", title: TITLE(), description: DESCRIPTION, area: "koillinen", sector: "basic", concernsSchool: "on", ...fields });
  expect(res.status, pageText(res.body).slice(0, 500)).toBe(302);
  const id = /^\/ideas\/([^/?]+)\?done=/.exec(res.location ?? "")?.[1];
  expect(id).toBeTruthy();
  return id ?? "";
}

async function row(id: string) {
  return server.db.prisma.proposal.findUniqueOrThrow({ where: { id } });
}

async function decide(id: string, fields: Record<string, string>): Promise<void> {
  const page = await staff.get(`/moderation/${id}`);
  const version = /name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"/.exec(page.body);
  const res = await staff.post(`/moderation/${id}`, { ...fields, version: version?.[1] ?? version?.[2] ?? "" });
  expect(res.status, pageText(res.body).slice(0, 500)).toBe(200);
}

/** The page holds none of the people or the school behind the idea. */
function expectNoPersonalData(html: string): void {
  for (const text of [AUTHOR_NAME, CO_AUTHOR_NAME, ...SCHOOL_NAMES, "opettaja@omakoulu.test"]) expect(html).not.toContain(text);
}

describe("an idea's public status page", () => {
  let id: string;
  let title: string;
  let code: string;

  it("sending an idea gives it a code, shown to the pupil with the QR code and the slip link", async () => {
    title = TITLE();
    id = await createIdea(author, { title, coAuthors: CO_AUTHOR_NAME });
    code = (await row(id)).publicCode ?? "";
    expect(code).toMatch(CODE);
    const page = await author.get(`/ideas/${id}?done=submitted`);
    expect(page.status).toBe(200);
    expect(pageText(page.body)).toContain("Seuraa ideaasi");
    expect(page.body).toContain(`/i/${code}</a>`);
    expect(page.body).toContain(`href="${server.baseUrl}/i/${code}"`);
    expect(page.body).toContain(`src="/i/${code}/qr.svg"`);
    expect(page.body).toMatch(/alt="QR-koodi osoitteeseen [^"]*\/i\//);
    expect(page.body).toContain(`href="/ideas/${id}/slip"`);
    // The co-proposer sees it too; My ideas lists the link.
    expect((await coAuthor.get(`/ideas/${id}`)).body).toContain(`/i/${code}`);
    expect((await author.get("/my-ideas")).body).toContain(`/i/${code}</a>`);
  });

  it("a draft has no code and no slip; a later sending gives it one", async () => {
    const draft = await createIdea(author, { intent: "draft" });
    expect((await row(draft)).publicCode).toBeNull();
    expect((await author.get(`/ideas/${draft}/slip`)).status).toBe(404);
    expect((await author.get(`/ideas/${draft}`)).body).not.toContain("/qr.svg");
    const res = await author.post(`/ideas/${draft}/edit`, { intent: "submit", title: TITLE(), description: DESCRIPTION, area: "koillinen", sector: "basic" });
    expect(res.status).toBe(302);
    expect((await row(draft)).publicCode).toMatch(CODE);
  });

  it("shows the status and date to anyone, without names, school or title before approval", async () => {
    const res = await anonymous.get(`/i/${code}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<meta name="robots" content="noindex"/>');
    expect(res.headers.get("x-robots-tag")).toBe("noindex");
    const text = pageText(res.body);
    expect(text).toContain("Idean tilanne");
    expect(text).toMatch(/Ideasi lähetettiin \d+\. \p{L}+ \d{4}\./u);
    expect(text).toMatch(/Tilanne (Lähetetty|Käsittelyssä)/);
    expect(res.body).not.toContain(title);
    expect(res.body).not.toContain(DESCRIPTION);
    expect(res.body).not.toContain(`/ideas/${id}`);
    expectNoPersonalData(res.body);
    // Signed-in others see the same page.
    expect(pageText((await otherPupil.get(`/i/${code}`)).body)).not.toContain(title);
  });

  it("in English and Swedish too", async () => {
    const en = server.client();
    en.setLanguage("en");
    expect(pageText((await en.get(`/i/${code}`)).body)).toContain("Idea status");
    const sv = server.client();
    sv.setLanguage("sv");
    expect(pageText((await sv.get(`/i/${code}`)).body)).toContain("Idéns läge");
  });

  it("tells what staff asked, keeps the code when the idea is sent again", async () => {
    const reason = "Kerro, mihin kohtaan salia seinä tulisi.";
    await decide(id, { action: "request-changes", reason });
    const asked = await anonymous.get(`/i/${code}`);
    expect(pageText(asked.body)).toContain("Tarvitsee muutoksia");
    expect(pageText(asked.body)).toContain(reason);
    expect(asked.body).not.toContain(title);
    expectNoPersonalData(asked.body);

    const again = await author.post(`/ideas/${id}/edit`, { intent: "submit", title, description: DESCRIPTION, area: "koillinen", sector: "basic", coAuthors: CO_AUTHOR_NAME });
    expect(again.status).toBe(302);
    expect((await row(id)).publicCode).toBe(code);
    expect(pageText((await anonymous.get(`/i/${code}`)).body)).toContain("Muutettu idea lähetettiin");
  });

  it("shows the title once approved, with the idea's public page; and the project once on the ballot", async () => {
    await decide(id, { action: "approve" });
    const approved = await anonymous.get(`/i/${code}`);
    expect(pageText(approved.body)).toContain("Hyväksytty");
    expect(approved.body).toContain(title);
    expect(approved.body).toContain(`href="/ideas/${id}"`);
    expectNoPersonalData(approved.body);

    const form = new URLSearchParams({ code: "SEU-01", titleFi: "Kiipeilyseinä", titleSv: "Klätterväggar", titleEn: "Climbing walls", area: "koillinen", sector: "basic", cost: "8000" });
    form.append("proposals", id);
    expect((await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, form)).status).toBe(302);
    const project = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "SEU-01" } });
    const onBallot = await anonymous.get(`/i/${code}`);
    expect(pageText(onBallot.body)).toContain("Äänestyksessä");
    expect(pageText(onBallot.body)).toContain("Hanke: SEU-01 Kiipeilyseinä");
    expect(onBallot.body).toContain(`href="/projects/${project.id}"`);
    expectNoPersonalData(onBallot.body);

    // The project's later statuses are named in words.
    await server.db.prisma.ballotProject.update({ where: { id: project.id }, data: { status: "in-progress" } });
    expect(pageText((await anonymous.get(`/i/${code}`)).body)).toContain("Toteutumassa");
    await server.db.prisma.ballotProject.update({ where: { id: project.id }, data: { status: "implemented" } });
    expect(pageText((await anonymous.get(`/i/${code}`)).body)).toContain("Toteutettu");
  });

  it("a rejected idea shows the reason and never its title", async () => {
    const other = await createIdea(author);
    const otherTitle = (await row(other)).title;
    const reason = "Tämä ei ole koulun tehtävä, mutta kiitos ideasta.";
    await decide(other, { action: "reject", reason });
    const res = await anonymous.get(`/i/${(await row(other)).publicCode}`);
    expect(pageText(res.body)).toContain("Ei viety eteenpäin");
    expect(pageText(res.body)).toContain(reason);
    expect(res.body).not.toContain(otherTitle);
    expectNoPersonalData(res.body);
  });

  it("an unknown or malformed code is a translated 404; a code typed in lower case with dashes leads to the page", async () => {
    const unknown = await anonymous.get("/i/ZZZZZZZZZZ");
    expect(unknown.status).toBe(404);
    expect(pageText(unknown.body)).toContain("Sivua ei löydy");
    expect((await anonymous.get("/i/not-a-code")).status).toBe(404);
    expect((await anonymous.get("/i/ZZZZZZZZZZ/qr.svg")).status).toBe(404);
    const typed = await anonymous.get(`/i/${code.slice(0, 5).toLowerCase()}-${code.slice(5).toLowerCase()}`);
    expect(typed.status).toBe(302);
    expect(typed.location).toBe(`/i/${code}`);
  });

  it("the QR code is an SVG image of the page's address", async () => {
    const res = await anonymous.get(`/i/${code}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).not.toMatch(/<script/i);
  });

  it("the slip is for the proposers only", async () => {
    const slip = await author.get(`/ideas/${id}/slip`);
    expect(slip.status).toBe(200);
    expect(slip.body).toContain(title);
    expect(slip.body).toContain(`/i/${code}`);
    expect(slip.body).toContain(`src="/i/${code}/qr.svg"`);
    expect(slip.body).toContain('<meta name="robots" content="noindex"/>');
    expect((await coAuthor.get(`/ideas/${id}/slip`)).status).toBe(200);
    for (const client of [otherPupil, staff, anonymous]) {
      const refused = await client.get(`/ideas/${id}/slip`);
      expect(refused.status).toBe(404);
      expect(refused.body).not.toContain(code);
    }
    expect((await anonymous.get("/ideas/nonexistent/slip")).status).toBe(404);
  });

  it("ideas sent before codes existed get one when their proposer first looks", async () => {
    await server.db.prisma.proposal.update({ where: { id }, data: { publicCode: null } });
    const mine = await author.get("/my-ideas");
    const fresh = (await row(id)).publicCode;
    expect(fresh).toMatch(CODE);
    expect(fresh).not.toBe(code);
    expect(mine.body).toContain(`/i/${fresh}</a>`);
    expect((await anonymous.get(`/i/${code}`)).status).toBe(404);
    // The demo ideas were seeded with codes.
    const demo = await server.db.prisma.proposal.findMany({ where: { status: { not: "draft" }, publicCode: null }, select: { id: true } });
    expect(demo).toEqual([]);
  });
});
