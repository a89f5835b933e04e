// Creating and editing rounds (create-round FILE.json, /rounds/new, /rounds/SLUG/edit); their
// ballot projects are imported in app/features/proposals/projects-import.server.ts. Each save is one transaction with its audit
// entry: all of it is written, or nothing.
import { redirect } from "@remix-run/node";
import {
  definitionFromForm,
  formFieldOf,
  parseRoundDefinition,
  phaseDatesOf,
  ROUND_ERROR_PREFIX,
  ROUND_FORM_FIELDS,
  RoundDefinitionError,
  type DefinitionIssue,
  type RoundDefinition,
  type RoundFormValues,
} from "~/features/rounds/round-definition";
import { helsinkiDay } from "~/features/rounds/phases";
import { appendAudit } from "~/server/audit.server";
import { db, retryWhenBusy, type Db } from "~/server/db.server";
import type { FormReply, Message } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { readForm } from "~/server/request.server";

export interface SaveRoundOptions {
  /** "create": refuse an existing slug; "update": the round must exist; "upsert" (default): either. */
  mode?: "create" | "update" | "upsert";
}

export class RoundNotFoundError extends Error {
  constructor(readonly slug: string) {
    super(`no round has the slug "${slug}"; check the slug (the rounds are listed at /rounds)`);
    this.name = "RoundNotFoundError";
  }
}

/**
 * Creates or updates the round `definition.slug` and replaces its areas and budgets, in one
 * transaction with an audit entry. Throws RoundDefinitionError when the school is unknown, when the
 * slug is taken (mode "create"), or when an area that already has ballot projects would be dropped.
 */
