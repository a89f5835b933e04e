// Ballot projects with a description and a picture (issue 10), over HTTP against the built server:
// the "new project" form as multipart, the stored picture served with safe headers, refused uploads
// (too large 413, not a picture 415) that keep the form and write nothing, the edit page (refused
// with 409 once voting has started), the description and picture on the ballot, and the optional
// description columns of `import-projects`. Test pictures are made here with jpeg-js and pngjs.
import fs from "node:fs";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, DEMO_ROUNDS, GENEROUS_SIGNIN_LIMITS, PUPILS, pageText, setupServer, setupTmpDir, type Client } from "./harness";

const SCHOOL_ROUND = DEMO_ROUNDS.school;
const CITY_ROUND = DEMO_ROUNDS.current;

const tmp = setupTmpDir("project-pictures");
const UPLOADS = tmp.file("uploads");
const server = setupServer({ label: "project-pictures", ...GENEROUS_SIGNIN_LIMITS, env: { UPLOAD_DIR: UPLOADS } });

let staff: Client;
let coordinator: Client;

beforeAll(async () => {
  [staff, coordinator] = await Promise.all([server.signedIn(ACCOUNTS.staff), server.signedIn(ACCOUNTS.coordinator)]);
});

function makePng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([30, 120, 200, 255], i * 4);
  return PNG.sync.write(png);
}

function makeJpeg(width: number, height: number): Buffer {
  return jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 128) }, 80).data;
}

/** A multipart POST with the client's cookies (the harness's client posts urlencoded forms). */
async function postMultipart(client: Client, pathname: string, form: FormData) {
  const res = await fetch(`${server.baseUrl}${pathname}`, {
    method: "POST",
    body: form,
    headers: { Cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    redirect: "manual",
  });
  return { status: res.status, location: res.headers.get("Location"), body: await res.text() };
}

/** An approved idea of the school round (Malmin peruskoulu, moderated by the demo staff), made in the database. */
async function approvedIdea(title: string): Promise<string> {
  const { prisma } = server.db;
  const round = await prisma.round.findUniqueOrThrow({ where: { slug: SCHOOL_ROUND } });
  const author = await prisma.user.findFirstOrThrow({ where: { role: "pupil", roundId: round.id } });
  const idea = await prisma.proposal.create({
    data: { roundId: round.id, authorId: author.id, title, description: "Pihalle tarvitaan lisää penkkejä ja pöytiä.", areaSlug: "koillinen", sector: "basic", schoolId: author.schoolId, status: "approved" },
  });
  return idea.id;
}

const DESCRIPTION_FI = "Pihalle kaksi penkkiä ja pöytä.\nNe tehdään kestävästä puusta.";

function projectForm(code: string, idea: string, extra: Record<string, string | Blob> = {}): FormData {
  const form = new FormData();
  form.append("proposals", idea);
  const fields: Record<string, string | Blob> = {
    code,
    titleFi: "Penkit pihalle",
    titleSv: "Bänkar på gården",
    titleEn: "Benches for the yard",
    area: "koillinen",
    sector: "basic",
    cost: "6000",
    descriptionFi: DESCRIPTION_FI,
    descriptionSv: "Två bänkar och ett bord på gården.",
    descriptionEn: "Two benches and a table for the yard.",
    imageAltFi: "Puiset penkit koulun pihalla",
    imageAltSv: "Träbänkar på skolgården",
    imageAltEn: "Wooden benches in the school yard",
    ...extra,
  };
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") form.set(name, value);
    else form.set(name, value, value instanceof File ? value.name : "upload.bin");
  }
  return form;
}

function storedFiles(): string[] {
  return fs.existsSync(UPLOADS) ? fs.readdirSync(UPLOADS) : [];
}

async function snapshot() {
  const { prisma } = server.db;
  return { images: await prisma.image.count(), projects: await prisma.ballotProject.count(), files: storedFiles().length };
}

