// Turnout grouping, rates and public suppression (app/features/turnout/turnout.ts). The suppression test is a
// brute force: for many random tables it enumerates every assignment of the hidden voter counts that
// agrees with what is published (the shown cells, the total row, and for two-key tables the sums of
// each key's groups, which the one-key tables publish) and checks that no hidden count has only one
// possible value.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { enrolmentProblemText, ENROLMENT_MESSAGES, problemKind } from "~/features/turnout/enrolment-problems";
import { DaysChart, daysChartLayout } from "~/features/turnout/turnout-ui";
import { CsvError } from "~/shared/csv";
import { i18nFor } from "~/shared/i18n";
import {
  aggregateTurnout,
  parseTurnoutKeys,
  participationRate,
  publishTable,
  suppressTable,
  type PublishedTable,
  type TurnoutKey,
  type TurnoutSchool,
  type TurnoutTable,
} from "~/features/turnout/turnout";

const SCHOOLS: TurnoutSchool[] = [
  { id: "a", code: "00101", type: "11", language: "fi", area: "etelainen" },
  { id: "b", code: "00102", type: "11", language: "sv", area: "etelainen" },
  { id: "c", code: "00103", type: "15", language: "fi", area: "itainen" },
];

describe("participationRate", () => {
  it("is voters / eligible × 100 with one decimal, none without eligible pupils", () => {
    expect(participationRate(36, 100)).toBe(36);
    expect(participationRate(1, 3)).toBe(33.3);
    expect(participationRate(2, 3)).toBe(66.7);
    expect(participationRate(0, 10)).toBe(0);
    expect(participationRate(5, 0)).toBeNull();
  });
});

describe("parseTurnoutKeys", () => {
  it("accepts a comma list of known keys, in order", () => {
    expect(parseTurnoutKeys("type, language")).toEqual({ ok: true, keys: ["type", "language"] });
    expect(parseTurnoutKeys("day,class-level")).toEqual({ ok: true, keys: ["day", "class-level"] });
  });
  it("refuses unknown, repeated and missing keys", () => {
    expect(parseTurnoutKeys("type,typo").ok).toBe(false);
    expect(parseTurnoutKeys("type,type").ok).toBe(false);
    expect(parseTurnoutKeys("").ok).toBe(false);
  });
});

describe("aggregateTurnout", () => {
  const enrolment = [
    { schoolId: "a", classLevel: 7, eligible: 100 },
    { schoolId: "a", classLevel: 8, eligible: 50 },
    { schoolId: "b", classLevel: 7, eligible: 40 },
    { schoolId: "c", classLevel: 10, eligible: 200 },
  ];
  const voters = [
    { schoolId: "a", classLevel: 7, method: "online", day: "2026-03-11", voters: 30 },
    { schoolId: "a", classLevel: 7, method: "paper", day: "2026-03-12", voters: 6 },
    { schoolId: "a", classLevel: 8, method: "online", day: "2026-03-12", voters: 18 },
    { schoolId: "b", classLevel: 7, method: "online", day: "2026-03-11", voters: 12 },
    { schoolId: "c", classLevel: 10, method: "online", day: "2026-03-13", voters: 38 },
  ];
  const table = (keys: TurnoutKey[], days?: string[]) => aggregateTurnout({ keys, schools: SCHOOLS, enrolment, voters, days });

  it("groups by school type and language, ordered, with a total", () => {
    const t = table(["type", "language"]);
    expect(t.rows.map((r) => [...r.values, r.eligible, r.voters, r.rate])).toEqual([
      ["11", "fi", 150, 54, 36],
      ["11", "sv", 40, 12, 30],
      ["15", "fi", 200, 38, 19],
    ]);
    expect(t.total).toEqual({ eligible: 390, voters: 104, rate: 26.7 });
  });

  it("groups by school, area and class level", () => {
    expect(table(["school"]).rows.map((r) => [r.values[0], r.voters])).toEqual([["00101", 54], ["00102", 12], ["00103", 38]]);
    expect(table(["area"]).rows.map((r) => [r.values[0], r.eligible, r.voters])).toEqual([["etelainen", 190, 66], ["itainen", 200, 38]]);
    expect(table(["class-level"]).rows.map((r) => [r.values[0], r.eligible, r.voters])).toEqual([["7", 140, 48], ["8", 50, 18], ["10", 200, 38]]);
  });

  it("by method and day, every row has the whole eligible count and the rows' voters add up to the total", () => {
    const byMethod = table(["method"]);
    expect(byMethod.rows.map((r) => [r.values[0], r.eligible, r.voters, r.rate])).toEqual([["online", 390, 98, 25.1], ["paper", 390, 6, 1.5]]);
    const byDay = table(["day"], ["2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14"]);
    expect(byDay.rows.map((r) => [r.values[0], r.voters])).toEqual([
      ["2026-03-10", 0],
      ["2026-03-11", 42],
      ["2026-03-12", 24],
      ["2026-03-13", 38],
      ["2026-03-14", 0],
    ]);
    expect(byDay.rows.every((r) => r.eligible === 390)).toBe(true);
    expect(byDay.total.voters).toBe(104);
  });

  it("crosses enrolment keys with voter keys", () => {
    const t = table(["type", "method"]);
    expect(t.rows.map((r) => [...r.values, r.eligible, r.voters])).toEqual([
      ["11", "online", 190, 60],
      ["11", "paper", 190, 6],
      ["15", "online", 200, 38],
      ["15", "paper", 200, 0],
    ]);
  });

  it("counts voters at a school without enrolment, with no rate", () => {
    const t = aggregateTurnout({ keys: ["school"], schools: SCHOOLS, enrolment: [], voters: [{ schoolId: "a", classLevel: 7, method: "online", voters: 3 }] });
    expect(t.rows).toEqual([{ values: ["00101"], eligible: 0, voters: 3, rate: null }]);
  });
});

