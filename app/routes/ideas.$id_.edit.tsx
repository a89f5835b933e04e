import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, useMessageText, useReplyMessages } from "~/shared/fields";
import { PROPOSAL_FIELDS, ProposalForm } from "~/features/proposals/proposal-form";
import { StatusBadge, Timeline, type TimelineEvent } from "~/features/proposals/proposals-ui";
import type { AreaSlug, Locale } from "~/shared/catalog";
import { can, proposalFormSchema, type ProposalStatus } from "~/features/proposals/proposals";
import { localName } from "~/features/rounds/rounds";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { keptValues, parseForm, type FormReply } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { closedMessage, loadProposalView, phaseAllows, pupilContext, saveProposal } from "~/features/proposals/proposals.server";
import { readForm } from "~/server/request.server";

export const meta: MetaFunction = titled("proposals.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["pupil"]);
  const locale = await getLocale(request);
  const ctx = await pupilContext(user);
  const view = await loadProposalView(params.id ?? "", locale);
  if (!ctx || !view || view.proposal.authorId !== user.id) throw new Response("Not found", { status: 404 });
  const { proposal } = view;
  const status = proposal.status as ProposalStatus;
  const coAuthors = await db.proposalCoAuthor.findMany({ where: { proposalId: proposal.id }, include: { user: { select: { displayName: true } } } });
  return {
    id: proposal.id,
    status,
    editable: can(status, "edit"),
    closed: phaseAllows(ctx, status === "needs-changes" ? "resubmit" : "write") ? null : closedMessage(ctx, locale),
    schoolArea: ctx.school.areaSlug as AreaSlug,
    schoolName: localName(ctx.school, locale),
    values: {
      title: proposal.title,
      description: proposal.description,
      area: proposal.areaSlug,
      sector: proposal.sector,
      concernsSchool: proposal.schoolId ? "on" : "",
      costEstimate: proposal.costEstimate === null ? "" : String(proposal.costEstimate),
      coAuthors: coAuthors.map((c) => c.user.displayName).join(", "),
    },
    events: view.events as TimelineEvent[],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["pupil"]);
  const formData = await readForm(request);
  const parsed = parseForm(formData, proposalFormSchema, PROPOSAL_FIELDS);
  if (!parsed.ok) return data(parsed.reply, { status: 400 });
  const result = await saveProposal(user, parsed.value, params.id ?? "", await getLocale(request));
  if (!result.ok) {
    const reply: FormReply = {
      fieldErrors: result.field ? { [result.field]: result.error } : {},
      formError: result.field ? undefined : result.error,
      values: keptValues(formData, PROPOSAL_FIELDS),
    };
    return data(reply, { status: result.status });
  }
  return redirect(`/ideas/${result.id}?done=${result.status === "draft" ? "saved" : "submitted"}`);
}

export default function EditIdea() {
  const { t, i18n } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const text = useMessageText();
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/my-ideas">{t("proposals.myTitle")}</Link>
      </p>
      <h1>{t("proposals.editTitle")}</h1>
      <p>
        <StatusBadge status={loaded.status} />
      </p>
      {!loaded.editable ? (
        <Notice>{t("proposals.errors.notEditable", { status: t(`statuses.${loaded.status}`) })}</Notice>
      ) : loaded.closed ? (
        <Notice>{text(loaded.closed)}</Notice>
      ) : (
        <ProposalForm schoolArea={loaded.schoolArea} schoolName={loaded.schoolName} values={reply?.values ?? loaded.values} messages={messages} />
      )}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("proposals.timeline")}</h2>
        <Timeline events={loaded.events} locale={i18n.language as Locale} />
      </section>
    </div>
  );
}
