import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Field, Notice, useReplyMessages } from "~/shared/fields";
import { changePasswordSchema } from "~/features/access/users";
import { requirePasswordAccount } from "~/features/access/password.server";
import { changeOwnPassword } from "~/features/access/users.server";
import { parseForm, refusedReply } from "~/shared/forms";
import { readForm } from "~/server/request.server";
import { titled } from "~/shared/meta";
import { pageStrings } from "~/shared/i18n/strings.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction = titled("newPassword.title");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePasswordAccount(request);
  return { strings: pageStrings(await getLocale(request), ["forms", "newPassword", "userAdmin"]), mustChange: user.mustChangePassword, done: new URL(request.url).searchParams.get("done") === "1" && !user.mustChangePassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requirePasswordAccount(request);
  const formData = await readForm(request);
  // Passwords never come back in the reply: after a refusal the fields start empty.
  // `attempt` tells one refusal from the next, so the page can start a fresh (empty) form for each.
  const attempt = `${Date.now()}`;
  const parsed = parseForm(formData, changePasswordSchema);
  if (!parsed.ok) return data({ ...parsed.reply, attempt }, { status: 400 });
  const result = await changeOwnPassword(user.id, sessionId, parsed.value);
  if (!result.ok) return data({ ...refusedReply(result, formData, []), attempt }, { status: result.status });
  return redirect("/account/password?done=1");
}

export default function ChoosePassword() {
  const { t } = useTranslation();
  const { mustChange, done } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  return (
    <div className="page page--narrow">
      <h1>{t("newPassword.title")}</h1>
      {done ? (
        <>
          <Notice tone="success">{t("newPassword.changed")}</Notice>
          <p>
            <Link to="/account">{t("newPassword.continue")}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{mustChange ? t("newPassword.resetIntro") : t("newPassword.intro")}</p>
          <ErrorSummary {...messages} />
          {/* With JavaScript the page is not reloaded after a refusal: a new form each time, so the password fields start empty as after a reload. */}
          <Form method="post" className="form" noValidate key={reply?.attempt ?? "form"}>
            <Field name="current" type="password" label={t("newPassword.current")} description={t("newPassword.currentHelp")} error={messages.fields.current} autoComplete="current-password" isRequired />
            <Field name="password" type="password" label={t("newPassword.password")} description={t("newPassword.passwordHelp")} error={messages.fields.password} autoComplete="new-password" isRequired />
            <Field name="confirm" type="password" label={t("newPassword.confirm")} error={messages.fields.confirm} autoComplete="new-password" isRequired />
            <Button type="submit" className="button">
              {t("newPassword.submit")}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
