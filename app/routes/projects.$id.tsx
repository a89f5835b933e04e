// /projects/ID: a ballot project's public page (description, picture, cost, status, the ideas it came
// from and its progress updates) and, for staff who follow it up, the progress update form.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Notice, useReplyMessages } from "~/shared/fields";
import type { Locale } from "~/shared/catalog";
import { formatEuros } from "~/shared/locale";
import { parseForm, refuse, refusedReply } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { titleOf } from "~/shared/meta";
import { getUser, requirePermission } from "~/features/access/guard.server";
import { getLocale } from "~/server/locale.server";
import { discardImage, formFile, parseUploadForm, storeImage } from "~/shared/images.server";
import { missingAltTexts, updateFormSchema, wasChosen } from "~/features/follow-up/implementation";
import { loadProjectPage } from "~/features/follow-up/project-page.server";
import { mayFollowUp, postProjectUpdate } from "~/features/follow-up/updates.server";
import { ProjectStatusBadge, UpdateForm, UpdateList } from "~/features/follow-up/follow-up-ui";
import { ProjectDescription, ProjectPicture } from "~/features/proposals/project-media";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [...titleOf(data ? `${data.project.code} ${data.project.title}` : undefined), { name: "description", content: data?.project.media.description.slice(0, 200) ?? "" }];

const FIELDS = ["status", "day", "textFi", "textSv", "textEn", "imageAltFi", "imageAltSv", "imageAltEn"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  return { ...(await loadProjectPage(user, params.id ?? "", locale)), strings: pageStrings(locale, ["areas", "followUp", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "statuses"]) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "project:follow-up");
  const id = params.id ?? "";
  const formData = await parseUploadForm(request);
  const parsed = parseForm(formData, updateFormSchema, FIELDS);
  if (!parsed.ok) return replyWith(parsed.reply);
  // Nothing is stored for someone who may not post here (the command checks again in its transaction).
  if (!(await mayFollowUp(user, id))) throw new Response("Forbidden", { status: 403 });
  const file = formFile(formData, "image");
  const missingAlt = file ? missingAltTexts(parsed.value)[0] : undefined;
  if (missingAlt) return replyWith(refusedReply(refuse(400, "followUp.errors.altRequired", missingAlt), formData, FIELDS));
  const stored = await storeImage(file, user.id);
  if (!stored.ok) return replyWith(refusedReply(stored, formData, FIELDS), stored.status);
  const result = await postProjectUpdate(user, id, parsed.value, stored.id);
  if (!result.ok) {
    // A refused update keeps no picture.
    await discardImage(stored.id);
    return replyWith(refusedReply(result, formData, FIELDS), result.status);
  }
  return redirect(`/projects/${encodeURIComponent(id)}?posted=1#updates`);
}

export default function ProjectPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const [search] = useSearchParams();
  const { project, round } = page;
  const chosen = wasChosen(project.status);
  return (
    <div className="page page--narrow">
      {/* The round's own page is for coordinators; everyone else follows the round through its results. */}
      <p>{round.published ? <Link to={`/rounds/${encodeURIComponent(round.slug)}/results`}>{round.name}</Link> : round.name}</p>
      <h1>
        <span className="project__code">{project.code}</span> {project.title}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t("followUp.project.status")}</dt>
          <dd>
            <ProjectStatusBadge status={project.status} />
          </dd>
        </div>
        <div>
          <dt>{t("followUp.project.cost")}</dt>
          <dd>{formatEuros(project.cost, locale)}</dd>
        </div>
        <div>
          <dt>{t("followUp.project.area")}</dt>
          <dd>{t(`areas.${project.area}`)}</dd>
        </div>
      </dl>
      <ProjectPicture picture={project.media.picture} className="picture" />
      <ProjectDescription media={project.media} title={project.title} className="project__description" />
      {round.published ? (
        <p className="link-row">
          <Link to={`/rounds/${encodeURIComponent(round.slug)}/results`}>{t("followUp.project.results")}</Link>
          <Link to={`/rounds/${encodeURIComponent(round.slug)}/follow-up`}>{t("followUp.project.outcomes")}</Link>
        </p>
      ) : null}
      <h2>{t("followUp.project.fromIdeas")}</h2>
      {page.ideas.length === 0 && page.mergedIdeas === 0 ? (
        <p>{t("followUp.project.noIdeas")}</p>
      ) : (
        <ul>
          {page.ideas.map((i) => (
            <li key={i.id}>
              <Link to={`/ideas/${i.id}`}>{i.title}</Link>
            </li>
          ))}
          {page.mergedIdeas > 0 ? <li>{t("followUp.project.mergedIdeas", { count: page.mergedIdeas })}</li> : null}
        </ul>
      )}
      <h2 id="updates">{t("followUp.project.updates")}</h2>
      {search.get("posted") === "1" ? <Notice tone="success">{t("followUp.form.posted")}</Notice> : null}
      {project.status === "not-selected" ? <p>{t("followUp.project.notChosen")}</p> : <UpdateList updates={page.updates} />}
      {page.followUp ? (
        <section aria-labelledby="update-form-title" className="panel">
          <h2 id="update-form-title">{t("followUp.form.title")}</h2>
          {!round.published ? (
            <p>{t("followUp.form.notPublished")}</p>
          ) : !chosen ? (
            <p>{t("followUp.form.notChosen")}</p>
          ) : page.followUp.choices.length === 0 ? (
            <p>{t("followUp.form.noMore")}</p>
          ) : (
            <>
              <p>{t("followUp.form.intro")}</p>
              <ErrorSummary {...messages} />
              {/* A new key after each posted update empties the form (with JavaScript the page is not reloaded). */}
              <UpdateForm key={page.updates[0]?.id ?? "first"} choices={page.followUp.choices} today={page.followUp.today} values={reply?.values ?? {}} errors={messages.fields} />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
