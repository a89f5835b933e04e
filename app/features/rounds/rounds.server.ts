import { SCHOOL_LANGUAGES, SCHOOL_TYPES, type AreaSlug, type Locale, type SchoolLanguage, type SchoolType } from "~/shared/catalog";
import { helsinkiDay, parseClassLevels, phaseOn } from "~/features/rounds/phases";
import { currentRound, localName, type BallotStyle, type RoundScope, type WinnerRule } from "~/features/rounds/rounds";
import { definitionOfRound, formFromDefinition } from "~/features/rounds/round-definition";
import { db } from "~/server/db.server";

const withAreas = { areas: { include: { area: true }, orderBy: { area: { sortOrder: "asc" as const } } } };

/** The round the front page and pupils' pages are about (see domain/rounds.ts), with its areas. */
export async function loadCurrentRound(today = helsinkiDay()) {
  const rounds = await db.round.findMany({ include: withAreas });
  return currentRound(rounds, today);
}

/** The round named by `?round=SLUG`, or the current round; with the list to choose from. */
export async function loadChosenRound(url: URL, locale: Locale) {
  const slug = url.searchParams.get("round");
  const [chosen, all] = await Promise.all([
    slug ? db.round.findUnique({ where: { slug }, include: withAreas }) : loadCurrentRound(),
    db.round.findMany({ orderBy: { proposalsStart: "desc" }, select: { slug: true, nameFi: true, nameSv: true, nameEn: true } }),
  ]);
  const round = chosen ?? (await loadCurrentRound());
  return { round, options: all.map((r) => ({ slug: r.slug, name: localName(r, locale) })) };
}

/** A round's name in `locale`, or null when there is no such round (a pupil's round). */
export async function roundNameOf(id: string, locale: Locale): Promise<string | null> {
  const round = await db.round.findUnique({ where: { id }, select: { nameFi: true, nameSv: true, nameEn: true } });
  return round ? localName(round, locale) : null;
}

/** Rounds whose results are published, newest first (the front page links them). */
export async function publishedRounds(locale: Locale) {
  const rounds = await db.round.findMany({
    where: { resultsPublishedAt: { not: null } },
    orderBy: { resultsPublishedAt: "desc" },
    select: { slug: true, nameFi: true, nameSv: true, nameEn: true },
  });
  return rounds.map((r) => ({ slug: r.slug, name: localName(r, locale) }));
}

// ---- the coordinators' pages: /rounds, /rounds/SLUG, /rounds/SLUG/edit ---------------------------

/** Every round, newest first, as the list of rounds shows it. */
export async function listRounds(locale: Locale, today = helsinkiDay()) {
  const rounds = await db.round.findMany({ include: { areas: true }, orderBy: { proposalsStart: "desc" } });
  return rounds.map((r) => ({
    slug: r.slug,
    name: localName(r, locale),
    state: phaseOn(r, today),
    published: r.resultsPublishedAt !== null,
    scope: r.scope as RoundScope,
    ballotStyle: r.ballotStyle as BallotStyle,
    maxPicks: r.maxPicks ?? 0,
    rule: r.rule as WinnerRule,
    start: r.proposalsStart,
    end: r.votingEnd,
    budget: r.areas.reduce((sum, a) => sum + a.budget, 0),
  }));
}

/** One round with its phases, budgets, and eligible pupils by school type × language; 404 if none. */
export async function loadRoundPage(slug: string, locale: Locale, today = helsinkiDay()) {
  const round = await db.round.findUnique({ where: { slug }, include: withAreas });
  if (!round) throw new Response("Not found", { status: 404 });
  const classLevels = parseClassLevels(round.classLevels);
  const enrolment = await db.enrolment.findMany({
    where: { roundId: round.id, classLevel: { in: classLevels } },
    select: { eligible: true, schoolId: true, school: { select: { type: true, language: true } } },
  });
  // Eligible pupils by school type × language: the table coordinators read turnout against.
  const groups = new Map<string, { type: SchoolType; language: SchoolLanguage; eligible: number; schools: Set<string> }>();
  for (const e of enrolment) {
    const key = `${e.school.type}/${e.school.language}`;
    const group = groups.get(key) ?? { type: e.school.type as SchoolType, language: e.school.language as SchoolLanguage, eligible: 0, schools: new Set() };
    group.eligible += e.eligible;
    group.schools.add(e.schoolId);
    groups.set(key, group);
  }
  const byType = [...groups.values()]
    .sort((a, b) => SCHOOL_TYPES.indexOf(a.type) - SCHOOL_TYPES.indexOf(b.type) || SCHOOL_LANGUAGES.indexOf(a.language) - SCHOOL_LANGUAGES.indexOf(b.language))
    .map((g) => ({ type: g.type, language: g.language, eligible: g.eligible, schools: g.schools.size }));
  return {
    round: {
      name: localName(round, locale),
      slug: round.slug,
      state: phaseOn(round, today),
      scope: round.scope as RoundScope,
      ballotStyle: round.ballotStyle as BallotStyle,
      maxPicks: round.maxPicks ?? 0,
      rule: round.rule as WinnerRule,
      classLevels,
      phases: [
        { name: "proposals" as const, start: round.proposalsStart, end: round.proposalsEnd },
        { name: "review" as const, start: round.reviewStart, end: round.reviewEnd },
        { name: "voting" as const, start: round.votingStart, end: round.votingEnd },
        { name: "results" as const, start: round.resultsDate, end: round.resultsDate },
      ],
      areas: round.areas.map((a) => ({ slug: a.areaSlug as AreaSlug, budget: a.budget })),
    },
    byType,
  };
}

/** A round as the edit form starts (its definition as form values); 404 if none. */
export async function loadRoundForEdit(slug: string, locale: Locale) {
  const round = await db.round.findUnique({ where: { slug }, include: { areas: true, school: { select: { code: true } } } });
  if (!round) throw new Response("Not found", { status: 404 });
  return { name: localName(round, locale), slug: round.slug, form: formFromDefinition(definitionOfRound(round)) };
}
