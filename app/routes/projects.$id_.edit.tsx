// /projects/ID/edit: change a ballot project's titles, descriptions, picture and alt texts, until its
// round's voting starts (then a 409 page says why). Who may: app/features/proposals/project-edit.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Field, Notice, TextAreaField, useMessageText, useReplyMessages } from "~/shared/fields";
import { PictureFields } from "~/shared/picture-fields";
import { PROJECT_DESCRIPTION_MAX, PROJECT_TITLE_MAX, projectEditSchema } from "~/features/proposals/projects";
import { checkProjectEditable, editProject, editProjectPage } from "~/features/proposals/project-edit.server";
import { requirePermission } from "~/features/access/guard.server";
import { parseForm, refusedReply } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { getLocale } from "~/server/locale.server";
import { titleOf } from "~/shared/meta";
import { discardImage, parseUploadForm, storeImage } from "~/shared/images.server";
import { i18nFor, pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.heading);

const FIELDS = ["titleFi", "titleSv", "titleEn", "descriptionFi", "descriptionSv", "descriptionEn", "imageAltFi", "imageAltSv", "imageAltEn", "removeImage"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "project:create");
  const locale = await getLocale(request);
  const page = await editProjectPage(user, params.id ?? "", locale);
  const heading = i18nFor(locale).t("projects.editTitle", { code: page.code });
  // After voting has started the page explains why nothing can be changed, with 409 Conflict.
  return data({ strings: pageStrings(locale, ["forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "statuses"]), ...page, heading }, { status: page.locked ? 409 : 200 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "project:create");
  const locale = await getLocale(request);
  const id = params.id ?? "";
  // Checked before the upload is read: nothing is stored for a project that cannot be edited.
  const allowed = await checkProjectEditable(user, id, locale);
  if (!allowed.ok && (allowed.status === 404 || allowed.status === 403)) throw new Response(allowed.status === 404 ? "Not found" : "Forbidden", { status: allowed.status });
  const formData = await parseUploadForm(request);
  if (!allowed.ok) return replyWith(refusedReply(allowed, formData, FIELDS), allowed.status);
  const parsed = parseForm(formData, projectEditSchema, FIELDS);
  if (!parsed.ok) return replyWith(parsed.reply);
  const image = await storeImage(parsed.value.image ?? null, user.id, "image");
  if (!image.ok) return replyWith(refusedReply(image, formData, FIELDS), image.status);
  const result = await editProject(user, id, parsed.value, image.id, locale);
  if (!result.ok) {
    await discardImage(image.id);
    return replyWith(refusedReply(result, formData, FIELDS), result.status);
  }
  await discardImage(result.unusedImage);
  return redirect(`/projects?${new URLSearchParams({ round: result.roundSlug, saved: result.code })}`);
}

export default function EditProject() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const text = useMessageText();
  const values: Record<string, string | undefined> = reply?.values ?? page.values;
  const descriptionHelp = t("projects.descriptionHelp", { max: PROJECT_DESCRIPTION_MAX });
  return (
    <div className="page page--narrow">
      <p>
        <Link to={`/projects?round=${encodeURIComponent(page.roundSlug)}`}>{t("projects.title")}</Link>
      </p>
      <h1>{page.heading}</h1>
      <p>
        {page.title} ({page.round})
      </p>
      {page.locked ? (
        <Notice>{text(page.locked)}</Notice>
      ) : (
        <>
          <p>{t("projects.editIntro", { date: page.votingStart })}</p>
          <ErrorSummary {...messages} />
          <Form method="post" encType="multipart/form-data" className="form" noValidate>
            <Field name="titleFi" label={t("projects.titleFi")} defaultValue={values.titleFi} error={messages.fields.titleFi} maxLength={PROJECT_TITLE_MAX} isRequired />
            <Field name="titleSv" label={t("projects.titleSv")} defaultValue={values.titleSv} error={messages.fields.titleSv} maxLength={PROJECT_TITLE_MAX} isRequired />
            <Field name="titleEn" label={t("projects.titleEn")} defaultValue={values.titleEn} error={messages.fields.titleEn} maxLength={PROJECT_TITLE_MAX} isRequired />
            <TextAreaField name="descriptionFi" label={t("projects.descriptionFi")} description={descriptionHelp} defaultValue={values.descriptionFi} error={messages.fields.descriptionFi} maxLength={PROJECT_DESCRIPTION_MAX} rows={5} />
            <TextAreaField name="descriptionSv" label={t("projects.descriptionSv")} description={descriptionHelp} defaultValue={values.descriptionSv} error={messages.fields.descriptionSv} maxLength={PROJECT_DESCRIPTION_MAX} rows={5} />
            <TextAreaField name="descriptionEn" label={t("projects.descriptionEn")} description={descriptionHelp} defaultValue={values.descriptionEn} error={messages.fields.descriptionEn} maxLength={PROJECT_DESCRIPTION_MAX} rows={5} />
            <PictureFields
              errors={messages.fields}
              values={values}
              current={page.picture}
              label={page.picture ? t("projects.newPicture") : undefined}
              help={page.picture ? t("projects.newPictureHelp") : undefined}
            />
            <Button type="submit" className="button">
              {t("projects.save")}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
