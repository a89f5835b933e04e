// Follow-up (issue 10, docs/domain.md "Follow-up"): the demo's ended round has published results and
// progress updates (app/cli/seed.server.ts). Its proposer signs in long after the round and sees in
// their ideas' timelines that the projects were chosen and each update, merged idea included; the
// project page and "what happened to our ideas" are public and carry no personal data; staff post
// updates through the multipart form, with the rules, the permissions and the upload checks.
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, DEMO_ROUNDS, GENEROUS_SIGNIN_LIMITS, PUPILS, pageText, setupServer, type Client } from "./harness";

const server = setupServer({ label: "follow-up", ...GENEROUS_SIGNIN_LIMITS });

/** Posts a multipart form (with an optional file) with the client's cookies, as a browser does without JavaScript. */
async function postMultipart(client: Client, pathname: string, fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("image", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = await fetch(`${server.baseUrl}${pathname}`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  return { status: res.status, location: res.headers.get("Location"), body: await res.text() };
}

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

const UPDATE = { status: "in-progress", day: "2026-03-01", textFi: "Työt alkoivat.", textSv: "Arbetet började.", textEn: "Work started." };

async function pastProjects() {
  return server.db.prisma.ballotProject.findMany({
    where: { round: { slug: DEMO_ROUNDS.past } },
    include: { updates: { orderBy: { createdAt: "asc" } }, proposals: true },
    orderBy: { code: "asc" },
  });
}

describe("the demo's ended round", () => {
  it("has published results, winners with progress updates and an implemented project with a photo", async () => {
    const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug: DEMO_ROUNDS.past } });
    expect(round.resultsPublishedAt).not.toBeNull();
    const projects = await pastProjects();
    const statuses = projects.map((p) => p.status);
    expect(statuses).toContain("implemented");
    expect(statuses).toContain("not-selected");
    expect(await server.db.prisma.participation.count({ where: { roundId: round.id } })).toBeGreaterThan(100);
    const implemented = projects.find((p) => p.status === "implemented")!;
    expect(implemented.updates.at(-1)?.imageId).toBeTruthy();
    expect(implemented.descriptionEn.length).toBeGreaterThan(10);
  });
});

describe("a proposer after the round", () => {
  let pupil: Client;
  beforeAll(async () => {
    pupil = await server.signedInPupil(PUPILS.ended, { lang: "en" });
  });

  it("signs in with their code and sees in their ideas that projects were chosen, and every progress update", async () => {
    const page = pageText((await pupil.get("/my-ideas")).body);
    expect(page).toContain("The project was chosen in the vote");
    const mine = (await pastProjects()).filter((p) => p.proposals.some((i) => i.status === "approved"));
    expect(mine.some((p) => p.updates.length > 0)).toBe(true);
    for (const project of mine) {
      for (const update of project.updates) expect(page).toContain(update.textEn);
    }
  });

  it("follows a merged idea too: its timeline has the chosen project and its updates", async () => {
    const merged = await server.db.prisma.proposal.findFirstOrThrow({ where: { status: "merged", round: { slug: DEMO_ROUNDS.past } }, include: { mergedInto: { include: { project: { include: { updates: true } } } } } });
    const project = merged.mergedInto!.project!;
    expect(project.updates.length).toBeGreaterThan(0);
    const page = pageText((await pupil.get(`/ideas/${merged.id}`)).body);
    expect(page).toMatch(project.status === "not-selected" ? /was not chosen/ : /was chosen in the vote/);
    for (const update of project.updates) expect(page).toContain(update.textEn);
  });

  it("cannot propose or vote any more", async () => {
    expect((await pupil.get("/ideas/new")).body).not.toContain('name="title"');
    const vote = await pupil.get("/vote");
    expect(vote.body).not.toContain('value="cast"');
  });
});

