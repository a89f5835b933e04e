// Editing a ballot project (/projects/ID/edit): titles, descriptions, picture and its alt texts.
// Allowed to whoever may make the project (`mayEditProject`: coordinators and admins, staff who
// moderate all its ideas), and only before its round's voting starts (`projectEditable`): pupils
// vote on the project as it was shown to them. Audited as `project.edit`.
import type { SessionUser } from "~/features/access/auth.server";
import { helsinkiDay } from "~/features/rounds/phases";
import { localName } from "~/features/rounds/rounds";
import { appendAudit } from "~/server/audit.server";
import { db } from "~/server/db.server";
import type { Locale } from "~/shared/catalog";
import { refuse, type Message, type Outcome } from "~/shared/forms";
import { imageUrl } from "~/shared/images";
import { formatDay } from "~/shared/locale";
import { moderatedIdea, staffSectors } from "./moderation-scope.server";
import { localTitle } from "./proposals.server";
import { IMAGE_ALT_FIELDS, mayEditProject, projectEditable } from "./projects";

export interface ProjectEditInput {
  titleFi: string;
  titleSv: string;
  titleEn: string;
  descriptionFi: string;
  descriptionSv: string;
  descriptionEn: string;
  imageAltFi: string;
  imageAltSv: string;
  imageAltEn: string;
  /** The picture the form showed (its id), to notice a change made meanwhile. */
  currentImage?: string | undefined;
  removeImage?: string | undefined;
}

function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

async function loadProject(id: string) {
  return db.ballotProject.findUnique({
    where: { id },
    include: {
      round: { select: { id: true, slug: true, nameFi: true, nameSv: true, nameEn: true, votingStart: true } },
      proposals: { select: { schoolId: true, sector: true, author: { select: { schoolId: true } } } },
      image: { select: { id: true, width: true, height: true } },
    },
  });
}

type LoadedProject = NonNullable<Awaited<ReturnType<typeof loadProject>>>;

async function mayEdit(user: SessionUser, project: LoadedProject): Promise<boolean> {
  return mayEditProject(user, project.proposals.map(moderatedIdea), await staffSectors(user));
}

function lockedMessage(project: LoadedProject, locale: Locale): Message {
  return { key: "projects.errors.votingStarted", values: { date: formatDay(project.round.votingStart, locale) } };
}

/**
 * The edit page of a project: 404 when unknown, 403 when not the user's to edit; `locked` (answered
 * with 409) once its round's voting has started.
 */
export async function editProjectPage(user: SessionUser, id: string, locale: Locale) {
  const project = await loadProject(id);
  if (!project) throw notFound();
  if (!(await mayEdit(user, project))) throw forbidden();
  const editable = projectEditable(project.round, helsinkiDay());
  return {
    id: project.id,
    code: project.code,
    title: localTitle(project, locale),
    round: localName(project.round, locale),
    roundSlug: project.round.slug,
    votingStart: formatDay(project.round.votingStart, locale),
    locked: editable ? null : lockedMessage(project, locale),
    values: {
      titleFi: project.titleFi,
      titleSv: project.titleSv,
      titleEn: project.titleEn,
      descriptionFi: project.descriptionFi,
      descriptionSv: project.descriptionSv,
      descriptionEn: project.descriptionEn,
      imageAltFi: project.imageAltFi,
      imageAltSv: project.imageAltSv,
      imageAltEn: project.imageAltEn,
    } as Record<string, string>,
    picture: project.image
      ? { id: project.image.id, src: imageUrl(project.image.id), width: project.image.width, height: project.image.height, alt: { fi: project.imageAltFi, sv: project.imageAltSv, en: project.imageAltEn }[locale] || project.imageAltFi }
      : null,
  };
}

/** Refusals that need no form: unknown project (404), not the user's (403), voting started (409). */
export async function checkProjectEditable(user: SessionUser, id: string, locale: Locale): Promise<Outcome<{ code: string; roundSlug: string }>> {
  const project = await loadProject(id);
  if (!project) return refuse(404, "errors.notFound");
  if (!(await mayEdit(user, project))) return refuse(403, "projects.errors.notYours");
  if (!projectEditable(project.round, helsinkiDay())) {
    const message = lockedMessage(project, locale);
    return refuse(409, message.key, undefined, message.values);
  }
  return { ok: true, code: project.code, roundSlug: project.round.slug };
}

/**
 * Saves the edit. `newImageId` is a picture just stored by storeImage (it replaces the current one);
 * otherwise `removeImage` removes the current one. Answers the picture that is no longer used (to be
 * discarded by the caller) on success.
 */
export async function editProject(user: SessionUser, id: string, input: ProjectEditInput, newImageId: string | null, locale: Locale): Promise<Outcome<{ code: string; roundSlug: string; unusedImage: string | null }>> {
  const checked = await checkProjectEditable(user, id, locale);
  if (!checked.ok) return checked;
  return db.$transaction(async (tx) => {
    const project = await tx.ballotProject.findUniqueOrThrow({ where: { id } });
    // The form showed a picture (or none); if that changed meanwhile, keeping or removing "it" is ambiguous.
    if ((input.currentImage || null) !== project.imageId) return refuse(409, "projects.errors.pictureChanged", "image");
    const imageId = newImageId ?? (input.removeImage ? null : project.imageId);
    if (imageId) {
      const missing = IMAGE_ALT_FIELDS.find((name) => !input[name]);
      if (missing) return refuse(400, "images.errors.altRequired", missing);
    }
    const data = {
      titleFi: input.titleFi,
      titleSv: input.titleSv,
      titleEn: input.titleEn,
      descriptionFi: input.descriptionFi,
      descriptionSv: input.descriptionSv,
      descriptionEn: input.descriptionEn,
      imageId,
      imageAltFi: imageId ? input.imageAltFi : "",
      imageAltSv: imageId ? input.imageAltSv : "",
      imageAltEn: imageId ? input.imageAltEn : "",
    };
    const changed = (Object.keys(data) as Array<keyof typeof data>).filter((key) => data[key] !== project[key]);
    await tx.ballotProject.update({ where: { id }, data });
    await appendAudit(tx, { actorId: user.id, action: "project.edit", subjectType: "project", subjectId: id, detail: { code: project.code, updated: changed.join(",") || "none" } });
    return { ok: true as const, code: project.code, roundSlug: checked.roundSlug, unusedImage: project.imageId !== imageId ? project.imageId : null };
  });
}
