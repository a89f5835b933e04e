// The results page of a round (/rounds/SLUG/results): what it shows to whom, and publishing.
// Unpublished results are seen only by coordinators and admins (`canSeeResults`); to everybody else
// the page is a 404, so it reveals nothing (docs/domain.md, "Results").
import type { AreaSlug, Locale } from "~/shared/catalog";
import { formatDay } from "~/shared/locale";
import { i18nFor } from "~/shared/i18n";
import { refuse, type Outcome } from "~/shared/forms";
import { can, canSeeResults, type Actor } from "~/features/access/permissions";
import { helsinkiDay } from "~/features/rounds/phases";
import { localName } from "~/features/rounds/rounds";
import { canPublish, computeResults, publishResults, ResultsError } from "~/features/results/results.server";
import { db } from "~/server/db.server";
import { mixIfEnded } from "~/features/voting/ballot-box.server";
import { PROJECT_MEDIA_SELECT, projectMedia } from "~/features/proposals/projects";

function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

async function roundBySlug(slug: string) {
  const round = await db.round.findUnique({ where: { slug } });
  if (!round) throw notFound();
  return round;
}

/** The page's data for `actor` (null: a visitor); 404 when the round is unknown or not theirs to see yet. */
export async function loadResultsPage(actor: Actor | null, slug: string, url: URL, locale: Locale) {
  const round = await roundBySlug(slug);
  if (!canSeeResults(actor, { published: round.resultsPublishedAt !== null })) throw notFound();
  const coordinator = can(actor, "results:view-unpublished");
  const compare = coordinator && url.searchParams.get("compare") === "1";
  // After voting, whatever is left in the ballot box is counted before the results are shown.
  await mixIfEnded(db, round);
  const results = await computeResults(round.id, { compare });
  // The approved ideas behind each project: a winner shows where it came from.
  const ideas = await db.proposal.findMany({
    where: { roundId: round.id, status: "approved", projectId: { not: null } },
    select: { id: true, title: true, projectId: true },
    orderBy: { createdAt: "asc" },
  });
  // Each project's description and picture.
  const media = new Map((await db.ballotProject.findMany({ where: { roundId: round.id }, select: { id: true, ...PROJECT_MEDIA_SELECT } })).map((p) => [p.id, projectMedia(p, locale)]));
  const name = localName(round, locale);
  return {
    title: i18nFor(locale).t("results.pageTitle", { round: name }),
    slug: round.slug,
    coordinator,
    compare,
    rule: results.round.rule,
    minVotes: results.minVotes,
    comparisonRule: results.comparisonRule,
    votingEnd: round.votingEnd,
    votingOpen: helsinkiDay() <= round.votingEnd,
    publishedDay: round.resultsPublishedAt ? helsinkiDay(round.resultsPublishedAt) : null,
    canPublish: can(actor, "results:publish") && canPublish(round),
    justPublished: url.searchParams.get("published") === "1",
    areas: results.areas.map((a) => ({
      area: a.area as AreaSlug,
      budget: a.budget,
      voters: a.voters,
      spent: a.spent,
      left: a.left,
      comparisonLeft: a.comparison?.left ?? null,
      projects: a.projects.map((p) => ({
        id: p.id,
        code: p.code,
        title: { fi: p.titles.fi, sv: p.titles.sv, en: p.titles.en }[locale],
        votes: p.votes,
        cost: p.cost,
        selected: p.selected,
        comparisonSelected: p.comparisonSelected ?? null,
        ideas: ideas.filter((i) => i.projectId === p.id).map((i) => ({ id: i.id, title: i.title })),
        media: media.get(p.id) ?? { description: "", descriptionLang: null, picture: null },
      })),
    })),
  };
}

/** Publishes the round's results; refused (409) while voting is open or when already published. */
export async function publishRoundResults(slug: string, actorId: string, locale: Locale): Promise<Outcome<{ slug: string }>> {
  const round = await roundBySlug(slug);
  try {
    await publishResults(round.id, actorId);
  } catch (error) {
    if (error instanceof ResultsError && error.code === "voting-not-ended") {
      return refuse(409, "results.errors.votingNotEnded", undefined, { date: formatDay(round.votingEnd, locale) });
    }
    if (error instanceof ResultsError && error.code === "already-published") {
      return refuse(409, "results.errors.alreadyPublished", undefined, { date: formatDay(round.votingEnd, locale) });
    }
    throw error;
  }
  return { ok: true, slug: round.slug };
}