describe("the public project page", () => {
  it("shows the description, the status, the updates and the photo, with no personal data", async () => {
    const implemented = (await pastProjects()).find((p) => p.status === "implemented")!;
    const res = await server.client().get(`/projects/${implemented.id}`);
    expect(res.status).toBe(200);
    const text = pageText(res.body);
    expect(text).toContain(implemented.descriptionFi);
    expect(text).toContain("Toteutettu");
    for (const u of implemented.updates) expect(text).toContain(u.textFi);
    const photo = implemented.updates.at(-1)!;
    expect(res.body).toContain(`src="/images/${photo.imageId}.jpg"`);
    expect(res.body).toContain(`alt="${photo.imageAltFi}"`);
    // No pupil pseudonym, no staff or coordinator name.
    expect(text).not.toMatch(/DEM\d|Koordinaattori|Opettaja/);
    const image = await fetch(`${server.baseUrl}/images/${photo.imageId}.jpg`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(image.headers.get("x-content-type-options")).toContain("nosniff");
  });

  it("is not public before voting starts, but staff see it", async () => {
    const candidate = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { round: { slug: DEMO_ROUNDS.current } } });
    const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug: DEMO_ROUNDS.current } });
    // The current round is voting now, so its projects are public.
    expect((await server.client().get(`/projects/${candidate.id}`)).status).toBe(200);
    expect(round.resultsPublishedAt).toBeNull();
    expect((await server.client().get("/projects/no-such-project")).status).toBe(404);
  });
});

describe("posting progress updates", () => {
  let coordinator: Client;
  beforeAll(async () => {
    coordinator = await server.signedIn(ACCOUNTS.coordinator);
  });

  async function selectedWithoutUpdates() {
    const project = (await pastProjects()).find((p) => ["selected", "planned", "in-progress"].includes(p.status) && p.status !== "implemented");
    expect(project, "a chosen project that is not finished").toBeDefined();
    return project!;
  }

  it("writes the update, moves the status and adds it to every proposer's timeline, with a photo", async () => {
    const project = await selectedWithoutUpdates();
    const before = await server.db.prisma.proposalEvent.count({ where: { type: "progress" } });
    const res = await postMultipart(coordinator, `/projects/${project.id}`, { ...UPDATE, imageAltFi: "Kuva", imageAltSv: "Bild", imageAltEn: "Picture" }, { name: "photo.png", type: "image/png", bytes: png(40, 30) });
    expect(res.status, res.body.slice(0, 400)).toBe(302);
    const after = await server.db.prisma.ballotProject.findUniqueOrThrow({ where: { id: project.id }, include: { updates: { orderBy: { createdAt: "desc" }, take: 1, include: { image: true } } } });
    expect(after.status).toBe("in-progress");
    expect(after.updates[0]?.textSv).toBe("Arbetet började.");
    expect(after.updates[0]?.image?.width).toBe(40);
    expect(await server.db.prisma.proposalEvent.count({ where: { type: "progress" } })).toBeGreaterThan(before);
    expect(await server.db.auditCount("project.progress")).toBeGreaterThan(0);
  });

  it("refuses a missing translation with 400, naming the field and keeping what was typed", async () => {
    const project = await selectedWithoutUpdates();
    const res = await postMultipart(coordinator, `/projects/${project.id}`, { ...UPDATE, textSv: "" });
    expect(res.status).toBe(400);
    expect(res.body).toContain('id="field-textSv"');
    expect(pageText(res.body)).toContain("Työt alkoivat.");
  });

  it("refuses a photo without alt texts, a file that is not a picture (415) and one too large (413), storing nothing", async () => {
    const project = await selectedWithoutUpdates();
    const count = () => server.db.prisma.projectUpdate.count();
    const images = () => server.db.prisma.image.count();
    const [updates, stored] = [await count(), await images()];
    const noAlt = await postMultipart(coordinator, `/projects/${project.id}`, UPDATE, { name: "photo.png", type: "image/png", bytes: png(10, 10) });
    expect(noAlt.status).toBe(400);
    const text = await postMultipart(coordinator, `/projects/${project.id}`, { ...UPDATE, imageAltFi: "a", imageAltSv: "b", imageAltEn: "c" }, { name: "photo.jpg", type: "image/jpeg", bytes: new TextEncoder().encode("<svg onload=alert(1)>") });
    expect(text.status).toBe(415);
    expect(pageText(text.body)).toContain("Työt alkoivat.");
    const big = new Uint8Array(6 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff]);
    const large = await postMultipart(coordinator, `/projects/${project.id}`, { ...UPDATE, imageAltFi: "a", imageAltSv: "b", imageAltEn: "c" }, { name: "big.jpg", type: "image/jpeg", bytes: big });
    expect(large.status).toBe(413);
    expect(await count()).toBe(updates);
    expect(await images()).toBe(stored);
  });

  it("refuses a status that cannot follow (409) and updates on a project that was not chosen", async () => {
    const projects = await pastProjects();
    const notChosen = projects.find((p) => p.status === "not-selected")!;
    const res = await postMultipart(coordinator, `/projects/${notChosen.id}`, UPDATE);
    expect(res.status).toBe(409);
    const implemented = projects.find((p) => p.status === "implemented")!;
    const back = await postMultipart(coordinator, `/projects/${implemented.id}`, { ...UPDATE, status: "planned" });
    expect(back.status).toBe(409);
  });

  it("refuses updates before the results are published", async () => {
    const candidate = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { round: { slug: DEMO_ROUNDS.current } } });
    const res = await postMultipart(coordinator, `/projects/${candidate.id}`, { ...UPDATE, status: "planned" });
    expect(res.status).toBe(409);
  });

  it("lets only staff who moderate the project's ideas post; pupils and anonymous visitors are refused", async () => {
    const project = await selectedWithoutUpdates();
    const staffOfOtherSchool = await server.signedIn(ACCOUNTS.staffSv);
    expect((await postMultipart(staffOfOtherSchool, `/projects/${project.id}`, { ...UPDATE, status: project.status === "selected" ? "planned" : project.status })).status).toBe(403);
    const pupil = await server.signedInPupil(PUPILS.ended);
    expect((await postMultipart(pupil, `/projects/${project.id}`, UPDATE)).status).toBe(403);
    const anonymous = await postMultipart(server.client(), `/projects/${project.id}`, UPDATE);
    expect([302, 401, 403]).toContain(anonymous.status);
    const staff = await server.signedIn(ACCOUNTS.staff);
    expect(pageText((await staff.get(`/projects/${project.id}`)).body)).toContain("Kerro hankkeen etenemisestä");
    expect(pageText((await staffOfOtherSchool.get(`/projects/${project.id}`)).body)).not.toContain("Kerro hankkeen etenemisestä");
  });
});

