// The proposal lifecycle (docs/domain.md) as a table: every (status, action) pair is either exactly the
// move the lifecycle allows or refused; plus the form schemas shared by the pages and the server.
import { describe, expect, it } from "vitest";
import {
  COST_MAX,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  PROPOSAL_STATUSES,
  PUPIL_ACTIONS,
  REASON_MAX,
  STAFF_ACTIONS,
  TITLE_MAX,
  TITLE_MIN,
  availableStaffActions,
  can,
  decisionSchema,
  isProposalStatus,
  needsReason,
  parseCoAuthorNames,
  proposalFormSchema,
  transition,
  type EventType,
  type ProposalAction,
  type ProposalStatus,
} from "~/features/proposals/proposals";
import { parseForm } from "~/shared/forms";

const ALL_ACTIONS: ProposalAction[] = [...PUPIL_ACTIONS, ...STAFF_ACTIONS, "link-project"];

/** The lifecycle as written in the brief: the only legal moves, with the status and event they give. */
const LEGAL: Record<ProposalAction, Partial<Record<ProposalStatus, { to: ProposalStatus; event: EventType }>>> = {
  edit: {
    draft: { to: "draft", event: "edited" },
    "needs-changes": { to: "needs-changes", event: "edited" },
  },
  submit: {
    draft: { to: "submitted", event: "submitted" },
    "needs-changes": { to: "submitted", event: "resubmitted" },
  },
  approve: { submitted: { to: "approved", event: "approved" } },
  "request-changes": { submitted: { to: "needs-changes", event: "changes-requested" } },
  reject: { submitted: { to: "rejected", event: "rejected" } },
  merge: {
    submitted: { to: "merged", event: "merged" },
    approved: { to: "merged", event: "merged" },
  },
  hide: {
    submitted: { to: "hidden", event: "hidden" },
    "needs-changes": { to: "hidden", event: "hidden" },
    approved: { to: "hidden", event: "hidden" },
    rejected: { to: "hidden", event: "hidden" },
  },
  "link-project": { approved: { to: "approved", event: "project-linked" } },
};

const PAIRS = PROPOSAL_STATUSES.flatMap((status) => ALL_ACTIONS.map((action) => [status, action] as const));

describe("transition: every (status, action) pair", () => {
  it("covers all 7 statuses × 8 actions", () => {
    expect(PROPOSAL_STATUSES).toHaveLength(7);
    expect(ALL_ACTIONS).toHaveLength(8);
    expect(PAIRS).toHaveLength(56);
  });

  it.each(PAIRS)("%s + %s", (status, action) => {
    const expected = LEGAL[action][status];
    const result = transition(status, action);
    if (expected) {
      expect(result).toEqual({ ok: true, to: expected.to, event: expected.event });
      expect(can(status, action)).toBe(true);
    } else {
      expect(result).toEqual({ ok: false, from: status, action });
      expect(can(status, action)).toBe(false);
    }
  });

  it("has exactly the 14 legal moves of the lifecycle", () => {
    const legalCount = Object.values(LEGAL).reduce((n, byStatus) => n + Object.keys(byStatus).length, 0);
    expect(legalCount).toBe(14);
    expect(PAIRS.filter(([s, a]) => can(s, a))).toHaveLength(legalCount);
  });

  it("nothing at all leaves merged or hidden", () => {
    for (const action of ALL_ACTIONS) {
      expect(can("merged", action), action).toBe(false);
      expect(can("hidden", action), action).toBe(false);
    }
  });

  it("nothing leaves rejected except hide", () => {
    expect(ALL_ACTIONS.filter((a) => can("rejected", a))).toEqual(["hide"]);
  });

  it("edit is possible only in draft and needs-changes", () => {
    expect(PROPOSAL_STATUSES.filter((s) => can(s, "edit"))).toEqual(["draft", "needs-changes"]);
  });

  it("hide is possible only from submitted, needs-changes, approved and rejected", () => {
    expect(PROPOSAL_STATUSES.filter((s) => can(s, "hide")).sort()).toEqual(["approved", "needs-changes", "rejected", "submitted"]);
  });

  it("resubmitting after changes writes 'resubmitted', a first submission 'submitted'", () => {
    expect(transition("needs-changes", "submit")).toMatchObject({ ok: true, to: "submitted", event: "resubmitted" });
    expect(transition("draft", "submit")).toMatchObject({ ok: true, to: "submitted", event: "submitted" });
  });

  it("linking a project keeps an approved proposal approved", () => {
    expect(transition("approved", "link-project")).toEqual({ ok: true, to: "approved", event: "project-linked" });
  });

  it("staff can never act on a draft", () => {
    for (const action of STAFF_ACTIONS) expect(can("draft", action), action).toBe(false);
  });
});

