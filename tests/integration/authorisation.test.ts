// Who may open what: the role matrix, checked on the server for every role (and for Remix's
// `.data` requests, which skip the page), including staff outside their own schools.
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, GENEROUS_SIGNIN_LIMITS, pageText, PUPILS, SESSION_COOKIE, setupServer, type Client } from "./harness";

type Who = "anonymous" | "pupil" | "staff" | "staffSv" | "coordinator" | "admin";
const EVERYONE: Who[] = ["anonymous", "pupil", "staff", "staffSv", "coordinator", "admin"];

const server = setupServer({ label: "authorisation", ...GENEROUS_SIGNIN_LIMITS });
const clients = {} as Record<Who, Client>;
/** User ids by email, and the id of a pupil, read from the database. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  clients.anonymous = server.client();
  [clients.pupil, clients.staff, clients.staffSv, clients.coordinator, clients.admin] = await Promise.all([
    server.signedInPupil(PUPILS.malmi8),
    server.signedIn(ACCOUNTS.staff),
    server.signedIn(ACCOUNTS.staffSv),
    server.signedIn(ACCOUNTS.coordinator),
    server.signedIn(ACCOUNTS.admin),
  ]);
  for (const row of await server.db.prisma.user.findMany({ select: { id: true, email: true, role: true } })) {
    if (row.email) ids[row.email] = row.id;
    else if (row.role === "pupil") ids.pupil ??= row.id;
  }
});

/** Expected status per caller; anonymous callers are always sent to sign in. */
type Matrix = Partial<Record<Exclude<Who, "anonymous">, 200 | 403 | 404>>;

function checkMatrix(path: string, matrix: Matrix) {
  it(`GET ${path}`, async () => {
    for (const who of EVERYONE) {
      const res = await clients[who].get(path);
      if (who === "anonymous") {
        expect(res.status, `${who} ${path}`).toBe(302);
        expect(res.location, `${who} ${path}`).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
        continue;
      }
      const expected = matrix[who];
      if (expected === undefined) continue;
      expect(res.status, `${who} GET ${path}`).toBe(expected);
    }
  });
}

describe("role matrix", () => {
  const all200: Matrix = { pupil: 200, staff: 200, staffSv: 200, coordinator: 200, admin: 200 };
  checkMatrix("/account", all200);
  checkMatrix("/schools", { pupil: 403, staff: 200, staffSv: 200, coordinator: 200, admin: 200 });
  checkMatrix("/schools/00501", { pupil: 403, staff: 200, staffSv: 403, coordinator: 200, admin: 200 });
  checkMatrix("/schools/00502", { pupil: 403, staff: 200, staffSv: 403, coordinator: 200, admin: 200 });
  checkMatrix("/schools/00105", { pupil: 403, staff: 403, staffSv: 200, coordinator: 200, admin: 200 });
  checkMatrix("/schools/00101", { pupil: 403, staff: 403, staffSv: 403, coordinator: 200, admin: 200 });
  // Staff are refused before the server says whether a school exists.
  checkMatrix("/schools/99999", { pupil: 403, staff: 403, staffSv: 403, coordinator: 404, admin: 404 });
  checkMatrix("/rounds", { pupil: 403, staff: 403, staffSv: 403, coordinator: 200, admin: 200 });
  checkMatrix("/rounds/omakoulu-demo", { pupil: 403, staff: 403, staffSv: 403, coordinator: 200, admin: 200 });
  checkMatrix("/rounds/omakoulu-2025", { pupil: 403, staff: 403, staffSv: 403, coordinator: 200, admin: 200 });
  checkMatrix("/rounds/no-such-round", { pupil: 403, staff: 403, coordinator: 404, admin: 404 });
  checkMatrix("/admin/users", { pupil: 403, staff: 403, staffSv: 403, coordinator: 403, admin: 200 });

  it("GET /admin/users/:id is for admins only, and never shows pupils", async () => {
    const coordinatorId = ids[ACCOUNTS.coordinator.email] ?? "";
    expect(coordinatorId).not.toBe("");
    const path = `/admin/users/${coordinatorId}`;
    expect((await clients.admin.get(path)).status).toBe(200);
    for (const who of ["pupil", "staff", "staffSv", "coordinator"] as const) {
      expect((await clients[who].get(path)).status, who).toBe(403);
    }
    expect((await clients.anonymous.get(path)).status).toBe(302);
    expect((await clients.admin.get(`/admin/users/${ids.pupil ?? "x"}`)).status).toBe(404);
    expect((await clients.admin.get("/admin/users/no-such-user")).status).toBe(404);
  });
});