describe("what happened to our ideas", () => {
  it("counts each school's ideas by how far they got, with the merged idea counted as its target", async () => {
    const res = await server.client().get(`/rounds/${DEMO_ROUNDS.past}/follow-up?school=00501`);
    expect(res.status).toBe(200);
    const projects = await pastProjects();
    const malmi = await server.db.prisma.proposal.findMany({ where: { round: { slug: DEMO_ROUNDS.past }, status: { not: "draft" }, author: { school: { code: "00501" } } }, include: { project: true, mergedInto: { include: { project: true } } } });
    const projectOf = (p: (typeof malmi)[number]) => (p.status === "merged" ? p.mergedInto?.project : p.status === "approved" ? p.project : null) ?? null;
    const chosen = (s: string) => !["candidate", "not-selected"].includes(s);
    const expected = {
      sent: malmi.length,
      approved: malmi.filter((p) => p.status === "approved" || p.status === "merged").length,
      onBallot: malmi.filter((p) => projectOf(p)).length,
      selected: malmi.filter((p) => projectOf(p) && chosen(projectOf(p)!.status)).length,
      implemented: malmi.filter((p) => projectOf(p)?.status === "implemented").length,
    };
    expect(expected.implemented).toBeGreaterThan(0);
    const row = /<th scope="row"><a[^>]*>Malmin peruskoulu<\/a><\/th>((?:<td[^>]*>\d+<\/td>){5})/.exec(res.body)?.[1] ?? "";
    const cells = [...row.matchAll(/>(\d+)</g)].map((m) => Number(m[1]));
    expect(cells).toEqual([expected.sent, expected.approved, expected.onBallot, expected.selected, expected.implemented]);
    // Rejected ideas are counted but never named; no pseudonyms.
    const text = pageText(res.body);
    expect(text).not.toContain("Koulupäivä klo 10 alkaen");
    expect(text).not.toMatch(/DEM\d/);
    expect(projects.length).toBeGreaterThan(0);
  });

  it("is a 404 for an unknown round or school", async () => {
    expect((await server.client().get("/rounds/no-such-round/follow-up")).status).toBe(404);
    expect((await server.client().get(`/rounds/${DEMO_ROUNDS.past}/follow-up?school=99999`)).status).toBe(404);
  });
});

describe("idea cards", () => {
  it("show implemented and filter by it", async () => {
    const res = await server.client().get(`/ideas?round=${DEMO_ROUNDS.past}&status=implemented`, { "Accept-Language": "en" });
    const text = pageText(res.body);
    expect(text).toContain("Implemented");
    const implemented = (await pastProjects()).find((p) => p.status === "implemented")!;
    for (const idea of implemented.proposals.filter((p) => p.status === "approved")) expect(text).toContain(idea.title);
    const notChosen = (await pastProjects()).find((p) => p.status === "not-selected")!;
    for (const idea of notChosen.proposals) expect(text).not.toContain(idea.title);
  });
});