export async function saveRound(client: Db, definition: RoundDefinition, actorId: string | null, options: SaveRoundOptions = {}) {
  const mode = options.mode ?? "upsert";
  return retryWhenBusy(() =>
    client.$transaction(async (tx) => {
      const issues: DefinitionIssue[] = [];
      let schoolId: string | null = null;
      if (definition.scope === "school" && definition.school) {
        const school = await tx.school.findUnique({ where: { code: definition.school }, select: { id: true } });
        if (school) schoolId = school.id;
        else issues.push({ path: ["school"], code: "schoolUnknown", values: { code: definition.school } });
      }
      const existing = await tx.round.findUnique({ where: { slug: definition.slug }, include: { areas: true } });
      if (existing && mode === "create") issues.push({ path: ["slug"], code: "slugTaken", values: { slug: definition.slug } });
      if (!existing && mode === "update") throw new RoundNotFoundError(definition.slug);
      if (existing && mode !== "create") {
        const kept = new Set<string>(definition.areas.map((a) => a.area));
        for (const old of existing.areas) {
          if (kept.has(old.areaSlug)) continue;
          const count = await tx.ballotProject.count({ where: { roundId: existing.id, areaSlug: old.areaSlug } });
          if (count > 0) issues.push({ path: ["areas"], code: "areaHasProjects", values: { area: old.areaSlug, count } });
        }
      }
      // Once voting has started, what pupils vote on and how it is counted stays as it was.
      if (existing && helsinkiDay() >= existing.votingStart) {
        const budgets = (areas: Array<{ area: string; budget: number }>) =>
          areas.map((a) => `${a.area}:${a.budget}`).sort().join(",");
        const changed =
          existing.ballotStyle !== definition.ballot.style ||
          (existing.maxPicks ?? null) !== (definition.ballot.style === "approval" ? definition.ballot.maxPicks : null) ||
          existing.rule !== definition.rule ||
          (existing.rule === "greedy-threshold" ? (existing.minVotes ?? 1) : null) !== (definition.minVotes ?? null) ||
          existing.classLevels !== definition.classLevels.join(",") ||
          existing.votingStart !== definition.phases.voting[0] ||
          budgets(existing.areas.map((a) => ({ area: a.areaSlug, budget: a.budget }))) !== budgets(definition.areas);
        if (changed) issues.push({ path: ["ballot"], code: "votingStarted", values: { date: existing.votingStart } });
      }
      if (issues.length) throw new RoundDefinitionError(issues);

      const fields = {
        nameFi: definition.name.fi,
        nameSv: definition.name.sv,
        nameEn: definition.name.en,
        scope: definition.scope,
        schoolId,
        ballotStyle: definition.ballot.style,
        maxPicks: definition.ballot.style === "approval" ? definition.ballot.maxPicks : null,
        rule: definition.rule,
        minVotes: definition.rule === "greedy-threshold" ? (definition.minVotes ?? null) : null,
        classLevels: definition.classLevels.join(","),
        ...phaseDatesOf(definition.phases),
      };
      const round = existing
        ? await tx.round.update({ where: { id: existing.id }, data: fields })
        : await tx.round.create({ data: { slug: definition.slug, ...fields } });
      await tx.roundArea.deleteMany({ where: { roundId: round.id } });
      await tx.roundArea.createMany({ data: definition.areas.map((a) => ({ roundId: round.id, areaSlug: a.area, budget: a.budget })) });
      await appendAudit(tx, {
        actorId,
        action: existing ? "round.update" : "round.create",
        subjectType: "round",
        subjectId: round.id,
        detail: {
          slug: round.slug,
          scope: definition.scope,
          ballotStyle: definition.ballot.style,
          rule: definition.rule,
          ...(definition.minVotes !== undefined ? { minVotes: definition.minVotes } : {}),
          areas: definition.areas.map((a) => a.area),
          totalBudget: definition.areas.reduce((sum, a) => sum + a.budget, 0),
        },
      });
      return { round, created: !existing };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The form of /rounds/new and /rounds/SLUG/edit

/** Translation key and values of a problem (the page turns `area`/`field`/`date` values into words). */
function messageOf(issue: DefinitionIssue): Message {
  return { key: `${ROUND_ERROR_PREFIX}${issue.code}`, ...(issue.values ? { values: issue.values } : {}) };
}

/** The form's reply: every typed value and ticked class level back, with one message per field. */
function replyOf(form: RoundFormValues, issues: readonly DefinitionIssue[]): FormReply {
  const fieldErrors: Record<string, Message> = {};
  for (const issue of issues) {
    const field = formFieldOf(issue);
    fieldErrors[field] ??= messageOf(issue);
  }
  return { fieldErrors, values: form.values, lists: { classLevels: form.classLevels } };
}

/** What the form posted: every single-valued field and the ticked class levels. */
export function roundFormValues(formData: FormData): RoundFormValues {
  const values: Record<string, string> = {};
  for (const name of ROUND_FORM_FIELDS) {
    const v = formData.get(name);
    if (typeof v === "string") values[name] = v.slice(0, 500);
  }
  const classLevels = formData
    .getAll("classLevels")
    .filter((v): v is string => typeof v === "string")
    .slice(0, 24);
  return { values, classLevels };
}

/**
 * The action of both round pages: validates the posted form with the definition schema, saves, and
 * redirects to the round; otherwise answers 400 with the messages and every typed value.
 * When editing, the slug comes from the address, never from the form.
 */
export async function handleRoundForm(request: Request, actorId: string, slug?: string) {
  const formData = await readForm(request);
  const form = roundFormValues(formData);
  if (slug !== undefined) form.values.slug = slug;
  const parsed = parseRoundDefinition(definitionFromForm(form));
  if (!parsed.ok) return replyWith(replyOf(form, parsed.issues));
  try {
    const { round } = await saveRound(db, parsed.definition, actorId, { mode: slug === undefined ? "create" : "update" });
    return redirect(`/rounds/${encodeURIComponent(round.slug)}`);
  } catch (error) {
    if (error instanceof RoundDefinitionError) return replyWith(replyOf(form, error.issues));
    if (error instanceof RoundNotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}
