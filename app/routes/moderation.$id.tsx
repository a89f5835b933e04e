import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice, useReplyMessages } from "~/shared/fields";
import { StatusBadge, Timeline, type TimelineEvent } from "~/features/proposals/proposals-ui";
import { TextAreaField } from "~/shared/fields";
import type { AreaSlug, Locale, Sector } from "~/shared/catalog";
import { isLocale } from "~/shared/locale";
import { availableStaffActions, decisionSchema, REASON_MAX, REASON_TEMPLATES, type ProposalStatus, type StaffAction } from "~/features/proposals/proposals";
import { localName } from "~/features/rounds/rounds";
import { i18nFor } from "~/shared/i18n";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { keptValues, parseForm, type FormReply } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titleOf } from "~/shared/meta";
import { canModerate, decide, moderationScope } from "~/features/proposals/moderation.server";
import { loadProposalView } from "~/features/proposals/proposals.server";
import { readForm } from "~/server/request.server";

/** After a conflict (409) the page must show the idea as it now is, so its data is reloaded. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.proposal.title);

async function requireModerator(request: Request, id: string | undefined) {
  const user = await requireRole(request, ["staff", "coordinator", "admin"]);
  if (!id || !(await canModerate(user, id))) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireModerator(request, params.id);
  const locale = await getLocale(request);
  const view = await loadProposalView(params.id ?? "", locale);
  if (!view || view.proposal.status === "draft") throw new Response("Not found", { status: 404 });
  const { proposal } = view;
  const status = proposal.status as ProposalStatus;
  const proposerLocale: Locale = isLocale(proposal.locale) ? proposal.locale : "fi";
  const scope = await moderationScope(user);
  const mergeTargets = await db.proposal.findMany({
    where: { AND: [scope, { roundId: proposal.roundId, id: { not: proposal.id }, status: { in: ["submitted", "approved"] } }] },
    select: { id: true, title: true },
    orderBy: { title: "asc" },
  });
  // Templates are offered in the proposer's language: that is the language the reason is written in.
  const tp = i18nFor(proposerLocale).t;
  const templates = Object.fromEntries(
    Object.entries(REASON_TEMPLATES).map(([action, keys]) => [action, keys.map((k) => ({ key: k, text: tp(`reasonTemplates.${k}`) }))]),
  ) as Record<string, Array<{ key: string; text: string }>>;
  return {
    proposal: {
      id: proposal.id,
      title: proposal.title,
      description: proposal.description,
      status,
      version: proposal.version,
      area: proposal.areaSlug as AreaSlug,
      sector: proposal.sector as Sector,
      school: proposal.author.school ? localName(proposal.author.school, locale) : null,
      costEstimate: proposal.costEstimate,
      locale: proposerLocale,
    },
    actions: availableStaffActions(status),
    templates,
    mergeTargets,
    events: view.events as TimelineEvent[],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireModerator(request, params.id);
  const formData = await readForm(request);
  // "Use template" (without JavaScript): put the template's text into the reason field.
  const template = formData.get("useTemplateChoice");
  if (formData.get("intent") === "template" && typeof template === "string") {
    const proposal = await db.proposal.findUnique({ where: { id: params.id ?? "" }, select: { locale: true } });
    const tp = i18nFor(isLocale(proposal?.locale) ? proposal.locale : "fi").t;
    const known = Object.values(REASON_TEMPLATES).some((keys) => (keys as readonly string[]).includes(template));
    const values: Record<string, string> = { ...keptValues(formData, ["action", "target"]), reason: known ? tp(`reasonTemplates.${template}` as never) : "" };
    return data({ fieldErrors: {}, values, done: false });
  }
  const parsed = parseForm(formData, decisionSchema, ["action", "reason", "target"]);
  if (!parsed.ok) return data({ ...parsed.reply, done: false }, { status: 400 });
  const result = await decide(user, params.id ?? "", parsed.value, await getLocale(request));
  if (!result.ok) {
    const reply: FormReply = {
      fieldErrors: result.field ? { [result.field]: result.error } : {},
      formError: result.field ? undefined : result.error,
      values: keptValues(formData, ["action", "reason", "target"]),
    };
    return data({ ...reply, done: false }, { status: result.status });
  }
  return data({ fieldErrors: {}, values: {} as Record<string, string>, done: true });
}

export default function ModerateIdea() {
  const { t, i18n } = useTranslation();
  const { proposal, actions, templates, mergeTargets, events } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  // No decision is preselected: a moderator always chooses one on purpose.
  const initialAction = reply && !reply.done ? reply.values.action : undefined;
  const [chosen, setChosen] = useState<string | undefined>(initialAction);
  const [reason, setReason] = useState<string | undefined>(undefined);
  const chosenTemplates = templates[chosen ?? ""] ?? [];
  const allTemplates = Object.entries(templates).flatMap(([, list]) => list);
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/moderation">{t("moderation.title")}</Link>
      </p>
      <h1>{proposal.title}</h1>
      <p>
        <StatusBadge status={proposal.status} />
      </p>
      <p className="card__text">{proposal.description}</p>
      <dl className="facts-list">
        <dt>{t("proposals.area")}</dt>
        <dd>{t(`areas.${proposal.area}`)}</dd>
        <dt>{t("proposals.sector")}</dt>
        <dd>{t(`sectors.${proposal.sector}`)}</dd>
        <dt>{t("proposals.school")}</dt>
        <dd>{proposal.school ?? t("format.none")}</dd>
        <dt>{t("moderation.proposerLanguage")}</dt>
        <dd>{t(`app.languageNames.${proposal.locale}`)}</dd>
      </dl>
      {reply?.done ? <Notice tone="success">{t("moderation.done")}</Notice> : null}
      <h2 id="decision-title">{t("moderation.decisionTitle")}</h2>
      <ErrorSummary {...messages} />
      {actions.length === 0 ? (
        <p>{t("moderation.noActions")}</p>
      ) : (
        <Form method="post" className="form" aria-labelledby="decision-title" noValidate key={`${proposal.version}-${reply?.values.reason ?? ""}`}>
          <input type="hidden" name="version" value={proposal.version} />
          <fieldset id="field-action">
            <legend>{t("moderation.action")}</legend>
            {actions.map((a: StaffAction) => (
              <label key={a} className="checkbox-field">
                <input type="radio" name="action" value={a} defaultChecked={a === initialAction} onChange={() => setChosen(a)} />
                <span>{t(`moderation.actions.${a}`)}</span>
              </label>
            ))}
          </fieldset>
          {actions.includes("merge") ? (
            <div className="field">
              <label htmlFor="field-target" className="field__label">
                {t("moderation.target")}
              </label>
              <span id="target-help" className="field__description">
                {t("moderation.targetHelp")}
              </span>
              <select
                id="field-target"
                name="target"
                defaultValue={reply?.values.target ?? ""}
                aria-describedby={messages.fields.target ? "target-help target-error" : "target-help"}
                aria-invalid={messages.fields.target ? true : undefined}
              >
                <option value="">{t("moderation.targetNone")}</option>
                {mergeTargets.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}
                  </option>
                ))}
              </select>
              {messages.fields.target ? (
                <span id="target-error" className="field__error">
                  {messages.fields.target}
                </span>
              ) : null}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="field-template" className="field__label">
              {t("moderation.template")}
            </label>
            <div className="inline-form">
              <select
                id="field-template"
                name="useTemplateChoice"
                defaultValue=""
                onChange={(e) => {
                  const found = allTemplates.find((x) => x.key === e.target.value);
                  if (found) setReason(found.text);
                }}
              >
                <option value="">{t("moderation.templateNone")}</option>
                {(chosenTemplates.length ? chosenTemplates : allTemplates).map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.text}
                  </option>
                ))}
              </select>
              <noscript>
                <button type="submit" name="intent" value="template" className="button button--secondary button--small">
                  {t("moderation.useTemplate")}
                </button>
              </noscript>
            </div>
          </div>
          <TextAreaField
            key={reason ?? "initial"}
            name="reason"
            label={t("moderation.reason")}
            description={t("moderation.reasonHelp", { language: t(`app.languageNames.${proposal.locale}`) })}
            defaultValue={reason ?? reply?.values.reason}
            error={messages.fields.reason}
            maxLength={REASON_MAX}
            rows={4}
          />
          <Button type="submit" className="button">
            {t("moderation.submit")}
          </Button>
        </Form>
      )}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("proposals.timeline")}</h2>
        <Timeline events={events} locale={i18n.language as Locale} />
      </section>
    </div>
  );
}
