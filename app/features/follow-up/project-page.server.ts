// The public page of a ballot project (/projects/ID): what it is, what it costs, whether it was
// chosen and what has happened since (its progress updates, newest first), and the public ideas it
// came from. Before voting starts a project is not yet public (only staff see its page); afterwards
// anyone may read it. No personal data: no proposer, no staff name.
import type { AreaSlug, Locale, Sector } from "~/shared/catalog";
import { can, type Actor } from "~/features/access/permissions";
import type { SessionUser } from "~/features/access/auth.server";
import { helsinkiDay } from "~/features/rounds/phases";
import { localName } from "~/features/rounds/rounds";
import { localTitle } from "~/features/proposals/proposals.server";
import { projectIsPublic, projectMedia, type ProjectMedia } from "~/features/proposals/projects";
import { imageUrl } from "~/shared/images";
import { db } from "~/server/db.server";
import type { ProjectStatus, UpdateStatus } from "./implementation";
import { mayFollowUp, updateChoices } from "./updates.server";

function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

type Localised = Record<Locale, string>;

/** An update's photo as the pages show it (the same shape as a project's picture). */
function picture(image: { id: string; width: number; height: number } | null, alt: Localised, locale: Locale): ProjectMedia["picture"] {
  return image ? { src: imageUrl(image.id), width: image.width, height: image.height, alt: alt[locale] } : null;
}

export async function loadProjectPage(user: SessionUser | null, id: string, locale: Locale) {
  const project = await db.ballotProject.findUnique({
    where: { id },
    include: {
      round: true,
      image: true,
      updates: { orderBy: { createdAt: "desc" }, include: { image: true } },
      proposals: { where: { status: "approved" }, select: { id: true, title: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!project) throw notFound();
  const staff = can(user as Actor | null, "project:create");
  if (!projectIsPublic(project.round, helsinkiDay()) && !staff) throw notFound();
  const merged = await db.proposal.count({ where: { mergedInto: { projectId: id }, status: "merged" } });
  const canUpdate = await mayFollowUp(user, id);
  return {
    project: {
      id: project.id,
      code: project.code,
      title: localTitle(project, locale),
      media: projectMedia(project, locale),
      cost: project.cost,
      area: project.areaSlug as AreaSlug,
      sector: project.sector as Sector,
      status: project.status as ProjectStatus,
    },
    round: {
      slug: project.round.slug,
      name: localName(project.round, locale),
      published: project.round.resultsPublishedAt !== null,
    },
    updates: project.updates.map((u) => ({
      id: u.id,
      status: u.status as UpdateStatus,
      day: u.day,
      text: { fi: u.textFi, sv: u.textSv, en: u.textEn }[locale],
      picture: picture(u.image, { fi: u.imageAltFi, sv: u.imageAltSv, en: u.imageAltEn }, locale),
    })),
    ideas: project.proposals,
    mergedIdeas: merged,
    followUp: canUpdate ? { choices: updateChoices(project), today: helsinkiDay() } : null,
  };
}
