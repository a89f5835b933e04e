// Paper ballots (issue 10): staff enter the pupil's code first, and the server says at once whether
// the ballot can be entered — unknown or revoked code, another school's pupil, round not voting,
// class not voting, already voted online or on paper — before any picks are shown. The code then
// rides along in a hidden field and is checked again when the picks are saved.
import { describe, expect, it } from "vitest";
import { ACCOUNTS, castDirectly, DEMO_ROUNDS, GENEROUS_SIGNIN_LIMITS, pageText, PUPILS, setupServer, type Client } from "./harness";

const server = setupServer({ label: "paper-check", ...GENEROUS_SIGNIN_LIMITS });
const ROUND = DEMO_ROUNDS.current;

function staff(lang = "en", account = ACCOUNTS.staff): Promise<Client> {
  return server.signedIn(account, { headers: { "Accept-Language": lang } });
}

async function freshCode(classLevel = 9): Promise<string> {
  const [code] = await server.issueCodes({ round: ROUND, school: "00501", classLevel, count: 1 });
  return code as string;
}

async function writes() {
  const { participations, ballots } = await server.db.voteCounts();
  const paperAudits = await server.db.prisma.auditLog.count({ where: { action: "ballot.paper" } });
  // A ballot waits sealed in the ballot box until it is mixed (docs/decisions/009-ballot-box.md).
  const sealed = await server.db.prisma.ballotBox.count();
  return { participations, ballots, sealed, paperAudits };
}

/** Posts the code step; expects a refusal with `status`, the message on the code field, the typed code kept, no picks and nothing written. */
async function expectRefused(client: Client, code: string, status: number, message: string) {
  const before = await writes();
  const res = await client.post("/paper", { intent: "check", code });
  expect(res.status, pageText(res.body).slice(0, 800)).toBe(status);
  const text = pageText(res.body);
  expect(text).toContain(message);
  // The error is tied to the code field, and what was typed stays in it.
  expect(res.body).toMatch(/id="field-code"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-code"/);
  expect(res.body).toContain(`value="${code}"`);
  expect(res.body).not.toContain('name="pick:');
  expect(await writes()).toEqual(before);
  return res;
}

describe("the paper form's code step", () => {
  it("refuses an empty and an unknown code, naming the field and the fix", async () => {
    const client = await staff();
    const empty = await client.post("/paper", { intent: "check", code: "  " });
    expect(empty.status).toBe(400);
    expect(pageText(empty.body)).toContain("Code: write the code from the pupil's slip");
    await expectRefused(client, "ZZZZ-ZZZZ-ZZZZ", 400, "Code: no pupil has this code, or it was revoked. Check the slip.");
  });

  it("refuses a revoked code", async () => {
    const code = await freshCode();
    await server.db.revokeCode(code);
    await expectRefused(await staff(), code, 400, "Code: no pupil has this code, or it was revoked.");
  });

  it("refuses a pupil of a school the staff member does not serve", async () => {
    const res = await expectRefused(await staff("en", ACCOUNTS.staffSv), PUPILS.malmi8, 403, "Code: this pupil is not in one of your schools. Give the slip to the staff of the pupil's school.");
    expect(res.body).not.toContain("8-DEM1");
  });

  it("refuses a round that is not voting and a class that does not vote", async () => {
    const client = await staff();
    await expectRefused(client, PUPILS.schoolRound8, 409, "Code: voting in this pupil's round is not open");
    await expectRefused(client, PUPILS.ended, 409, "Code: voting in this pupil's round is not open");
    await expectRefused(client, PUPILS.malmi5, 403, "Code: this pupil is in class 5");
  });

  it("refuses a pupil who voted online, at the code step", async () => {
    const code = await freshCode();
    const id = await server.db.projectId(ROUND, "KOI-01");
    expect((await castDirectly(server.database.url, code, { koillinen: [id] })).ok).toBe(true);
    await expectRefused(await staff(), code, 409, "Code: this pupil has already voted online, so their paper ballot cannot be entered.");
  });

  it("passes a good code to the picks step, carrying the code in a hidden field; then refuses it at once once the paper ballot is in", async () => {
    const client = await staff();
    const code = await freshCode();
    const before = await writes();
    const step2 = await client.post("/paper", { intent: "check", code });
    expect(step2.status).toBe(200);
    const text = pageText(step2.body);
    expect(text).toContain("The code was checked: nobody has voted for this pupil yet.");
    expect(text).toContain("Step 2 of 2");
    expect(step2.body).toContain(`<input type="hidden" name="code" value="${code}"/>`);
    expect(step2.body).toContain('name="pick:koillinen"');
    expect(step2.headers.get("Cache-Control")).toBe("no-store");
    expect(await writes()).toEqual(before);

    const form = new URLSearchParams({ intent: "save", code });
    form.append("pick:koillinen", await server.db.projectId(ROUND, "KOI-02"));
    const saved = await client.post("/paper", form);
    expect(saved.status, pageText(saved.body).slice(0, 600)).toBe(200);
    expect(pageText(saved.body)).toContain("The paper ballot was saved.");
    const after = await writes();
    expect(after.participations).toBe(before.participations + 1);
    expect(after.sealed + after.ballots).toBeGreaterThan(before.sealed + before.ballots);

    await expectRefused(client, code, 409, "Code: this pupil's paper ballot has already been entered. Put the slip aside and enter the next code.");
    // A second save (e.g. a resubmitted form) is refused by the same check, and writes nothing.
    const again = await client.post("/paper", form);
    expect(again.status).toBe(409);
    expect(await writes()).toEqual(after);
  });

  it("re-checks the code when the picks are saved: a vote cast in between is refused, nothing written", async () => {
    const client = await staff();
    const code = await freshCode();
    expect((await client.post("/paper", { intent: "check", code })).status).toBe(200);
    const id = await server.db.projectId(ROUND, "KOI-03");
    expect((await castDirectly(server.database.url, code, { koillinen: [id] })).ok).toBe(true);
    const before = await writes();
    const form = new URLSearchParams({ intent: "save", code });
    form.append("pick:koillinen", id);
    const res = await client.post("/paper", form);
    expect(res.status).toBe(409);
    expect(pageText(res.body)).toContain("Code: this pupil has already voted online");
    expect(await writes()).toEqual(before);
  });

  it("answers in Finnish and Swedish", async () => {
    const fi = await (await staff("fi")).post("/paper", { intent: "check", code: "ZZZZ-ZZZZ-ZZZZ" });
    expect(pageText(fi.body)).toContain("Koodi: millään oppilaalla ei ole tätä koodia");
    const sv = await (await staff("sv")).post("/paper", { intent: "check", code: PUPILS.malmi5 });
    expect(pageText(sv.body)).toContain("Kod: eleven går i årskurs 5");
  });
});
