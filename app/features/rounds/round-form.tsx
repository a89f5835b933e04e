// The round form shared by /rounds/new and /rounds/SLUG/edit; works without JavaScript.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { CheckboxGroupField, ErrorSummary, Field, Fieldset, InputField, SelectField } from "~/shared/fields";
import { AREAS, CLASS_LEVELS, type Locale } from "~/shared/catalog";
import { formatDay } from "~/shared/locale";
import { isIsoDay } from "~/features/rounds/phases";
import { budgetField, PHASE_FIELDS, ROUND_FORM_FIELDS, type RoundFormValues } from "~/features/rounds/round-definition";
import { BALLOT_STYLES, ROUND_SCOPES, WINNER_RULES } from "~/features/rounds/rounds";
import type { FormReply, Message } from "~/shared/forms";

// ---------------------------------------------------------------------------------------------
// The form of both pages

const FIELD_ORDER: readonly string[] = [...ROUND_FORM_FIELDS.slice(0, 10), "classLevels", "areas", ...ROUND_FORM_FIELDS.slice(10)];

/** The translated messages of the reply, in the order of the form. */
function useRoundMessages(errors: Record<string, Message>): Record<string, string> {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const out: Record<string, string> = {};
  const names = Object.keys(errors).sort((a, b) => rank(a) - rank(b));
  for (const name of names) {
    const message = errors[name];
    if (!message) continue;
    const values: Record<string, string | number> = { ...message.values };
    if (typeof values.area === "string") values.area = t(`areas.${values.area}` as never) as unknown as string;
    if (typeof values.field === "string") values.field = t(`roundAdmin.dates.${values.field}` as never) as unknown as string;
    if (typeof values.date === "string" && isIsoDay(values.date)) values.date = formatDay(values.date, locale);
    out[name] = t(message.key as never, values as never) as unknown as string;
  }
  return out;
}

function rank(name: string): number {
  const index = FIELD_ORDER.indexOf(name);
  return index === -1 ? FIELD_ORDER.length : index;
}

/** The round form: every field of the definition; works without JavaScript. */
export function RoundForm({
  mode,
  form,
  reply,
  cancelTo,
}: {
  mode: "new" | "edit";
  /** The values the form starts with (a new round, or the round being edited). */
  form: RoundFormValues;
  /** The action's answer: what was typed and ticked, with the errors. */
  reply?: FormReply;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const messages = useRoundMessages(reply?.fieldErrors ?? {});
  const values = reply ? reply.values : form.values;
  const value = (name: string) => values[name] ?? "";
  const ticked = new Set(reply ? (reply.lists?.classLevels ?? []) : form.classLevels);
  return (
    <>
      <ErrorSummary fields={messages} />
      <Form method="post" className="form" aria-labelledby="round-form-title" noValidate>
        <Fieldset className="form" legend={t("roundAdmin.basics")}>
          {mode === "new" ? (
            <Field
              name="slug"
              label={t("roundAdmin.slug")}
              description={t("roundAdmin.slugHelp")}
              defaultValue={value("slug")}
              error={messages.slug}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              isRequired
              maxLength={61}
            />
          ) : (
            <InputField name="slug" label={t("roundAdmin.slug")} help={t("roundAdmin.slugFixed")} defaultValue={value("slug")} readOnly />
          )}
          <Field name="nameFi" label={t("roundAdmin.nameFi")} defaultValue={value("nameFi")} error={messages.nameFi} autoComplete="off" isRequired maxLength={120} />
          <Field name="nameSv" label={t("roundAdmin.nameSv")} defaultValue={value("nameSv")} error={messages.nameSv} autoComplete="off" isRequired maxLength={120} />
          <Field name="nameEn" label={t("roundAdmin.nameEn")} defaultValue={value("nameEn")} error={messages.nameEn} autoComplete="off" isRequired maxLength={120} />
          <SelectField
            name="scope"
            label={t("roundAdmin.scope")}
            defaultValue={value("scope")}
            error={messages.scope}
            options={ROUND_SCOPES.map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
          />
          <Field
            name="school"
            label={t("roundAdmin.school")}
            description={t("roundAdmin.schoolHelp")}
            defaultValue={value("school")}
            error={messages.school}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={40}
          />
        </Fieldset>

        <Fieldset className="form" legend={t("roundAdmin.ballot")}>
          <SelectField
            name="ballotStyle"
            label={t("roundAdmin.ballotStyle")}
            defaultValue={value("ballotStyle")}
            error={messages.ballotStyle}
            options={BALLOT_STYLES.map((s) => ({ value: s, label: t(`roundAdmin.styles.${s}`) }))}
          />
          <InputField
            name="maxPicks"
            label={t("roundAdmin.maxPicks")}
            help={t("roundAdmin.maxPicksHelp")}
            defaultValue={value("maxPicks")}
            error={messages.maxPicks}
            inputMode="numeric"
          />
          <SelectField
            name="rule"
            label={t("roundAdmin.rule")}
            defaultValue={value("rule")}
            error={messages.rule}
            options={WINNER_RULES.map((r) => ({ value: r, label: t(`rules.${r}`) }))}
          />
          <InputField
            name="minVotes"
            label={t("roundAdmin.minVotes")}
            help={t("roundAdmin.minVotesHelp")}
            defaultValue={value("minVotes")}
            error={messages.minVotes}
            inputMode="numeric"
          />
        </Fieldset>

        <CheckboxGroupField
          name="classLevels"
          legend={t("roundAdmin.classLevels")}
          help={t("roundAdmin.classLevelsHelp")}
          error={messages.classLevels}
          options={CLASS_LEVELS.map((level) => ({ value: String(level), label: t("roundAdmin.classLevel", { level }) }))}
          selected={[...ticked]}
        />

        <Fieldset name="areas" className="form" legend={t("roundAdmin.budgets")} help={t("roundAdmin.budgetsHelp")} error={messages.areas}>
          {AREAS.map((a) => (
            <InputField
              key={a.slug}
              name={budgetField(a.slug)}
              label={t(`areas.${a.slug}`)}
              defaultValue={value(budgetField(a.slug))}
              error={messages[budgetField(a.slug)]}
              inputMode="numeric"
            />
          ))}
        </Fieldset>

        <fieldset className="form" aria-describedby="phases-help">
          <legend>{t("roundAdmin.phases")}</legend>
          <p id="phases-help" className="field__description">
            {t("roundAdmin.phasesHelp")}
          </p>
          {PHASE_FIELDS.map((name) => (
            <InputField
              key={name}
              name={name}
              type="date"
              label={t(`roundAdmin.dates.${name}`)}
              defaultValue={value(name)}
              error={messages[name]}
              required
            />
          ))}
        </fieldset>

        <div className="button-row">
          <button type="submit" className="button">
            {mode === "new" ? t("roundAdmin.submitNew") : t("roundAdmin.submitEdit")}
          </button>
          <Link to={cancelTo} className="button button--secondary">
            {t("roundAdmin.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
