import { Form } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { CITY_WIDE, SECTORS, type AreaSlug } from "~/shared/catalog";
import { DESCRIPTION_MAX, DESCRIPTION_MIN, TITLE_MAX, TITLE_MIN } from "~/features/proposals/proposals";
import { ErrorSummary, Field, SelectField, TextAreaField } from "~/shared/fields";

export interface ProposalFormValues {
  title?: string;
  description?: string;
  area?: string;
  sector?: string;
  concernsSchool?: string;
  costEstimate?: string;
  coAuthors?: string;
}

/** The pupil's idea form, for a new idea and for editing one. A plain form: works without JavaScript. */
export function ProposalForm(props: {
  schoolArea: AreaSlug;
  schoolName: string;
  values: ProposalFormValues;
  messages: { fields: Record<string, string>; form?: string };
}) {
  const { t } = useTranslation();
  const { values, messages } = props;
  const areaError = messages.fields.area;
  return (
    <>
      <ErrorSummary {...messages} />
      <Form method="post" className="form" noValidate>
        <Field
          name="title"
          label={t("proposals.title")}
          description={t("proposals.titleHelp", { min: TITLE_MIN, max: TITLE_MAX })}
          defaultValue={values.title}
          error={messages.fields.title}
          maxLength={TITLE_MAX + 20}
          isRequired
        />
        <TextAreaField
          name="description"
          label={t("proposals.description")}
          description={t("proposals.descriptionHelp", { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX })}
          defaultValue={values.description}
          error={messages.fields.description}
          maxLength={DESCRIPTION_MAX}
        />
        <fieldset id="field-area" aria-describedby={areaError ? "area-help area-error" : "area-help"}>
          <legend>{t("proposals.area")}</legend>
          <p id="area-help" className="field__description">
            {t("proposals.areaHelp")}
          </p>
          {areaError ? (
            <p id="area-error" className="field__error">
              {areaError}
            </p>
          ) : null}
          {[props.schoolArea, CITY_WIDE].map((area) => (
            <label key={area} className="checkbox-field">
              <input type="radio" name="area" value={area} defaultChecked={(values.area ?? props.schoolArea) === area} />
              <span>{t(`areas.${area}`)}</span>
            </label>
          ))}
        </fieldset>
        <SelectField
          id="field-sector"
          name="sector"
          label={t("proposals.sector")}
          defaultValue={values.sector ?? "basic"}
          error={messages.fields.sector}
          options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
        />
        <label className="checkbox-field">
          <input type="checkbox" name="concernsSchool" defaultChecked={values.concernsSchool === "on"} />
          <span>{t("proposals.concernsSchool", { school: props.schoolName })}</span>
        </label>
        <Field
          name="costEstimate"
          label={t("proposals.costEstimate")}
          description={t("proposals.costHelp")}
          defaultValue={values.costEstimate}
          error={messages.fields.costEstimate}
          inputMode="text"
          maxLength={12}
        />
        <Field
          name="coAuthors"
          label={t("proposals.coAuthors")}
          description={t("proposals.coAuthorsHelp")}
          defaultValue={values.coAuthors}
          error={messages.fields.coAuthors}
          autoComplete="off"
          maxLength={500}
        />
        <div className="button-row">
          <Button type="submit" name="intent" value="submit" className="button">
            {t("proposals.submit")}
          </Button>
          <Button type="submit" name="intent" value="draft" className="button button--secondary">
            {t("proposals.saveDraft")}
          </Button>
        </div>
      </Form>
    </>
  );
}

export const PROPOSAL_FIELDS = ["title", "description", "area", "sector", "concernsSchool", "costEstimate", "coAuthors"] as const;