describe("a project with a description and a picture", () => {
  let imageId: string;

  it("is created from a multipart form: the picture is re-encoded, scaled to 1600 px and stored with its row", async () => {
    const idea = await approvedIdea("Penkit pihalle, kuvan kanssa");
    const before = await snapshot();
    const picture = new File([new Uint8Array(makePng(2000, 1000))], "pihalla.png", { type: "image/png" });
    const res = await postMultipart(staff, `/projects/new?round=${SCHOOL_ROUND}`, projectForm("PIC-01", idea, { image: picture }));
    expect(res.status, pageText(res.body).slice(0, 600)).toBe(302);
    expect(res.location).toContain("created=PIC-01");

    const project = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "PIC-01" }, include: { image: true } });
    expect(project).toMatchObject({ descriptionFi: DESCRIPTION_FI, descriptionEn: "Two benches and a table for the yard.", imageAltSv: "Träbänkar på skolgården" });
    expect(project.image).toMatchObject({ width: 1600, height: 800 });
    imageId = project.imageId!;
    expect(imageId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const file = fs.readFileSync(`${UPLOADS}/${imageId}.jpg`);
    expect([...file.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(project.image?.bytes).toBe(file.length);
    expect(await snapshot()).toEqual({ images: before.images + 1, projects: before.projects + 1, files: before.files + 1 });
    const audit = await server.db.prisma.auditLog.findFirstOrThrow({ where: { action: "project.create", subjectId: project.id } });
    expect(JSON.parse(audit.detail)).toMatchObject({ code: "PIC-01", image: true });
  });

  it("serves the picture with safe headers, and 404 for unknown or ill-formed ids", async () => {
    const res = await fetch(`${server.baseUrl}/images/${imageId}.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-disposition")).toBe("inline");
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(fs.readFileSync(`${UPLOADS}/${imageId}.jpg`))).toBe(true);
    // Anyone may load it (pictures are public).
    expect((await server.client().get(`/images/${imageId}.jpg`)).status).toBe(200);
    for (const path of ["/images/AAAAAAAAAAAAAAAAAAAAAA.jpg", "/images/abc.jpg", `/images/${imageId}.png`, `/images/${imageId}`, "/images/..%2F..%2Fpackage.json", "/images/..%2F..%2F..%2F..%2Fetc%2Fpasswd.jpg", "/images/%2E%2E%2Fproject-pictures.jpg"]) {
      const other = await fetch(`${server.baseUrl}${path}`);
      expect(other.status, path).toBe(404);
      expect(other.headers.get("content-type"), path).not.toBe("image/jpeg");
    }
  });

  it("is listed with its description (as text, line breaks kept) and its picture", async () => {
    const page = await staff.get(`/projects?round=${SCHOOL_ROUND}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Pihalle kaksi penkkiä ja pöytä.\nNe tehdään kestävästä puusta.");
    const img = page.body.match(new RegExp(`<img[^>]*src="/images/${imageId}.jpg"[^>]*>`))?.[0] ?? "";
    expect(img).toContain('alt="Puiset penkit koulun pihalla"');
    expect(img).toContain('width="1600"');
    expect(img).toContain('height="800"');
    expect(img).toContain('loading="lazy"');
  });

  it("refuses a picture over 5 MB with 413, keeps what was typed and writes nothing", async () => {
    const idea = await approvedIdea("Liian iso kuva");
    const before = await snapshot();
    const big = new File([new Uint8Array(Buffer.concat([makeJpeg(16, 16), Buffer.alloc(6 * 1024 * 1024, 7)]))], "iso.jpg", { type: "image/jpeg" });
    const res = await postMultipart(staff, `/projects/new?round=${SCHOOL_ROUND}`, projectForm("PIC-02", idea, { image: big }));
    expect(res.status).toBe(413);
    const text = pageText(res.body);
    expect(text).toContain("Kuva: tiedosto on yli 5 Mt. Valitse JPEG- tai PNG-kuva, joka on alle 5 Mt");
    expect(res.body).toContain('href="#field-image"');
    expect(res.body).toContain('value="PIC-02"');
    expect(res.body).toContain('value="Puiset penkit koulun pihalla"');
    expect(res.body).toContain("Ne tehdään kestävästä puusta.");
    expect(res.body).toContain(`checked="" value="${idea}"`);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a file that is not a JPEG or PNG with 415 even when named .jpg, keeps the form and writes nothing", async () => {
    const idea = await approvedIdea("Ei kuva");
    const before = await snapshot();
    const gif = new File([new Uint8Array(Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64"))], "kuva.jpg", { type: "image/jpeg" });
    const res = await postMultipart(staff, `/projects/new?round=${SCHOOL_ROUND}`, projectForm("PIC-03", idea, { image: gif }));
    expect(res.status).toBe(415);
    expect(pageText(res.body)).toContain("Kuva: tiedosto ei ole JPEG- tai PNG-kuva");
    expect(res.body).toContain('value="PIC-03"');
    const text = new File(["<html><script>alert(1)</script></html>"], "kuva.jpg", { type: "image/jpeg" });
    expect((await postMultipart(staff, `/projects/new?round=${SCHOOL_ROUND}`, projectForm("PIC-03", idea, { image: text }))).status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it("asks for the picture's description in all three languages, naming the field, and stores nothing", async () => {
    const idea = await approvedIdea("Kuva ilman kuvausta");
    const before = await snapshot();
    const picture = new File([new Uint8Array(makeJpeg(40, 30))], "a.jpg", { type: "image/jpeg" });
    const res = await postMultipart(staff, `/projects/new?round=${SCHOOL_ROUND}`, projectForm("PIC-04", idea, { image: picture, imageAltSv: "" }));
    expect(res.status).toBe(400);
    expect(res.body).toContain('href="#field-imageAltSv"');
    expect(pageText(res.body)).toContain("Kuvan kuvaus: kirjoita, mitä kuvassa näkyy, suomeksi, ruotsiksi ja englanniksi.");
    expect(await snapshot()).toEqual(before);
  });

  it("is created without a picture or a description too (urlencoded, as before)", async () => {
    const idea = await approvedIdea("Pelkkä hanke");
    const form = new URLSearchParams({ proposals: idea, code: "PIC-05", titleFi: "Pallot", titleSv: "Bollar", titleEn: "Balls", area: "koillinen", sector: "basic", cost: "300" });
    const res = await staff.post(`/projects/new?round=${SCHOOL_ROUND}`, form);
    expect(res.status, pageText(res.body).slice(0, 600)).toBe(302);
    expect(await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "PIC-05" } })).toMatchObject({ descriptionFi: "", imageId: null });
  });
});

describe("editing a project", () => {
  it("changes the description and replaces, then removes, the picture before voting starts; the old files go", async () => {
    const project = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "PIC-01" } });
    const oldImage = project.imageId!;
    const page = await staff.get(`/projects/${project.id}/edit`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/enctype="multipart\/form-data"/i);
    expect(page.body).toContain(`src="/images/${oldImage}.jpg"`);

    const form = new FormData();
    for (const [name, value] of Object.entries({ titleFi: "Penkit ja pöytä", titleSv: "Bänkar och bord", titleEn: "Benches and a table", descriptionFi: "Uusi kuvaus.", imageAltFi: "Uusi kuva", imageAltSv: "Ny bild", imageAltEn: "New picture", currentImage: oldImage })) form.set(name, value);
    form.set("image", new File([new Uint8Array(makeJpeg(300, 200))], "uusi.jpg", { type: "image/jpeg" }), "uusi.jpg");
    const res = await postMultipart(staff, `/projects/${project.id}/edit`, form);
    expect(res.status, pageText(res.body).slice(0, 600)).toBe(302);
    expect(res.location).toContain("saved=PIC-01");
    const edited = await server.db.prisma.ballotProject.findUniqueOrThrow({ where: { id: project.id } });
    expect(edited).toMatchObject({ titleFi: "Penkit ja pöytä", descriptionFi: "Uusi kuvaus.", descriptionSv: "", imageAltEn: "New picture" });
    expect(edited.imageId).not.toBe(oldImage);
    expect(await server.db.prisma.image.findUnique({ where: { id: oldImage } })).toBeNull();
    expect(fs.existsSync(`${UPLOADS}/${oldImage}.jpg`)).toBe(false);
    const audit = await server.db.prisma.auditLog.findFirstOrThrow({ where: { action: "project.edit", subjectId: project.id } });
    expect(JSON.parse(audit.detail).updated).toContain("imageId");

    const remove = new FormData();
    for (const [name, value] of Object.entries({ titleFi: "Penkit ja pöytä", titleSv: "Bänkar och bord", titleEn: "Benches and a table", descriptionFi: "Uusi kuvaus.", currentImage: edited.imageId!, removeImage: "on" })) remove.set(name, value);
    expect((await postMultipart(staff, `/projects/${project.id}/edit`, remove)).status).toBe(302);
    const removed = await server.db.prisma.ballotProject.findUniqueOrThrow({ where: { id: project.id } });
    expect(removed).toMatchObject({ imageId: null, imageAltFi: "" });
    expect(fs.existsSync(`${UPLOADS}/${edited.imageId}.jpg`)).toBe(false);
  });

  it("is refused with 409 and a translated reason once the round's voting has started; nothing changes", async () => {
    const round = await server.db.prisma.round.findUniqueOrThrow({ where: { slug: CITY_ROUND } });
    const project = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { roundId: round.id } });
    const page = await coordinator.get(`/projects/${project.id}/edit`);
    expect(page.status).toBe(409);
    expect(pageText(page.body)).toContain("Hanketta ei voi enää muuttaa: sen kierroksen äänestys alkoi");
    expect(page.body).not.toContain('name="titleFi"');

    const before = await snapshot();
    const form = new FormData();
    for (const [name, value] of Object.entries({ titleFi: "Muutettu", titleSv: "Ändrad", titleEn: "Changed", descriptionFi: "Ei saa muuttua" })) form.set(name, value);
    form.set("image", new File([new Uint8Array(makeJpeg(20, 20))], "a.jpg", { type: "image/jpeg" }), "a.jpg");
    const res = await postMultipart(coordinator, `/projects/${project.id}/edit`, form);
    expect(res.status).toBe(409);
    expect(pageText(res.body)).toContain("Hanketta ei voi enää muuttaa");
    expect(await server.db.prisma.ballotProject.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ titleFi: project.titleFi, descriptionFi: project.descriptionFi });
    expect(await snapshot()).toEqual(before);
  });

  it("is not offered to staff who do not moderate the project's ideas (403), nor to pupils", async () => {
    const project = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "PIC-01" } });
    const other = await server.signedIn(ACCOUNTS.staffSv);
    expect((await other.get(`/projects/${project.id}/edit`)).status).toBe(403);
    const pupil = await server.signedInPupil(PUPILS.schoolRound8);
    expect((await pupil.get(`/projects/${project.id}/edit`)).status).toBe(403);
    expect((await staff.get(`/projects/nope/edit`)).status).toBe(404);
  });
});

