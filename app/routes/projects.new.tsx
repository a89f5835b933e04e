import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, Notice, SelectField, useReplyMessages } from "~/shared/fields";
import { SECTORS, type AreaSlug, type Locale, type Sector } from "~/shared/catalog";
import { projectFormSchema } from "~/features/proposals/projects";
import { localName } from "~/features/rounds/rounds";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { keptValues, parseForm, type FormReply } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { moderationScope } from "~/features/proposals/moderation.server";
import { createProject } from "~/features/proposals/projects.server";
import { readForm } from "~/server/request.server";
import { loadChosenRound } from "~/features/rounds/rounds.server";

export const meta: MetaFunction = titled("projects.newTitle");

const FIELDS = ["code", "titleFi", "titleSv", "titleEn", "area", "sector", "cost"] as const;

async function requireRound(request: Request, locale: Locale) {
  const { round } = await loadChosenRound(new URL(request.url), locale);
  if (!round) throw new Response("Not found", { status: 404 });
  return round;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff", "coordinator", "admin"]);
  const locale = await getLocale(request);
  const round = await requireRound(request, locale);
  const scope = await moderationScope(user);
  const approved = await db.proposal.findMany({
    where: { AND: [scope, { roundId: round.id, status: "approved", projectId: null }] },
    include: { author: { select: { school: true } } },
    orderBy: [{ areaSlug: "asc" }, { title: "asc" }],
  });
  return {
    round: localName(round, locale),
    areas: round.areas.map((a) => a.areaSlug as AreaSlug),
    approved: approved.map((p) => ({
      id: p.id,
      title: p.title,
      area: p.areaSlug as AreaSlug,
      sector: p.sector as Sector,
      school: p.author.school ? localName(p.author.school, locale) : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["staff", "coordinator", "admin"]);
  const round = await requireRound(request, await getLocale(request));
  const formData = await readForm(request);
  const chosen = formData.getAll("proposals").map(String);
  const parsed = parseForm(formData, projectFormSchema, FIELDS);
  if (!parsed.ok) return data({ ...parsed.reply, proposals: chosen }, { status: 400 });
  const result = await createProject(user, round.id, parsed.value);
  if (!result.ok) {
    const reply: FormReply = {
      fieldErrors: result.field ? { [result.field]: result.error } : {},
      formError: result.field ? undefined : result.error,
      values: keptValues(formData, FIELDS),
    };
    return data({ ...reply, proposals: chosen }, { status: result.status });
  }
  return redirect(`/projects?${new URLSearchParams({ round: round.slug, created: parsed.value.code })}`);
}

export default function NewProject() {
  const { t } = useTranslation();
  const { areas, approved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const values = reply?.values ?? {};
  const chosen = reply?.proposals ?? [];
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
          <Form method="post" className="form" noValidate>
            <fieldset id="field-proposals" aria-describedby={messages.fields.proposals ? "proposals-help proposals-error" : "proposals-help"}>
              <legend>{t("projects.proposals")}</legend>
              <p id="proposals-help" className="field__description">
                {t("projects.proposalsHelp")}
              </p>
              {messages.fields.proposals ? (
                <p id="proposals-error" className="field__error">
                  {messages.fields.proposals}
                </p>
              ) : null}
              {approved.map((p) => (
                <label key={p.id} className="checkbox-field">
                  <input type="checkbox" name="proposals" value={p.id} defaultChecked={chosen.includes(p.id)} />
                  <span>
                    {p.title} <span className="field__description">({t(`areas.${p.area}`)}{p.school ? `, ${p.school}` : ""})</span>
                  </span>
                </label>
              ))}
            </fieldset>
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
            <Button type="submit" className="button">
              {t("projects.create")}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
