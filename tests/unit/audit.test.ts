// The audit log's pure rules (app/features/audit/audit.ts): filter parsing (good and bad values,
// from after to), Helsinki days, CSV escaping with formula neutralising, detail rendering with its
// allow-list and 80-character cut, and who is shown how (pupils never by name).
import { describe, expect, it } from "vitest";
import {
  actorView,
  checkFilterChoices,
  csvCell,
  csvLine,
  detailText,
  filterQuery,
  helsinkiDayStart,
  parseAuditFilters,
  renderDetail,
  subjectView,
  timeRange,
  type AdultAccount,
  type AuditFilters,
} from "~/features/audit/audit";

const parse = (query: string) => parseAuditFilters(new URLSearchParams(query));

function filtersOf(query: string): AuditFilters {
  const parsed = parse(query);
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.errors)}`);
  return parsed.filters;
}

describe("parseAuditFilters", () => {
  it("reads no filters as everything, first page", () => {
    expect(filtersOf("")).toEqual({ action: null, actor: { kind: "any" }, from: null, to: null, page: 1 });
  });

  it("reads every filter", () => {
    expect(filtersOf("action=signin.code.failed&actor=system&from=2026-03-01&to=2026-03-31&page=3")).toEqual({
      action: "signin.code.failed",
      actor: { kind: "system" },
      from: "2026-03-01",
      to: "2026-03-31",
      page: 3,
    });
    expect(filtersOf("actor=pupils").actor).toEqual({ kind: "pupils" });
    expect(filtersOf("actor=clx9abc_DEF-1").actor).toEqual({ kind: "account", id: "clx9abc_DEF-1" });
  });

  it("accepts one day (from = to) and trims spaces", () => {
    expect(filtersOf("from=+2026-03-01+&to=2026-03-01")).toMatchObject({ from: "2026-03-01", to: "2026-03-01" });
  });

  it("takes a bad page number as the first page", () => {
    for (const page of ["0", "-2", "x", "1.5", "99999999999"]) expect(filtersOf(`page=${page}`).page).toBe(1);
  });

  it.each(["2026-02-30", "2026-13-01", "1.3.2026", "2026-3-1", "yesterday"])("refuses the unparsable from date %s, naming the field", (bad) => {
    const parsed = parse(`from=${bad}&action=ballot.cast`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ from: { key: "audit.errors.from" } });
    // What was typed comes back, to be shown in the form.
    expect(parsed.values).toEqual({ action: "ballot.cast", actor: "", from: bad, to: "" });
  });

  it("refuses an unparsable to date", () => {
    const parsed = parse("to=2026-04-31");
    expect(parsed.ok || parsed.errors).toEqual({ to: { key: "audit.errors.to" } });
  });

  it("refuses from after to, on the to field, with the from date in the message", () => {
    const parsed = parse("from=2026-03-10&to=2026-03-09");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ to: { key: "audit.errors.range", values: { from: "2026-03-10" } } });
    expect(parsed.values).toMatchObject({ from: "2026-03-10", to: "2026-03-09" });
  });

  it("refuses malformed actions and actors", () => {
    const parsed = parse("action=DROP TABLE&actor=<script>");
    expect(parsed.ok || Object.keys(parsed.errors).sort()).toEqual(["action", "actor"]);
  });
});

describe("checkFilterChoices", () => {
  const choices = { actions: ["signin.password", "x.custom"], accountIds: ["admin1"] };

  it("accepts actions in the log, labelled actions, and adult accounts in the log", () => {
    expect(checkFilterChoices(filtersOf("action=x.custom&actor=admin1"), choices)).toEqual({});
    expect(checkFilterChoices(filtersOf("action=ballot.cast&actor=pupils"), choices)).toEqual({});
  });

  it("refuses an unknown action and an account that is not an adult in the log (a pupil's id)", () => {
    expect(checkFilterChoices(filtersOf("action=no.such-action&actor=pupil-id-1"), choices)).toEqual({
      action: { key: "audit.errors.action" },
      actor: { key: "audit.errors.actor" },
    });
  });
});

describe("Helsinki days", () => {
  it("start at local midnight, in winter (UTC+2) and in summer (UTC+3)", () => {
    expect(helsinkiDayStart("2026-01-15").toISOString()).toBe("2026-01-14T22:00:00.000Z");
    expect(helsinkiDayStart("2026-07-15").toISOString()).toBe("2026-07-14T21:00:00.000Z");
    // The days daylight saving starts and ends (at 03:00/04:00 local, not at midnight).
    expect(helsinkiDayStart("2026-03-29").toISOString()).toBe("2026-03-28T22:00:00.000Z");
    expect(helsinkiDayStart("2026-10-25").toISOString()).toBe("2026-10-24T21:00:00.000Z");
  });

  it("cover the whole of the to day", () => {
    expect(timeRange({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ gte: new Date("2026-02-28T22:00:00.000Z"), lt: new Date("2026-03-31T21:00:00.000Z") });
    expect(timeRange({ from: null, to: null })).toEqual({});
  });
});

describe("filterQuery", () => {
  it("keeps the filters, leaves out empty ones and the first page", () => {
    const values = { action: "ballot.cast", actor: "", from: "2026-03-01", to: "" };
    expect(filterQuery(values, 2)).toBe("?action=ballot.cast&from=2026-03-01&page=2");
    expect(filterQuery(values, 1)).toBe("?action=ballot.cast&from=2026-03-01");
    expect(filterQuery({ action: "", actor: "", from: "", to: "" })).toBe("");
  });
});

describe("CSV cells", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\r=1", "\"'\r=1\""],
  ])("neutralises the formula %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("quotes commas, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("signin.code")).toBe("signin.code");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("")).toBe("");
  });

  it("ends a line with CRLF", () => {
    expect(csvLine(["a", "=b", "c,d"])).toBe("a,'=b,\"c,d\"\r\n");
  });
});

describe("renderDetail", () => {
  it("shows allow-listed keys as key: value pairs", () => {
    expect(renderDetail(JSON.stringify({ round: "omakoulu-demo", classLevel: 8, count: 30 }))).toEqual({
      pairs: [
        { key: "round", value: "omakoulu-demo" },
        { key: "classLevel", value: "8" },
        { key: "count", value: "30" },
      ],
      hidden: 0,
    });
  });

  it("hides keys that are not on the allow-list (a code, a password, a name)", () => {
    const view = renderDetail(JSON.stringify({ code: "7KQ2-M9XD-4TRA", password: "hunter2", name: "Maija", count: 1 }));
    expect(view).toEqual({ pairs: [{ key: "count", value: "1" }], hidden: 3 });
    expect(JSON.stringify(view)).not.toMatch(/7KQ2|hunter2|Maija/);
    expect(detailText(view)).toBe("count: 1; (3 hidden)");
  });

  it("lists plain arrays, counts arrays of records, and cuts long values to 80 characters", () => {
    const view = renderDetail(JSON.stringify({ sectors: ["basic", "vocational"], areas: [{ area: "x", spent: 1 }, { area: "y" }], slug: "s".repeat(200), to: null }));
    expect(view.pairs).toEqual([
      { key: "sectors", value: "basic, vocational" },
      { key: "areas", value: "[2]" },
      { key: "slug", value: `${"s".repeat(79)}…` },
      { key: "to", value: "–" },
    ]);
    expect([...(view.pairs[2]?.value ?? "")]).toHaveLength(80);
  });

  it("shows nothing of a detail that is not a JSON object", () => {
    expect(renderDetail("{}")).toEqual({ pairs: [], hidden: 0 });
    expect(renderDetail("not json")).toEqual({ pairs: [], hidden: 1 });
    expect(renderDetail('"=cmd"')).toEqual({ pairs: [], hidden: 1 });
  });

  it("joins pairs for the CSV", () => {
    expect(detailText(renderDetail(JSON.stringify({ created: 2, updated: 0 })))).toBe("created: 2; updated: 0");
  });
});

describe("who and what", () => {
  const adults = new Map<string, AdultAccount>([["a1", { id: "a1", displayName: "Aino Admin", role: "admin" }]]);

  it("shows adults by name and role, nobody as the system, and everyone else only as a pupil", () => {
    expect(actorView("a1", adults)).toEqual({ kind: "adult", name: "Aino Admin", role: "admin" });
    expect(actorView(null, adults)).toEqual({ kind: "system" });
    expect(actorView("pupil-123", adults)).toEqual({ kind: "pupil" });
  });

  it("shows a pupil subject without its id, and resolves rounds, schools and adults", () => {
    const names = new Map([["round:r1", "omakoulu-demo"], ["school:s1", "00501"]]);
    expect(subjectView({ subjectType: "user", subjectId: "pupil-123" }, names, adults)).toEqual({ kind: "pupil" });
    expect(subjectView({ subjectType: "user", subjectId: "a1" }, names, adults)).toEqual({ kind: "named", type: "user", typeKnown: true, name: "Aino Admin" });
    expect(subjectView({ subjectType: "round", subjectId: "r1" }, names, adults)).toEqual({ kind: "named", type: "round", typeKnown: true, name: "omakoulu-demo" });
    expect(subjectView({ subjectType: "school", subjectId: "s1" }, names, adults)).toMatchObject({ name: "00501" });
    expect(subjectView({ subjectType: "proposal", subjectId: "p1" }, names, adults)).toEqual({ kind: "plain", type: "proposal", typeKnown: true, id: "p1" });
    expect(subjectView({ subjectType: "widget", subjectId: null }, names, adults)).toEqual({ kind: "plain", type: "widget", typeKnown: false, id: null });
  });
});
