// Failed sign-ins are limited per account (email or pupil code) and per client address.
// Two servers: one with a small per-account limit, one with a small per-IP limit (the counters live
// in each server's memory), on copies of one seeded database. Each test acts from its own
// X-Forwarded-For address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, pageText, PUPILS, removeDatabase, seedDemo, SESSION_COOKIE, setupServer, tmpDatabase, type HttpResponse } from "./harness";

const RATE_LIMITED_FI = /Liian monta epäonnistunutta yritystä\. Odota (\d+) minuuttia/;

function expectRateLimited(res: HttpResponse) {
  expect(res.status).toBe(429);
  const match = RATE_LIMITED_FI.exec(pageText(res.body));
  expect(match, pageText(res.body).slice(0, 2000)).not.toBeNull();
  const minutes = Number(match?.[1]);
  expect(minutes).toBeGreaterThanOrEqual(1);
  expect(minutes).toBeLessThanOrEqual(15);
  expect(res.setCookies.has(SESSION_COOKIE)).toBe(false);
}

// Separate files: a server keeps its database open, and migrating a database that another
// process has open fails (see database.test.ts). So one database is seeded and each server starts
// on a copy of it.
const seeded = tmpDatabase("rate-limit");
beforeAll(() => seedDemo(seeded));
afterAll(() => removeDatabase(seeded));
const perAccount = setupServer({ copyOf: seeded, label: "rate-limit-account", signinLimitPerAccount: 3, signinLimitPerIp: 1_000 });
const perIp = setupServer({ copyOf: seeded, label: "rate-limit-ip", signinLimitPerIp: 5, signinLimitPerAccount: 1_000 });

describe("per account (SIGNIN_LIMIT_PER_ACCOUNT=3)", () => {
  it("locks an email after 3 wrong passwords, even for the right password and from another address", async () => {
    const client = perAccount.client({ ip: "10.0.0.1" });
    for (let i = 0; i < 3; i++) {
      const res = await client.post("/login", { email: ACCOUNTS.staff.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    expectRateLimited(await client.post("/login", ACCOUNTS.staff));
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    expectRateLimited(await perAccount.client({ ip: "10.0.0.2" }).post("/login", ACCOUNTS.staff));

    // Another account from the same address is not affected.
    await client.signIn(ACCOUNTS.coordinator);
    expect((await client.get("/account")).status).toBe(200);
  });

  it("the lock is per account whatever the case of the email", async () => {
    const client = perAccount.client({ ip: "10.0.0.3" });
    for (const email of ["LARARE@omakoulu.test", "larare@OMAKOULU.test", " larare@omakoulu.test"]) {
      expect((await client.post("/login", { email, password: "nope" })).status).toBe(401);
    }
    expectRateLimited(await client.post("/login", ACCOUNTS.staffSv));
  });

  it("a successful sign-in clears the account's failures", async () => {
    const client = perAccount.client({ ip: "10.0.0.4" });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) {
        expect((await client.post("/login", { email: ACCOUNTS.admin.email, password: "nope" })).status).toBe(401);
      }
      await client.signIn(ACCOUNTS.admin);
      await client.post("/logout", {});
    }
  });

  it("locks a pupil code after 3 failures (code used at another school)", async () => {
    const client = perAccount.client({ ip: "10.0.0.5" });
    for (let i = 0; i < 3; i++) {
      const res = await client.post("/login/code", { code: PUPILS.malmiLukio11, school: "00101" });
      expect(res.status).toBe(403);
    }
    expectRateLimited(await client.post("/login/code", { code: PUPILS.malmiLukio11 }));
    // The same code typed differently is the same account.
    expectRateLimited(await perAccount.client({ ip: "10.0.0.6" }).post("/login/code", { code: "dem0 0000 0003" }));
    // Another pupil's code from the same address still works.
    await client.signInWithCode(PUPILS.malmi5);
  });
});

describe("per address (SIGNIN_LIMIT_PER_IP=5)", () => {
  it("blocks an address after 5 failures across accounts; another address still signs in", async () => {
    const attacker = perIp.client({ ip: "10.1.1.1" });
    const emails = [ACCOUNTS.admin.email, ACCOUNTS.coordinator.email, ACCOUNTS.staff.email, ACCOUNTS.staffSv.email, "nobody@omakoulu.test"];
    for (const email of emails) {
      expect((await attacker.post("/login", { email, password: "guess" })).status).toBe(401);
    }
    expectRateLimited(await attacker.post("/login", ACCOUNTS.admin));
    // The address is blocked for pupil codes too.
    expectRateLimited(await attacker.post("/login/code", { code: PUPILS.malmi8 }));

    const other = perIp.client({ ip: "10.2.2.2" });
    await other.signIn(ACCOUNTS.admin);
    expect((await other.get("/account")).status).toBe(200);
  });

  it("blocks an address after 5 unknown pupil codes; another address still signs in", async () => {
    const attacker = perIp.client({ ip: "10.3.3.3" });
    for (let i = 1; i <= 5; i++) {
      const res = await attacker.post("/login/code", { code: `ZZZZ-ZZZZ-ZZZ${i}` });
      expect(res.status).toBe(401);
    }
    expectRateLimited(await attacker.post("/login/code", { code: PUPILS.topelius9 }));
    expectRateLimited(await attacker.post("/login", ACCOUNTS.coordinator));

    await perIp.client({ ip: "10.4.4.4" }).signInWithCode(PUPILS.topelius9);
  });

  it("malformed posts do not count as failed sign-ins", async () => {
    const client = perIp.client({ ip: "10.5.5.5" });
    for (let i = 0; i < 8; i++) {
      expect((await client.post("/login", { email: "not-an-email", password: "x" })).status).toBe(400);
      expect((await client.post("/login/code", { code: "abc" })).status).toBe(400);
    }
    await client.signIn(ACCOUNTS.staff);
  });
});
