import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Field, Fieldset, Notice, SelectField, TextAreaField, useReplyMessages } from "~/shared/fields";
import { PictureFields } from "~/shared/picture-fields";
import { SECTORS, type Locale } from "~/shared/catalog";
import { PROJECT_DESCRIPTION_MAX, projectFormSchema } from "~/features/proposals/projects";
import { requirePermission } from "~/features/access/guard.server";
import { parseForm, refusedReply } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { chosenRound, createProject, newProjectPage } from "~/features/proposals/projects.server";
import { discardImage, parseUploadForm, storeImage } from "~/shared/images.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("projects.newTitle");

const FIELDS = ["code", "titleFi", "titleSv", "titleEn", "area", "sector", "cost", "descriptionFi", "descriptionSv", "descriptionEn", "imageAltFi", "imageAltSv", "imageAltEn"] as const;
const LISTS = ["proposals"] as const;

async function requireRound(request: Request, locale: Locale) {
  const round = await chosenRound(new URL(request.url), locale);
  if (!round) throw new Response("Not found", { status: 404 });
  return round;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "project:create");
  const locale = await getLocale(request);
  return { ...(await newProjectPage(user, await requireRound(request, locale), locale)), strings: pageStrings(locale, ["areas", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "sectors", "statuses"]) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "project:create");
  const round = await requireRound(request, await getLocale(request));
  // Multipart (the picture) or urlencoded; a picture is stored only once the rest of the form is valid.
  const formData = await parseUploadForm(request);
  const parsed = parseForm(formData, projectFormSchema, FIELDS, LISTS);
  if (!parsed.ok) return replyWith(parsed.reply);
  const image = await storeImage(parsed.value.image ?? null, user.id, "image");
  if (!image.ok) return replyWith(refusedReply(image, formData, FIELDS, LISTS), image.status);
  const result = await createProject(user, round.id, { ...parsed.value, imageId: image.id });
  if (!result.ok) {
    await discardImage(image.id);
    return replyWith(refusedReply(result, formData, FIELDS, LISTS), result.status);
  }
  return redirect(`/projects?${new URLSearchParams({ round: round.slug, created: parsed.value.code })}`);
}

export default function NewProject() {
  const { t } = useTranslation();
  const { areas, approved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const values = reply?.values ?? {};
  const chosen = reply?.lists?.proposals ?? [];
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/projects">{t("projects.title")}</Link>
      </p>
      <h1>{t("projects.newTitle")}</h1>
      {approved.length === 0 ? (
        <Notice>{t("projects.noApproved")}</Notice>
      ) : (
        <>
          <ErrorSummary {...messages} />
          <Form method="post" encType="multipart/form-data" className="form" noValidate>
            <Fieldset name="proposals" legend={t("projects.proposals")} help={t("projects.proposalsHelp")} error={messages.fields.proposals}>
              {approved.map((p) => (
                <label key={p.id} className="checkbox-field">
                  <input type="checkbox" name="proposals" value={p.id} defaultChecked={chosen.includes(p.id)} />
                  <span>
                    {p.title} <span className="field__description">({t(`areas.${p.area}`)}{p.school ? `, ${p.school}` : ""})</span>
                  </span>
                </label>
              ))}
            </Fieldset>
            <Field name="code" label={t("projects.code")} description={t("projects.codeHelp")} defaultValue={values.code} error={messages.fields.code} maxLength={20} isRequired />
            <Field name="titleFi" label={t("projects.titleFi")} defaultValue={values.titleFi} error={messages.fields.titleFi} maxLength={200} isRequired />
            <Field name="titleSv" label={t("projects.titleSv")} defaultValue={values.titleSv} error={messages.fields.titleSv} maxLength={200} isRequired />
            <Field name="titleEn" label={t("projects.titleEn")} defaultValue={values.titleEn} error={messages.fields.titleEn} maxLength={200} isRequired />
            <SelectField
              id="field-area"
              name="area"
              label={t("projects.area")}
              defaultValue={values.area ?? areas[0]}
              error={messages.fields.area}
              options={areas.map((a) => ({ value: a, label: t(`areas.${a}`) }))}
            />
            <SelectField
              id="field-sector"
              name="sector"
              label={t("projects.sector")}
              defaultValue={values.sector ?? "basic"}
              options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
            />
            <Field name="cost" label={t("projects.cost")} defaultValue={values.cost} error={messages.fields.cost} maxLength={12} isRequired />
            <TextAreaField name="descriptionFi" label={t("projects.descriptionFi")} description={t("projects.descriptionHelp", { max: PROJECT_DESCRIPTION_MAX })} defaultValue={values.descriptionFi} error={messages.fields.descriptionFi} maxLength={PROJECT_DESCRIPTION_MAX} rows={5} />
            <TextAreaField name="descriptionSv" label={t("projects.descriptionSv")} description={t("projects.descriptionHelp", { max: PROJECT_DESCRIPTION_MAX })} defaultValue={values.descriptionSv} error={messages.fields.descriptionSv} maxLength={PROJECT_DESCRIPTION_MAX} rows={5} />
            <TextAreaField name="descriptionEn" label={t("projects.descriptionEn")} description={t("projects.descriptionHelp", { max: PROJECT_DESCRIPTION_MAX })} defaultValue={values.descriptionEn} error={messages.fields.descriptionEn} maxLength={PROJECT_DESCRIPTION_MAX} rows={5} />
            <PictureFields errors={messages.fields} values={values} />
            <Button type="submit" className="button">
              {t("projects.create")}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