// ---- suppression ---------------------------------------------------------------------------------

function tableOf(keys: TurnoutKey[], cells: Array<{ values: string[]; eligible: number; voters: number }>, totalEligible?: number): TurnoutTable {
  const eligible = totalEligible ?? cells.reduce((s, c) => s + c.eligible, 0);
  const voters = cells.reduce((s, c) => s + c.voters, 0);
  return {
    keys,
    rows: cells.map((c) => ({ ...c, rate: participationRate(c.voters, c.eligible) })),
    total: { eligible, voters, rate: participationRate(voters, eligible) },
  };
}

describe("suppressTable", () => {
  it("hides cells with fewer than 5 voters or fewer than 10 eligible", () => {
    const t = suppressTable(
      tableOf(["school"], [
        { values: ["1"], eligible: 100, voters: 3 },
        { values: ["2"], eligible: 8, voters: 6 },
        { values: ["3"], eligible: 100, voters: 40 },
        { values: ["4"], eligible: 100, voters: 50 },
      ]),
    );
    expect(t.rows.map((r) => [r.voters, r.suppressed])).toEqual([
      [null, "<5"],
      [null, "suppressed"],
      [40, null],
      [50, null],
    ]);
    expect(t.rows.every((r) => r.eligible > 0)).toBe(true);
    expect(t.total).toMatchObject({ voters: 99, suppressed: null });
  });

  it("hides the next smallest cell when only one is small, and keeps the total exact", () => {
    const t = suppressTable(
      tableOf(["type"], [
        { values: ["11"], eligible: 100, voters: 2 },
        { values: ["15"], eligible: 100, voters: 30 },
        { values: ["21"], eligible: 100, voters: 20 },
      ]),
    );
    expect(t.rows.map((r) => r.suppressed)).toEqual(["<5", null, "suppressed"]);
    expect(t.total.voters).toBe(52);
  });

  it("hides the total when every cell is hidden and it would give them away", () => {
    const t = suppressTable(tableOf(["school"], [{ values: ["1"], eligible: 40, voters: 3 }], 40));
    expect(t.rows[0]?.suppressed).toBe("<5");
    expect(t.total.voters).toBeNull();
  });

  it("does not hide anything in exact tables", () => {
    const exact = publishTable(tableOf(["school"], [{ values: ["1"], eligible: 4, voters: 1 }]), false);
    expect(exact.rows[0]).toMatchObject({ voters: 1, suppressed: null });
    expect(exact.public).toBe(false);
  });

  it("two zero-voter cells are not left as the only hidden cells (their sum would show both are 0)", () => {
    const t = suppressTable(
      tableOf(["school"], [
        { values: ["1"], eligible: 50, voters: 0 },
        { values: ["2"], eligible: 50, voters: 0 },
        { values: ["3"], eligible: 50, voters: 20 },
        { values: ["4"], eligible: 50, voters: 30 },
      ]),
    );
    expect(t.rows.map((r) => r.suppressed)).toEqual(["<5", "<5", "suppressed", null]);
  });
});

