// Admins' account actions (issue 10): disabling asks for confirmation first; an admin resets a
// staff member's password to a temporary one, shown once, which signs them out everywhere and makes
// them choose a new password at the next sign-in (decision 002).
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, GENEROUS_SIGNIN_LIMITS, pageText, PUPILS, SESSION_COOKIE, setupServer, type Client } from "./harness";

const server = setupServer({ label: "accounts", ...GENEROUS_SIGNIN_LIMITS });
const EN = { headers: { "Accept-Language": "en" } };
const ids: Record<string, string> = {};
let admin: Client;

beforeAll(async () => {
  admin = await server.signedIn(ACCOUNTS.admin, EN);
  for (const row of await server.db.prisma.user.findMany({ select: { id: true, email: true, role: true } })) {
    if (row.email) ids[row.email] = row.id;
    else if (row.role === "pupil") ids.pupil ??= row.id;
  }
});

const idOf = (account: { email: string }) => ids[account.email] as string;
const isDisabled = async (id: string) => (await server.db.prisma.user.findUniqueOrThrow({ where: { id } })).disabledAt !== null;
const temporaryOf = (html: string) => /id="temporary-password"[^>]*>([^<]+)</.exec(html)?.[1] ?? "";

describe("disabling an account", () => {
  it("asks first (GET ?confirm=disable, or a POST without confirmation), changes nothing until confirmed, and Cancel goes back", async () => {
    const id = idOf(ACCOUNTS.coordinator);
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.status).toBe(200);
    // The disable button leads to the confirmation step with a GET form (works without JavaScript).
    expect(page.body).toMatch(/<form method="get"[^>]*>\s*<input type="hidden" name="confirm" value="disable"\/>/);

    const asked = await admin.get(`/admin/users/${id}?confirm=disable`);
    expect(asked.status).toBe(200);
    const text = pageText(asked.body);
    expect(text).toContain("Disable Kaisa Koordinaattori?");
    expect(text).toContain("is signed out everywhere at once");
    expect(asked.body).toContain('name="confirmed" value="yes"');
    expect(asked.body).toContain(`href="/admin/users/${id}"`);
    expect(await isDisabled(id)).toBe(false);

    const victim = await server.signedIn(ACCOUNTS.coordinator);
    const unconfirmed = await admin.post(`/admin/users/${id}`, { intent: "disable" });
    expect(unconfirmed.status).toBe(200);
    expect(pageText(unconfirmed.body)).toContain("Disable Kaisa Koordinaattori?");
    expect(await isDisabled(id)).toBe(false);
    expect((await victim.get("/account")).status).toBe(200);

    const done = await admin.post(`/admin/users/${id}`, { intent: "disable", confirmed: "yes" });
    expect(done.status).toBe(200);
    expect(pageText(done.body)).toContain("Kaisa Koordinaattori was disabled and signed out everywhere.");
    expect(await isDisabled(id)).toBe(true);
    expect((await victim.get("/account")).status).toBe(302);
    // The confirmation step is not offered for an account that is already disabled.
    expect(pageText((await admin.get(`/admin/users/${id}?confirm=disable`)).body)).not.toContain("Disable Kaisa Koordinaattori?");

    // Re-enabling needs no confirmation.
    const enabled = await admin.post(`/admin/users/${id}`, { intent: "enable" });
    expect(enabled.status).toBe(200);
    expect(await isDisabled(id)).toBe(false);
  });
});