describe("availableStaffActions", () => {
  it.each(PROPOSAL_STATUSES)("in %s offers exactly the legal staff moves", (status) => {
    const offered = availableStaffActions(status);
    for (const action of offered) expect(can(status, action), `${status}/${action}`).toBe(true);
    const legal = STAFF_ACTIONS.filter((a) => LEGAL[a][status] !== undefined);
    expect([...offered].sort()).toEqual([...legal].sort());
    // Pupil actions and link-project are never offered as staff buttons.
    for (const action of offered) expect((STAFF_ACTIONS as readonly string[]).includes(action)).toBe(true);
  });

  it("matches the lifecycle per status", () => {
    expect(availableStaffActions("draft")).toEqual([]);
    expect(availableStaffActions("submitted")).toEqual(["approve", "request-changes", "reject", "merge", "hide"]);
    expect(availableStaffActions("needs-changes")).toEqual(["hide"]);
    expect(availableStaffActions("approved")).toEqual(["merge", "hide"]);
    expect(availableStaffActions("rejected")).toEqual(["hide"]);
    expect(availableStaffActions("merged")).toEqual([]);
    expect(availableStaffActions("hidden")).toEqual([]);
  });
});

describe("needsReason", () => {
  it.each(STAFF_ACTIONS)("%s", (action) => {
    expect(needsReason(action)).toBe(action !== "approve");
  });
});

describe("isProposalStatus", () => {
  it("accepts only the seven statuses", () => {
    for (const s of PROPOSAL_STATUSES) expect(isProposalStatus(s)).toBe(true);
    for (const s of ["", "Draft", "deleted", null, undefined, 1, {}]) expect(isProposalStatus(s)).toBe(false);
  });
});

describe("decisionSchema", () => {
  function errorsOf(input: unknown): Record<string, string> {
    const result = decisionSchema.safeParse(input);
    if (result.success) return {};
    return Object.fromEntries(result.error.issues.map((i) => [i.path.join(".") || "form", i.message]));
  }

  it("approve needs no reason", () => {
    expect(decisionSchema.safeParse({ action: "approve", version: 3 }).success).toBe(true);
  });

  it.each(["request-changes", "reject", "merge", "hide"] as const)("%s requires a reason", (action) => {
    const base = { action, version: 1, ...(action === "merge" ? { target: "p2" } : {}) };
    expect(errorsOf(base)).toEqual({ reason: "moderation.errors.reasonRequired" });
    // Only blanks is no reason at all (trimmed first).
    expect(errorsOf({ ...base, reason: "   \n " })).toEqual({ reason: "moderation.errors.reasonRequired" });
    expect(decisionSchema.safeParse({ ...base, reason: "Kerro lisää." }).success).toBe(true);
  });

  it("trims the reason", () => {
    const parsed = decisionSchema.parse({ action: "reject", reason: "  Syy.  ", version: 0 });
    expect(parsed.reason).toBe("Syy.");
  });

  it("merge requires a target", () => {
    expect(errorsOf({ action: "merge", reason: "Sama idea.", version: 1 })).toEqual({ target: "moderation.errors.targetRequired" });
    expect(errorsOf({ action: "merge", version: 1 })).toEqual({
      reason: "moderation.errors.reasonRequired",
      target: "moderation.errors.targetRequired",
    });
    expect(decisionSchema.safeParse({ action: "merge", reason: "Sama idea.", target: "abc", version: 1 }).success).toBe(true);
  });

  it("limits the reason to REASON_MAX characters", () => {
    expect(decisionSchema.safeParse({ action: "reject", reason: "x".repeat(REASON_MAX), version: 1 }).success).toBe(true);
    expect(errorsOf({ action: "reject", reason: "x".repeat(REASON_MAX + 1), version: 1 })).toEqual({ reason: "moderation.errors.reasonLong" });
  });

  it("requires a known action and an integer version", () => {
    expect(errorsOf({ action: "delete", reason: "x", version: 1 })).toMatchObject({ action: "moderation.errors.actionRequired" });
    expect(errorsOf({ action: "approve" })).toEqual({ version: "errors.badRequest" });
    expect(errorsOf({ action: "approve", version: "1" })).toEqual({ version: "errors.badRequest" });
    expect(decisionSchema.safeParse({ action: "approve", version: 1.5 }).success).toBe(false);
  });

  it("through the form parser, the version comes from the hidden field as a number", () => {
    const form = new FormData();
    form.set("action", "approve");
    form.set("version", "4");
    const parsed = parseForm(form, decisionSchema);
    expect(parsed).toEqual({ ok: true, value: { action: "approve", version: 4 } });
    const missing = new FormData();
    missing.set("action", "reject");
    missing.set("version", "4");
    const refused = parseForm(missing, decisionSchema, ["action"]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.reply.fieldErrors.reason).toEqual({ key: "moderation.errors.reasonRequired" });
      expect(refused.reply.values).toEqual({ action: "reject" });
    }
  });
});