/** Seeded random numbers, so a failure can be reproduced. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The hidden cells' possible values given what `published` shows: each hidden count is in
 * [0, eligible] and ≤ 4 when shown as "<5"; sums of `constraints` (lists of row indexes with known
 * sums) must hold. Returns, per hidden row, the set of values seen in some consistent assignment.
 */
function possibleValues(published: PublishedTable, exact: TurnoutTable, constraints: Array<{ rows: number[]; sum: number }>): Map<number, Set<number>> {
  const hidden = published.rows.flatMap((r, i) => (r.suppressed ? [i] : []));
  const upper = hidden.map((i) => {
    const r = published.rows[i];
    if (!r) return 0;
    return r.suppressed === "<5" ? Math.min(4, r.eligible) : r.eligible;
  });
  const seen = new Map<number, Set<number>>(hidden.map((i) => [i, new Set<number>()]));
  const value = exact.rows.map((r, i) => (published.rows[i]?.suppressed ? 0 : r.voters));
  const check = () => constraints.every((c) => c.rows.reduce((s, i) => s + (value[i] ?? 0), 0) === c.sum);
  const walk = (j: number) => {
    if (j === hidden.length) {
      if (check()) hidden.forEach((i) => seen.get(i)?.add(value[i] ?? 0));
      return;
    }
    const i = hidden[j] as number;
    for (let v = 0; v <= (upper[j] ?? 0); v++) {
      value[i] = v;
      walk(j + 1);
    }
    value[i] = 0;
  };
  walk(0);
  return seen;
}

function expectNothingRecoverable(published: PublishedTable, exact: TurnoutTable, constraints: Array<{ rows: number[]; sum: number }>, label: string) {
  const seen = possibleValues(published, exact, constraints);
  for (const [i, values] of seen) {
    const row = exact.rows[i];
    if (!row || (row.eligible === 0 && row.voters === 0)) continue; // nobody to protect
    expect(values.has(row.voters), `${label}: the true value of row ${i} must be consistent`).toBe(true);
    expect(values.size, `${label}: hidden row ${i} (${row.voters} of ${row.eligible}) can be worked out: ${JSON.stringify(published.rows)}`).toBeGreaterThan(1);
  }
}

describe("suppression cannot be undone by subtraction (brute force)", () => {
  it("one-key tables against their total", () => {
    const next = random(2019);
    let tables = 0;
    let hiddenCells = 0;
    for (let n = 0; n < 400; n++) {
      const size = 1 + Math.floor(next() * 5);
      const cells = Array.from({ length: size }, (_, i) => {
        const eligible = Math.floor(next() * 14);
        const voters = Math.floor(next() * (eligible + 1));
        return { values: [String(i)], eligible, voters };
      });
      const exact = tableOf(["school"], cells);
      const published = suppressTable(exact);
      // Shown cells must be exact.
      published.rows.forEach((r, i) => {
        if (!r.suppressed) expect(r.voters).toBe(exact.rows[i]?.voters);
      });
      const constraints = published.total.voters === null ? [] : [{ rows: cells.map((_, i) => i), sum: published.total.voters }];
      expectNothingRecoverable(published, exact, constraints, `table ${n}`);
      tables++;
      hiddenCells += published.rows.filter((r) => r.suppressed).length;
    }
    expect(tables).toBe(400);
    expect(hiddenCells).toBeGreaterThan(100);
  });

  it("two-key tables against their total (margins are narrowed too, but another table's figures are out of reach: docs/decisions/005)", () => {
    const next = random(2024);
    for (let n = 0; n < 150; n++) {
      const cols = 2 + Math.floor(next() * 2);
      const cells: Array<{ values: string[]; eligible: number; voters: number }> = [];
      for (const a of ["11", "15"]) {
        for (let b = 0; b < cols; b++) {
          const eligible = Math.min(12, Math.floor(next() * 9) + (next() < 0.5 ? 10 : 0));
          cells.push({ values: [a, String(b)], eligible, voters: Math.min(eligible, Math.floor(next() * 10)) });
        }
      }
      const exact = tableOf(["type", "class-level"], cells);
      const published = suppressTable(exact);
      const constraints: Array<{ rows: number[]; sum: number }> = [];
      if (published.total.voters !== null) constraints.push({ rows: cells.map((_, i) => i), sum: published.total.voters });
      expectNothingRecoverable(published, exact, constraints, `table ${n}`);
    }
  });
});

