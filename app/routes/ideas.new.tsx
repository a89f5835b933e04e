import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, useMessageText, useReplyMessages } from "~/shared/fields";
import { PROPOSAL_FIELDS, ProposalForm } from "~/features/proposals/proposal-form";
import type { AreaSlug } from "~/shared/catalog";
import { proposalFormSchema } from "~/features/proposals/proposals";
import { localName } from "~/features/rounds/rounds";
import { requireRole } from "~/features/access/auth.server";
import { keptValues, parseForm, type FormReply } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { closedMessage, phaseAllows, pupilContext, saveProposal } from "~/features/proposals/proposals.server";
import { readForm } from "~/server/request.server";

export const meta: MetaFunction = titled("proposals.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["pupil"]);
  const locale = await getLocale(request);
  const ctx = await pupilContext(user);
  if (!ctx) throw new Response("Forbidden", { status: 403 });
  return {
    schoolArea: ctx.school.areaSlug as AreaSlug,
    schoolName: localName(ctx.school, locale),
    closed: phaseAllows(ctx, "write") ? null : closedMessage(ctx, locale),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["pupil"]);
  const formData = await readForm(request);
  const parsed = parseForm(formData, proposalFormSchema, PROPOSAL_FIELDS);
  if (!parsed.ok) return data(parsed.reply, { status: 400 });
  const result = await saveProposal(user, parsed.value, null, await getLocale(request));
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
