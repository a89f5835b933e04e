import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { Notice, useMessageText, useReplyMessages } from "~/shared/fields";
import { PROPOSAL_FIELDS, ProposalForm } from "~/features/proposals/proposal-form";
import { StatusBadge, Timeline } from "~/features/proposals/proposals-ui";
import type { Locale } from "~/shared/catalog";
import { proposalFormSchema } from "~/features/proposals/proposals";
import { requirePermission } from "~/features/access/guard.server";
import { parseForm, refusedReply } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { editIdeaPage, saveProposal } from "~/features/proposals/proposals.server";
import { readForm } from "~/server/request.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("proposals.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "idea:propose");
  const page = await editIdeaPage(user, params.id ?? "", await getLocale(request));
  if (!page) throw new Response("Not found", { status: 404 });
  return { ...page, strings: pageStrings(await getLocale(request), ["areas", "events", "followUp", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "sectors", "statuses"]) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "idea:propose");
  const formData = await readForm(request);
  const parsed = parseForm(formData, proposalFormSchema, PROPOSAL_FIELDS);
  if (!parsed.ok) return replyWith(parsed.reply);
  const result = await saveProposal(user, parsed.value, params.id ?? "", await getLocale(request));
  if (!result.ok) return replyWith(refusedReply(result, formData, PROPOSAL_FIELDS), result.status);
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