describe("the ballot", () => {
  it("shows each project's description as text and its picture", async () => {
    const { prisma } = server.db;
    const round = await prisma.round.findUniqueOrThrow({ where: { slug: CITY_ROUND } });
    const project = await prisma.ballotProject.findFirstOrThrow({ where: { roundId: round.id, areaSlug: "koillinen" } });
    const picture = await postMultipartPictureDirectly();
    const long = `${"Hanke tuo koulun pihalle uutta tekemistä välitunneille. ".repeat(4)}<script>alert("x")</script>\nToinen rivi.`;
    await prisma.ballotProject.update({ where: { id: project.id }, data: { descriptionFi: long, imageId: picture, imageAltFi: "Pihan kiipeilyteline", imageAltSv: "Klätterställning", imageAltEn: "Climbing frame" } });

    const pupil = await server.signedInPupil(PUPILS.malmi8);
    const page = await pupil.get("/vote");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Hanke tuo koulun pihalle uutta tekemistä välitunneille.");
    expect(page.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nToinen rivi.");
    expect(page.body).not.toContain('<script>alert("x")');
    expect(page.body).toContain("<details");
    expect(pageText(page.body)).toContain("Lue lisää");
    const img = page.body.match(new RegExp(`<img[^>]*src="/images/${picture}.jpg"[^>]*>`))?.[0] ?? "";
    expect(img).toContain('alt="Pihan kiipeilyteline"');
    expect(img).toContain('loading="lazy"');

    // The review page before casting shows them too.
    const review = await pupil.post("/vote", new URLSearchParams({ intent: "review", "pick:koillinen": project.id }));
    expect(review.status).toBe(200);
    expect(review.body).toContain(`src="/images/${picture}.jpg"`);
    expect(review.body).toContain("Hanke tuo koulun pihalle");

    // And the results of the area (coordinators see them before they are published).
    const results = await coordinator.get(`/rounds/${CITY_ROUND}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toContain(`src="/images/${picture}.jpg"`);
    expect(results.body).toContain("Hanke tuo koulun pihalle uutta tekemistä välitunneille.");
    expect(results.body).not.toContain('<script>alert("x")');
  });
});

/** A picture stored through the app's own form (the edit page of a school-round project), for the ballot test. */
async function postMultipartPictureDirectly(): Promise<string> {
  const idea = await approvedIdea("Kuva äänestykseen");
  const res = await postMultipart(staff, `/projects/new?round=${SCHOOL_ROUND}`, projectForm("PIC-09", idea, { image: new File([new Uint8Array(makeJpeg(120, 90))], "b.jpg", { type: "image/jpeg" }) }));
  expect(res.status).toBe(302);
  const project = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "PIC-09" } });
  // Moved to the ballot project of the test: the school-round project gives it up.
  await server.db.prisma.ballotProject.update({ where: { id: project.id }, data: { imageId: null } });
  return project.imageId!;
}

describe("import-projects with descriptions", () => {
  const HEADER = "code,title_fi,title_sv,title_en,area,sector,cost";

  it("imports the optional description columns, and a file without them leaves descriptions alone", async () => {
    const withDescriptions = tmp.csv("with.csv", [`${HEADER},description_fi,description_sv,description_en`, 'IMP-01,Lukunurkka,Läshörna,Reading corner,koillinen,basic,4000,"Sohvat ja kirjat, kirjastoon",Soffor och böcker,Sofas and books']);
    const first = await server.cli(["import-projects", "--round", SCHOOL_ROUND, withDescriptions]);
    expect(first.code, first.stderr).toBe(0);
    const imported = await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "IMP-01" } });
    expect(imported).toMatchObject({ descriptionFi: "Sohvat ja kirjat, kirjastoon", descriptionSv: "Soffor och böcker", descriptionEn: "Sofas and books" });

    const without = tmp.csv("without.csv", [HEADER, "IMP-01,Lukunurkka 2,Läshörna 2,Reading corner 2,koillinen,basic,4500", "IMP-02,Pelit,Spel,Games,koillinen,basic,800"]);
    const second = await server.cli(["import-projects", "--round", SCHOOL_ROUND, without]);
    expect(second.code, second.stderr).toBe(0);
    expect(await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "IMP-01" } })).toMatchObject({ titleFi: "Lukunurkka 2", cost: 4500, descriptionFi: "Sohvat ja kirjat, kirjastoon" });
    expect(await server.db.prisma.ballotProject.findFirstOrThrow({ where: { code: "IMP-02" } })).toMatchObject({ titleFi: "Pelit", descriptionFi: "", descriptionSv: "", descriptionEn: "" });
  });

  it("refuses a description over 2,000 characters, naming line and column, and imports nothing", async () => {
    const before = await server.db.prisma.ballotProject.count();
    const file = tmp.csv("long.csv", [`${HEADER},description_en`, `IMP-03,A,B,C,koillinen,basic,100,${"x".repeat(2001)}`]);
    const result = await server.cli(["import-projects", "--round", SCHOOL_ROUND, file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("line 2, column 8 (description_en)");
    expect(await server.db.prisma.ballotProject.count()).toBe(before);
  });
});