describe("resetting a password", () => {
  it("only admins may reset, never their own password, never a pupil's", async () => {
    const staffId = idOf(ACCOUNTS.staffSv);
    for (const who of [ACCOUNTS.staff, ACCOUNTS.coordinator]) {
      const client = await server.signedIn(who);
      expect((await client.post(`/admin/users/${staffId}`, { intent: "reset-password", confirmed: "yes" })).status, who.email).toBe(403);
      expect((await client.get(`/admin/users/${staffId}?confirm=reset-password`)).status, who.email).toBe(403);
    }
    const pupil = await server.signedInPupil(PUPILS.malmi8);
    expect((await pupil.post(`/admin/users/${staffId}`, { intent: "reset-password", confirmed: "yes" })).status).toBe(403);

    const self = await admin.post(`/admin/users/${idOf(ACCOUNTS.admin)}`, { intent: "reset-password", confirmed: "yes" });
    expect(self.status).toBe(403);
    expect(pageText(self.body)).toContain("You cannot reset your own password here.");
    expect((await admin.post(`/admin/users/${ids.pupil}`, { intent: "reset-password", confirmed: "yes" })).status).toBe(404);
    expect(await server.db.prisma.auditLog.count({ where: { action: "user.password-reset" } })).toBe(0);
    expect((await server.db.prisma.user.findUniqueOrThrow({ where: { id: staffId } })).mustChangePassword).toBe(false);
  });

  it("asks first, then shows a temporary password once, signs the user out everywhere and forces a new password", async () => {
    const id = idOf(ACCOUNTS.staff);
    const oldSession = await server.signedIn(ACCOUNTS.staff, EN);
    expect((await oldSession.get("/account")).status).toBe(200);

    const asked = await admin.post(`/admin/users/${id}`, { intent: "reset-password" });
    expect(asked.status).toBe(200);
    expect(pageText(asked.body)).toContain("Reset the password of Olli Opettaja?");
    expect(await server.db.prisma.auditLog.count({ where: { action: "user.password-reset" } })).toBe(0);

    const reset = await admin.post(`/admin/users/${id}`, { intent: "reset-password", confirmed: "yes" });
    expect(reset.status, pageText(reset.body).slice(0, 600)).toBe(200);
    expect(reset.headers.get("Cache-Control")).toBe("no-store");
    // No cookie carries it (at most the admin's own session cookie is refreshed).
    expect([...reset.setCookies.keys()].filter((name) => name !== SESSION_COOKIE)).toEqual([]);
    const temporary = temporaryOf(reset.body);
    expect(temporary).toMatch(/^[2-9a-zA-Z]{4}(-[2-9a-zA-Z]{4}){3}$/);
    expect(pageText(reset.body)).toContain("Temporary password for Olli Opettaja");
    // Shown once: the page is not showing it again.
    expect((await admin.get(`/admin/users/${id}`)).body).not.toContain(temporary);
    expect(pageText((await admin.get(`/admin/users/${id}`)).body)).toContain("Must choose a new password at the next sign-in");

    // Only a hash is stored, the flag is set, every session is gone.
    const row = await server.db.prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row.mustChangePassword).toBe(true);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(temporary);
    expect(await server.db.prisma.session.count({ where: { userId: id } })).toBe(0);
    expect((await oldSession.get("/account")).status).toBe(302);
    expect(oldSession.cookies.has(SESSION_COOKIE)).toBe(true);

    // The audit entry: admin did it to this user; the password is nowhere in the log.
    const audit = await server.db.prisma.auditLog.findFirstOrThrow({ where: { action: "user.password-reset" } });
    expect(audit).toMatchObject({ actorId: idOf(ACCOUNTS.admin), subjectType: "user", subjectId: id });
    const everything = JSON.stringify(await server.db.prisma.auditLog.findMany());
    expect(everything).not.toContain(temporary);
    expect(server.logs()).not.toContain(temporary);

    // The old password no longer works; the temporary one signs in, to the password page only.
    expect((await server.client().post("/login", ACCOUNTS.staff)).status).toBe(401);
    const user = server.client(EN);
    await user.signIn({ email: ACCOUNTS.staff.email, password: temporary });
    for (const path of ["/account", "/paper", "/", "/ideas"]) {
      const res = await user.get(path);
      expect(res.status, path).toBe(302);
      expect(res.location, path).toBe("/account/password");
    }
    expect((await user.post("/paper", { intent: "check", code: PUPILS.malmi8 })).location).toBe("/account/password");
    const form = await user.get("/account/password");
    expect(form.status).toBe(200);
    expect(pageText(form.body)).toContain("An administrator reset your password.");

    // The same rules as elsewhere, and the new password must differ from the temporary one.
    const same = await user.post("/account/password", { current: temporary, password: temporary, confirm: temporary });
    expect(same.status).toBe(400);
    expect(pageText(same.body)).toContain("New password: choose a password that differs from the current or temporary one.");
    const short = await user.post("/account/password", { current: temporary, password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    expect(pageText(short.body)).toContain("New password: at least 12 characters.");
    const mismatch = await user.post("/account/password", { current: temporary, password: "Uusi-salasana-2026", confirm: "Uusi-salasana-2027" });
    expect(mismatch.status).toBe(400);
    expect(pageText(mismatch.body)).toContain("New password again: the two new passwords differ.");
    const wrong = await user.post("/account/password", { current: "not-the-temporary", password: "Uusi-salasana-2026", confirm: "Uusi-salasana-2026" });
    expect(wrong.status).toBe(400);
    expect(pageText(wrong.body)).toContain("Current or temporary password: this is not the password you signed in with.");
    for (const res of [same, short, mismatch, wrong]) expect(res.body).not.toContain(temporary);
    expect((await server.db.prisma.user.findUniqueOrThrow({ where: { id } })).mustChangePassword).toBe(true);

    const changed = await user.post("/account/password", { current: temporary, password: "Uusi-salasana-2026", confirm: "Uusi-salasana-2026" });
    expect(changed.status).toBe(302);
    expect(changed.location).toBe("/account/password?done=1");
    expect(pageText((await user.get("/account/password?done=1")).body)).toContain("Your new password was saved.");
    expect((await user.get("/paper")).status).toBe(200);
    expect((await server.db.prisma.user.findUniqueOrThrow({ where: { id } })).mustChangePassword).toBe(false);
    const change = await server.db.prisma.auditLog.findFirstOrThrow({ where: { action: "user.password-change" } });
    expect(change).toMatchObject({ actorId: id, subjectType: "user", subjectId: id });
    expect(JSON.stringify(await server.db.prisma.auditLog.findMany())).not.toContain("Uusi-salasana-2026");

    // The temporary password worked once: it no longer signs in; the new one does.
    expect((await server.client().post("/login", { email: ACCOUNTS.staff.email, password: temporary })).status).toBe(401);
    await server.client().signIn({ email: ACCOUNTS.staff.email, password: "Uusi-salasana-2026" });
  });

  it("pupils have no password page", async () => {
    const pupil = await server.signedInPupil(PUPILS.topelius9);
    expect((await pupil.get("/account/password")).status).toBe(403);
  });
});
