import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Fieldset, Notice, TextAreaField, useReplyMessages } from "~/shared/fields";
import { StatusBadge, Timeline } from "~/features/proposals/proposals-ui";
import type { Locale } from "~/shared/catalog";
import { decisionSchema, REASON_MAX, type StaffAction } from "~/features/proposals/proposals";
import { requireAllowed, requirePermission } from "~/features/access/guard.server";
import { parseForm, refusedReply, replyTo } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { getLocale } from "~/server/locale.server";
import { titleOf } from "~/shared/meta";
import { decide, moderatesProposal, moderationPage, templateText } from "~/features/proposals/moderation.server";
import { readForm } from "~/server/request.server";
import { pageStrings } from "~/shared/i18n/strings.server";

/** After a conflict (409) the page must show the idea as it now is, so its data is reloaded. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.proposal.title);

const DECISION_FIELDS = ["action", "reason", "target"] as const;

/** Staff in general, and a moderator of this idea in particular (`canModerate`). */
async function requireModerator(request: Request, id: string | undefined) {
  const user = await requirePermission(request, "idea:moderate");
  requireAllowed(Boolean(id) && (await moderatesProposal(user, id ?? "")));
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireModerator(request, params.id);
  const page = await moderationPage(user, params.id ?? "", await getLocale(request));
  if (!page) throw new Response("Not found", { status: 404 });
  return { ...page, strings: pageStrings(await getLocale(request), ["areas", "events", "followUp", "format", "forms", "images", "moderation", "phases", "projects", "proposals", "reasonTemplates", "roundAdmin", "sectors", "statuses"]) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireModerator(request, params.id);
  const formData = await readForm(request);
  // "Use template" (without JavaScript): put the template's text into the reason field.
  const template = formData.get("useTemplateChoice");
  if (formData.get("intent") === "template" && typeof template === "string") {
    const reply = replyTo(formData, ["action", "target"]);
    reply.values.reason = await templateText(params.id ?? "", template);
    return reply;
  }
  const parsed = parseForm(formData, decisionSchema, DECISION_FIELDS);
  if (!parsed.ok) return replyWith(parsed.reply);
  const result = await decide(user, params.id ?? "", parsed.value, await getLocale(request));
  if (!result.ok) return replyWith(refusedReply(result, formData, DECISION_FIELDS), result.status);
  return replyTo(formData, [], [], { done: true });
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
        <dd>{t(`app.languageInText.${proposal.locale}`)}</dd>
      </dl>
      {reply?.done ? <Notice tone="success">{t("moderation.done")}</Notice> : null}
      <h2 id="decision-title">{t("moderation.decisionTitle")}</h2>
      <ErrorSummary {...messages} />
      {actions.length === 0 ? (
        <p>{t("moderation.noActions")}</p>
      ) : (
        <Form method="post" className="form" aria-labelledby="decision-title" noValidate key={`${proposal.version}-${reply?.values.reason ?? ""}`}>
          <input type="hidden" name="version" value={proposal.version} />
          <Fieldset name="action" legend={t("moderation.action")}>
            {actions.map((a: StaffAction) => (
              <label key={a} className="checkbox-field">
                <input type="radio" name="action" value={a} defaultChecked={a === initialAction} onChange={() => setChosen(a)} />
                <span>{t(`moderation.actions.${a}`)}</span>
              </label>
            ))}
          </Fieldset>
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
            description={t("moderation.reasonHelp", { language: t(`app.inLanguage.${proposal.locale}`) })}
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
        <Timeline events={events} locale={i18n.language as Locale} viewer="staff" />
      </section>
    </div>
  );
}
