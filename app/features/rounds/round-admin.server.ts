// Creating and editing rounds (create-round FILE.json, /rounds/new, /rounds/SLUG/edit) and
// importing their ballot projects (import-projects). Each save is one transaction with its audit
// entry: all of it is written, or nothing.
import { data, redirect } from "@remix-run/node";
import { CsvError } from "~/shared/csv";
import type { ProjectsCsv } from "~/features/proposals/projects-csv";
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
import { retryWhenBusy, type Db } from "~/server/db.server";
import type { Message } from "~/shared/forms";
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

/**
 * Upserts a round's ballot projects by (round, code) from a read projects file, in one transaction
 * with an audit entry. A project whose area has no budget in the round aborts the whole import with
 * a CsvError naming its line and the area column.
 */
export async function importProjects(client: Db, roundSlug: string, table: ProjectsCsv, actorId: string | null) {
  return retryWhenBusy(() =>
    client.$transaction(async (tx) => {
      const round = await tx.round.findUnique({ where: { slug: roundSlug }, include: { areas: true } });
      if (!round) throw new RoundNotFoundError(roundSlug);
      const budgeted = round.areas.map((a) => a.areaSlug);
      for (const row of table.rows) {
        if (!budgeted.includes(row.value.area)) {
          throw new CsvError(table.file, {
            line: row.line,
            column: table.columnOf("area"),
            columnName: "area",
            message: `the area "${row.value.area}" has no budget in round ${round.slug}; use one of ${budgeted.join(", ")}, or add the area to the round first (create-round)`,
          });
        }
      }
      let created = 0;
      let updated = 0;
      for (const { value } of table.rows) {
        const fields = {
          titleFi: value.title_fi,
          titleSv: value.title_sv,
          titleEn: value.title_en,
          areaSlug: value.area,
          sector: value.sector,
          cost: value.cost,
        };
        const where = { roundId_code: { roundId: round.id, code: value.code } };
        const existing = await tx.ballotProject.findUnique({ where, select: { id: true } });
        if (existing) {
          await tx.ballotProject.update({ where, data: fields });
          updated++;
        } else {
          await tx.ballotProject.create({ data: { roundId: round.id, code: value.code, ...fields } });
          created++;
        }
      }
      await appendAudit(tx, { actorId, action: "projects.import", subjectType: "round", subjectId: round.id, detail: { created, updated } });
      return { created, updated };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The form of /rounds/new and /rounds/SLUG/edit

export interface RoundFormReply extends RoundFormValues {
  fieldErrors: Record<string, Message>;
}

/** Translation key and values of a problem (the page turns `area`/`field`/`date` values into words). */
function messageOf(issue: DefinitionIssue): Message {
  return { key: `${ROUND_ERROR_PREFIX}${issue.code}`, ...(issue.values ? { values: issue.values } : {}) };
}

function replyOf(form: RoundFormValues, issues: readonly DefinitionIssue[]): RoundFormReply {
  const fieldErrors: Record<string, Message> = {};
  for (const issue of issues) {
    const field = formFieldOf(issue);
    fieldErrors[field] ??= messageOf(issue);
  }
  return { ...form, fieldErrors };
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
export async function handleRoundForm(client: Db, request: Request, actorId: string, slug?: string) {
  const formData = await readForm(request);
  const form = roundFormValues(formData);
  if (slug !== undefined) form.values.slug = slug;
  const parsed = parseRoundDefinition(definitionFromForm(form));
  if (!parsed.ok) return data(replyOf(form, parsed.issues), { status: 400 });
  try {
    const { round } = await saveRound(client, parsed.definition, actorId, { mode: slug === undefined ? "create" : "update" });
    return redirect(`/rounds/${encodeURIComponent(round.slug)}`);
  } catch (error) {
    if (error instanceof RoundDefinitionError) return data(replyOf(form, error.issues), { status: 400 });
    if (error instanceof RoundNotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}
