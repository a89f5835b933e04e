import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Field, Notice, useReplyMessages } from "~/shared/fields";
import { refusedReply, replyTo, type FormReply } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { checkReceipt, type CheckedBallot } from "~/features/voting/ballot-page.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("vote.checkTitle");

/** The form's reply, with the ballots the receipt belongs to next to it (null: none has it). */
type CheckReply = FormReply & { found: CheckedBallot[] | null };

/**
 * Anyone holding a receipt can see that ballot, and nothing else: the receipt is the only link
 * between a voter and their ballot, and only the voter has it. 400 for a malformed receipt, 404
 * for one no ballot has.
 */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const result = await checkReceipt(String(formData.get("receipt") ?? ""), await getLocale(request));
  if (!result.ok) return data<CheckReply>({ ...refusedReply(result, formData, []), found: null }, { status: result.status });
  return data<CheckReply>({ ...replyTo(formData, []), found: result.found }, { status: result.found ? 200 : 404 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  return { strings: pageStrings(await getLocale(request), ["areas", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "statuses", "vote"]) };
}

export default function CheckReceipt() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const malformed = Boolean(messages.fields.receipt);
  return (
    <div className="page page--narrow">
      <h1>{t("vote.checkTitle")}</h1>
      <p>{t("vote.checkIntro")}</p>
      <ErrorSummary {...messages} />
      {reply && !malformed && !reply.found ? <Notice>{t("vote.checkNone")}</Notice> : null}
      {reply?.found ? (
        <section aria-labelledby="found-title">
          <h2 id="found-title">{t("vote.checkFound")}</h2>
          {reply.found.map((b) => (
            <div key={b.area}>
              <h3>
                {b.round}: {t("vote.ballotFor", { area: t(`areas.${b.area}`) })}
              </h3>
              <p>{b.counted ? t("vote.checkCounted") : t("vote.checkPending")}</p>
              <ul>
                {b.projects.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      <Form method="post" className="form" noValidate>
        <Field name="receipt" label={t("vote.checkCode")} autoComplete="off" maxLength={64} error={messages.fields.receipt} isRequired />
        <button type="submit" className="button">
          {t("vote.checkSubmit")}
        </button>
      </Form>
    </div>
  );
}
