import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { Notice, useMessageText, useReplyMessages } from "~/shared/fields";
import { PROPOSAL_FIELDS, ProposalForm } from "~/features/proposals/proposal-form";
import { proposalFormSchema } from "~/features/proposals/proposals";
import { requirePermission } from "~/features/access/guard.server";
import { parseForm, refusedReply } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { newIdeaPage, saveProposal } from "~/features/proposals/proposals.server";
import { readForm } from "~/server/request.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("proposals.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "idea:propose");
  const page = await newIdeaPage(user, await getLocale(request));
  if (!page) throw new Response("Forbidden", { status: 403 });
  return { ...page, strings: pageStrings(await getLocale(request), ["areas", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "sectors", "statuses"]) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "idea:propose");
  const formData = await readForm(request);
  const parsed = parseForm(formData, proposalFormSchema, PROPOSAL_FIELDS);
  if (!parsed.ok) return replyWith(parsed.reply);
  const result = await saveProposal(user, parsed.value, null, await getLocale(request));
  if (!result.ok) return replyWith(refusedReply(result, formData, PROPOSAL_FIELDS), result.status);
  return redirect(`/ideas/${result.id}?done=${result.status === "draft" ? "saved" : "submitted"}`);
}

export default function NewIdea() {
  const { t } = useTranslation();
  const { schoolArea, schoolName, closed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const text = useMessageText();
  return (
    <div className="page page--narrow">
      <h1>{t("proposals.newTitle")}</h1>
      {closed ? (
        <Notice>{text(closed)}</Notice>
      ) : (
        <ProposalForm schoolArea={schoolArea} schoolName={schoolName} values={reply?.values ?? {}} messages={messages} />
      )}
    </div>
  );
}