describe("what each role sees", () => {
  it("staff see only their own schools in the list", async () => {
    const staff = pageText((await clients.staff.get("/schools")).body);
    expect(staff).toContain("Malmin peruskoulu");
    expect(staff).toContain("Malmin lukio");
    expect(staff).not.toContain("Ressun peruskoulu");
    expect(staff).not.toContain("Zacharias Topeliuksen koulu");

    const coordinator = pageText((await clients.coordinator.get("/schools")).body);
    for (const name of ["Malmin peruskoulu", "Ressun peruskoulu", "Zacharias Topeliuksen koulu", "Vuosaaren lukio"]) {
      expect(coordinator).toContain(name);
    }
  });

  it("a 403 page is a translated page, not a stack trace", async () => {
    const res = await clients.staff.get("/schools/00101");
    expect(res.status).toBe(403);
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(pageText(res.body)).not.toContain("Ressun peruskoulu");
    expect(res.body).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("data requests (single fetch) are authorised like pages", async () => {
    const refused = await clients.staff.get("/schools/00101.data");
    expect(refused.status).not.toBe(200);
    expect(refused.body).not.toContain("Ressun peruskoulu");
    const pupil = await clients.pupil.get("/schools.data");
    expect(pupil.status).not.toBe(200);
    expect(pupil.body).not.toContain("Malmin peruskoulu");
    const allowed = await clients.staff.get("/schools/00501.data");
    expect(allowed.status).toBe(200);
    expect(allowed.body).toContain("Malmin peruskoulu");
    const anonymous = await clients.anonymous.get("/admin/users.data");
    expect(anonymous.status).not.toBe(200);
    expect(anonymous.body).not.toContain(ACCOUNTS.coordinator.email);
  });
});

describe("account administration is for admins only", () => {
  it("other roles cannot create accounts", async () => {
    const form = {
      intent: "create",
      name: "Mallory",
      email: "mallory@omakoulu.test",
      role: "admin",
      password: "Mallory-password-2026",
    };
    for (const who of ["pupil", "staff", "staffSv", "coordinator"] as const) {
      const res = await clients[who].post("/admin/users?index", form);
      expect(res.status, who).toBe(403);
    }
    const anonymous = await clients.anonymous.post("/admin/users?index", form);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?/);
    expect((await server.client().post("/login", { email: form.email, password: form.password })).status).toBe(401);
  });

  it("an admin creates a staff account that can act for its school only", async () => {
    const form = new URLSearchParams({
      intent: "create",
      name: "Sanna Sijainen",
      email: "sijainen@omakoulu.test",
      role: "staff",
      password: "Sijainen-password-2026",
    });
    form.append("schools", await server.db.schoolId("00101"));
    const res = await clients.admin.post("/admin/users?index", form);
    expect(res.status, pageText(res.body).slice(0, 1000)).toBe(200);

    const again = await clients.admin.post("/admin/users?index", form);
    expect(again.status).toBe(409);

    const noSchools = await clients.admin.post("/admin/users?index", {
      intent: "create",
      name: "Ilman Koulua",
      email: "ilman@omakoulu.test",
      role: "staff",
      password: "Ilman-koulua-2026-x",
    });
    expect(noSchools.status).toBe(400);

    const newStaff = await server.signedIn({ email: "sijainen@omakoulu.test", password: "Sijainen-password-2026" });
    expect((await newStaff.get("/schools/00101")).status).toBe(200);
    expect((await newStaff.get("/schools/00501")).status).toBe(403);
    expect((await newStaff.get("/admin/users")).status).toBe(403);
  });

  it("only an admin can disable an account, and a disabled account is signed out at once", async () => {
    const staffId = ids[ACCOUNTS.staffSv.email] ?? "";
    const victim = await server.signedIn(ACCOUNTS.staffSv);

    for (const who of ["pupil", "staff", "coordinator"] as const) {
      expect((await clients[who].post(`/admin/users/${staffId}`, { intent: "disable" })).status, who).toBe(403);
    }
    expect((await victim.get("/account")).status).toBe(200);

    // The first press only asks for confirmation (accounts.test.ts); `confirmed=yes` disables.
    const disabled = await clients.admin.post(`/admin/users/${staffId}`, { intent: "disable", confirmed: "yes" });
    expect(disabled.status).toBe(200);
    const stale = await victim.get("/account");
    expect(stale.status).toBe(302);
    expect(victim.cookies.has(SESSION_COOKIE)).toBe(true);
    expect((await server.client().post("/login", ACCOUNTS.staffSv)).status).toBe(401);

    const enabled = await clients.admin.post(`/admin/users/${staffId}`, { intent: "enable" });
    expect(enabled.status).toBe(200);
    await server.client().signIn(ACCOUNTS.staffSv);
  });

  it("an admin cannot disable themselves", async () => {
    const adminId = ids[ACCOUNTS.admin.email] ?? "";
    for (const form of [{ intent: "disable" }, { intent: "disable", confirmed: "yes" }] as Record<string, string>[]) {
      const res = await clients.admin.post(`/admin/users/${adminId}`, form);
      expect(res.status).toBe(403);
    }
    expect((await clients.admin.get("/account")).status).toBe(200);
  });
});
