// Pieces of the follow-up pages: a project's status badge, the list of progress updates,
// the update form (multipart, works without JavaScript) and the "what happened to our ideas" table.
import { Form } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { Field, InputField, SelectField, TextAreaField } from "~/shared/fields";
import { FileField } from "~/shared/picture-fields";
import { ProjectPicture } from "~/features/proposals/project-media";
import type { ProjectMedia } from "~/features/proposals/projects";
import type { Locale } from "~/shared/catalog";
import { formatDay, formatNumber } from "~/shared/locale";
import { OUTCOME_COLUMNS, UPDATE_TEXT_MAX, type IdeaOutcomeCounts, type ProjectStatus, type UpdateStatus } from "./implementation";

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--project-${status}`}>{t(`followUp.statuses.${status}`)}</span>;
}

export interface UpdateView {
  id: string;
  status: UpdateStatus;
  day: string;
  text: string;
  picture: ProjectMedia["picture"];
}

/** A project's progress updates, newest first. */
export function UpdateList({ updates, headingLevel = 2 }: { updates: UpdateView[]; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const Heading = headingLevel === 2 ? "h3" : "h4";
  if (updates.length === 0) return <p>{t("followUp.project.noUpdates")}</p>;
  return (
    <ol className="updates">
      {updates.map((u) => (
        <li key={u.id} className="update">
          <Heading className="update__title">
            <time dateTime={u.day}>{t("followUp.project.updateOn", { date: formatDay(u.day, locale) })}</time> <ProjectStatusBadge status={u.status} />
          </Heading>
          <p className="update__text">{u.text}</p>
          <ProjectPicture picture={u.picture} className="picture update__picture" />
        </li>
      ))}
    </ol>
  );
}

export function UpdateForm(props: { choices: UpdateStatus[]; today: string; values: Record<string, string>; errors: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  const { values, errors } = props;
  return (
    <Form method="post" encType="multipart/form-data" className="form" noValidate>
      <SelectField
        id="field-status"
        name="status"
        label={t("followUp.form.status")}
        defaultValue={values.status ?? props.choices[0]}
        error={errors.status}
        options={props.choices.map((s) => ({ value: s, label: t(`followUp.statuses.${s}`) }))}
      />
      <InputField name="day" label={t("followUp.form.day")} help={t("followUp.form.dayHelp")} defaultValue={values.day ?? props.today} error={errors.day} required />
      <TextAreaField name="textFi" label={t("followUp.form.textFi")} description={t("followUp.form.textHelp")} defaultValue={values.textFi} error={errors.textFi} maxLength={UPDATE_TEXT_MAX} rows={4} />
      <TextAreaField name="textSv" label={t("followUp.form.textSv")} description={t("followUp.form.textHelp")} defaultValue={values.textSv} error={errors.textSv} maxLength={UPDATE_TEXT_MAX} rows={4} />
      <TextAreaField name="textEn" label={t("followUp.form.textEn")} description={t("followUp.form.textHelp")} defaultValue={values.textEn} error={errors.textEn} maxLength={UPDATE_TEXT_MAX} rows={4} />
      <FileField name="image" label={t("followUp.form.image")} help={t("followUp.form.imageHelp")} error={errors.image} accept="image/jpeg,image/png" />
      <Field name="imageAltFi" label={t("followUp.form.altFi")} description={t("followUp.form.altHelp")} defaultValue={values.imageAltFi} error={errors.imageAltFi} maxLength={200} />
      <Field name="imageAltSv" label={t("followUp.form.altSv")} description={t("followUp.form.altHelp")} defaultValue={values.imageAltSv} error={errors.imageAltSv} maxLength={200} />
      <Field name="imageAltEn" label={t("followUp.form.altEn")} description={t("followUp.form.altHelp")} defaultValue={values.imageAltEn} error={errors.imageAltEn} maxLength={200} />
      <Button type="submit" className="button">
        {t("followUp.form.submit")}
      </Button>
    </Form>
  );
}

/** One row of counts in the "what happened to our ideas" table. */
export function OutcomeCells({ counts }: { counts: IdeaOutcomeCounts }) {
  const { i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      {OUTCOME_COLUMNS.map((c) => (
        <td key={c} className="numeric">
          {formatNumber(counts[c], locale)}
        </td>
      ))}
    </>
  );
}

export function OutcomeHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {OUTCOME_COLUMNS.map((c) => (
        <th key={c} scope="col" className="numeric">
          {t(`followUp.outcomes.columns.${c}`)}
        </th>
      ))}
    </>
  );
}