describe("proposalFormSchema", () => {
  const valid = {
    intent: "submit",
    title: "Penkkejä pihalle",
    description: "Pihalla ei ole tarpeeksi penkkejä istumiseen.",
    area: "koillinen",
    sector: "basic",
  };

  function errorsOf(input: unknown): Record<string, string> {
    const result = proposalFormSchema.safeParse(input);
    if (result.success) return {};
    return Object.fromEntries(result.error.issues.map((i) => [i.path.join(".") || "form", i.message]));
  }

  it("accepts a valid form and leaves optional fields out", () => {
    expect(proposalFormSchema.parse(valid)).toEqual(valid);
    expect(proposalFormSchema.parse({ ...valid, intent: "draft", concernsSchool: "on", costEstimate: "0", coAuthors: "7-DEM6" })).toMatchObject({
      intent: "draft",
      concernsSchool: "on",
      costEstimate: 0,
      coAuthors: "7-DEM6",
    });
  });

  it("trims title and description before checking lengths", () => {
    const parsed = proposalFormSchema.parse({ ...valid, title: "   Penkit  ", description: `\n  ${"a".repeat(DESCRIPTION_MIN)}  \n` });
    expect(parsed.title).toBe("Penkit");
    expect(parsed.description).toBe("a".repeat(DESCRIPTION_MIN));
    // Four characters padded with spaces is still too short.
    expect(errorsOf({ ...valid, title: "   abcd    " })).toEqual({ title: "proposals.errors.titleShort" });
  });

  it.each([
    [TITLE_MIN - 1, "proposals.errors.titleShort"],
    [TITLE_MIN, null],
    [TITLE_MAX, null],
    [TITLE_MAX + 1, "proposals.errors.titleLong"],
  ])("a title of %i characters → %s", (length, error) => {
    expect(TITLE_MIN).toBe(5);
    expect(TITLE_MAX).toBe(120);
    expect(errorsOf({ ...valid, title: "t".repeat(length) })).toEqual(error ? { title: error } : {});
  });

  it.each([
    [DESCRIPTION_MIN - 1, "proposals.errors.descriptionShort"],
    [DESCRIPTION_MIN, null],
    [DESCRIPTION_MAX, null],
    [DESCRIPTION_MAX + 1, "proposals.errors.descriptionLong"],
  ])("a description of %i characters → %s", (length, error) => {
    expect(DESCRIPTION_MIN).toBe(20);
    expect(DESCRIPTION_MAX).toBe(2000);
    expect(errorsOf({ ...valid, description: "d".repeat(length) })).toEqual(error ? { description: error } : {});
  });

  it("requires title, description, area and sector", () => {
    expect(errorsOf({ intent: "submit" })).toEqual({
      title: "proposals.errors.titleRequired",
      description: "proposals.errors.descriptionRequired",
      area: "proposals.errors.areaInvalid",
      sector: "proposals.errors.sectorInvalid",
    });
  });

  it("accepts only draft or submit as the intent", () => {
    expect(errorsOf({ ...valid, intent: "approve" })).toEqual({ intent: "errors.badRequest" });
    expect(errorsOf({ ...valid, intent: undefined })).toEqual({ intent: "errors.badRequest" });
  });

  it("accepts only a known sector", () => {
    expect(errorsOf({ ...valid, sector: "university" })).toEqual({ sector: "proposals.errors.sectorInvalid" });
  });

  it("limits the area field (the server checks it against the school)", () => {
    expect(errorsOf({ ...valid, area: "x".repeat(41) })).toEqual({ area: "proposals.errors.areaInvalid" });
  });

  it("concernsSchool is the checkbox value 'on' or absent", () => {
    expect(errorsOf({ ...valid, concernsSchool: "yes" })).toHaveProperty("concernsSchool");
  });

  it.each([
    ["0", null],
    ["1", null],
    [String(COST_MAX), null],
    ["10 000 000 €", null],
    [String(COST_MAX + 1), "proposals.errors.costInvalid"],
    ["-1", "proposals.errors.costInvalid"],
    ["12.5", "proposals.errors.costDecimals"],
    ["1 200,50", "proposals.errors.costDecimals"],
    ["1.200", "proposals.errors.costAmbiguous"],
    ["1,200", "proposals.errors.costAmbiguous"],
    ["NaN", "proposals.errors.costInvalid"],
    [12, "proposals.errors.costInvalid"],
  ])("a cost estimate of %s → error %s", (cost, error) => {
    expect(COST_MAX).toBe(10_000_000);
    expect(errorsOf({ ...valid, costEstimate: cost })).toEqual(error ? { costEstimate: error } : {});
  });

  it("keeps HTML as plain text: nothing is stripped or escaped", () => {
    const title = `<script>alert("x")</script> & <b>Penkit</b>`;
    const description = `<img src=x onerror=alert(1)> Pihalle penkkejä & pöytiä "heti"`;
    const parsed = proposalFormSchema.parse({ ...valid, title, description });
    expect(parsed.title).toBe(title);
    expect(parsed.description).toBe(description);
  });

  it("limits the co-authors field", () => {
    expect(errorsOf({ ...valid, coAuthors: "x".repeat(501) })).toEqual({ coAuthors: "proposals.errors.coAuthorsLong" });
  });

  describe("through the form parser (form values are strings)", () => {
    function form(values: Record<string, string>): FormData {
      const f = new FormData();
      for (const [k, v] of Object.entries(values)) f.set(k, v);
      return f;
    }

    it("turns a whole-euro cost into a number and an empty cost into nothing", () => {
      const ok = parseForm(form({ ...valid, costEstimate: "2500" }), proposalFormSchema);
      expect(ok).toMatchObject({ ok: true, value: { costEstimate: 2500 } });
      const empty = parseForm(form({ ...valid, costEstimate: "" }), proposalFormSchema);
      expect(empty.ok).toBe(true);
      if (empty.ok) expect(empty.value.costEstimate).toBeUndefined();
    });

    it.each([
      ["1 200 €", 1200],
      ["1\u00a0200\u00a0€", 1200],
      ["1200,00", 1200],
    ])("reads the cost %j the Finnish way", (cost, value) => {
      expect(parseForm(form({ ...valid, costEstimate: cost }), proposalFormSchema)).toMatchObject({ ok: true, value: { costEstimate: value } });
    });

    it.each(["-3", "10000001", "kymppi", "1e9"])("refuses the cost %s with a translation key, keeping what was typed", (cost) => {
      const parsed = parseForm(form({ ...valid, costEstimate: cost }), proposalFormSchema, ["title", "costEstimate"]);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.reply.fieldErrors.costEstimate).toEqual({ key: "proposals.errors.costInvalid" });
        expect(parsed.reply.values).toEqual({ title: valid.title, costEstimate: cost });
      }
    });

    it("a blank title is 'required'", () => {
      const parsed = parseForm(form({ ...valid, title: "" }), proposalFormSchema);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reply.fieldErrors.title).toEqual({ key: "proposals.errors.titleRequired" });
    });
  });
});

describe("parseCoAuthorNames", () => {
  it.each([
    [undefined, []],
    ["", []],
    ["   ", []],
    ["7-DEM6", ["7-DEM6"]],
    ["7-DEM6, 8-K4QX", ["7-DEM6", "8-K4QX"]],
    ["7-DEM6;8-K4QX\n9-ABCD\t10-EFGH", ["7-DEM6", "8-K4QX", "9-ABCD", "10-EFGH"]],
    [" ,7-DEM6,,  ;", ["7-DEM6"]],
    ["7-DEM6 7-DEM6, 7-DEM6", ["7-DEM6"]],
  ])("%j → %j", (text, names) => {
    expect(parseCoAuthorNames(text)).toEqual(names);
  });

  it("keeps the order of first mention and is case-sensitive", () => {
    expect(parseCoAuthorNames("b a B a")).toEqual(["b", "a", "B"]);
  });
});