describe("the voters-per-day chart", () => {
  const render = (days: number) =>
    renderToStaticMarkup(
      createElement(DaysChart, {
        title: "Voters per day",
        desc: "desc",
        points: Array.from({ length: days }, (_, i) => ({ id: String(i), label: `12-${String(i + 1).padStart(2, "0")}`, value: 1000 + i, valueText: `1 ${String(i).padStart(3, "0")}` })),
      }),
    );

  it.each([1, 2, 5, 10, 14, 21, 31, 45, 60])("%i days: labels of 12 px or more, at most one day label per 40 px, the last day labelled", (days) => {
    const html = render(days);
    const svg = html.match(/<svg[^>]*>/)?.[0] ?? "";
    const width = Number(svg.match(/ width="(\d+)"/)?.[1]);
    // Drawn at its natural size: the viewBox is the width and height, so 1 unit is 1 px.
    expect(svg).toContain(`viewBox="0 0 ${width} `);
    expect(svg).not.toContain('width="100%"');
    const sizes = [...html.matchAll(/<text[^>]*font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(12);
    const dayXs = [...html.matchAll(/<text class="turnout-chart__day" x="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(dayXs.length).toBeGreaterThan(0);
    expect(dayXs.length).toBeLessThanOrEqual(Math.max(1, Math.floor(width / 40)));
    for (let i = 1; i < dayXs.length; i++) expect((dayXs[i] as number) - (dayXs[i - 1] as number)).toBeGreaterThanOrEqual(48);
    expect(html).toContain(`12-${String(days).padStart(2, "0")}<`);
    // Scrolls inside a focusable, labelled region when wider than the screen.
    expect(html).toMatch(/<div class="turnout-chart__scroll" role="region" aria-label="Voters per day" tabindex="0">/);
  });

  it("labels every day when there are few", () => {
    expect(daysChartLayout(5).labelEvery).toBe(1);
    expect(daysChartLayout(30).labelEvery).toBeGreaterThan(1);
  });
});

describe("enrolment import problems, translated", () => {
  const tr = (locale: "fi" | "sv" | "en") => (key: string, values?: Record<string, string | number>) => i18nFor(locale).t(key as never, values as never) as unknown as string;

  it("names the line and column in the page's language", () => {
    const error = new CsvError("pasted text", { line: 3, column: 2, columnName: "class_level", message: ENROLMENT_MESSAGES.classLevel });
    expect(enrolmentProblemText(error, tr("sv"))).toBe("Rad 3, kolumn 2 (class_level): årskursen ska vara ett heltal från 1 till 12.");
    expect(enrolmentProblemText(error, tr("fi"))).toBe("Rivi 3, sarake 2 (class_level): luokka-asteen pitää olla kokonaisluku 1–12.");
    expect(enrolmentProblemText(error, tr("en"))).toBe("Line 3, column 2 (class_level): the class level must be a whole number from 1 to 12.");
    const count = new CsvError("pasted text", { line: 4, message: "expected 3 values but found 2; every line needs a value for each of school,class_level,eligible" });
    expect(enrolmentProblemText(count, tr("sv"))).toBe("Rad 4: 3 värden väntades men 2 hittades; varje rad behöver ett värde för var och en av school,class_level,eligible.");
  });

  it("knows the reader's and the import's problems", () => {
    expect(problemKind('unknown column "skool"; the columns must be exactly school,class_level,eligible')).toEqual({ kind: "unknownColumn", values: { name: "skool", columns: "school,class_level,eligible" } });
    expect(problemKind("school 00101, class level 7 is already on line 2; keep one line per school and class level").kind).toBe("duplicate");
    expect(problemKind('no school has the code "99999"; import it first with import-schools, or correct the code')).toEqual({ kind: "unknownSchool", values: { code: "99999" } });
    expect(problemKind("something new").kind).toBe("other");
  });
});
