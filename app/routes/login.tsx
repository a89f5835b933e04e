import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Field, Notice, useReplyMessages } from "~/shared/fields";
import { passwordSignInSchema } from "~/features/access/signin";
import { getUser, startSession } from "~/features/access/auth.server";
import { parseForm, refusedReply, safeRedirect } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { titled } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { SchoolSignInButtons } from "~/features/access/school-signin-ui";
import { schoolSignInButtons } from "~/features/voting/school-signin.server";
import { signInWithPassword } from "~/features/access/signin.server";
import { getLocale } from "~/server/locale.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo"), "/account"));
  return {
    strings: pageStrings(await getLocale(request), ["codes", "forms", "login", "schoolSignIn"]),
    expired: url.searchParams.get("expired") === "1",
    signedOut: url.searchParams.get("signedOut") === "1",
    schoolSignIn: schoolSignInButtons(await getLocale(request)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(formData, passwordSignInSchema, ["email"]);
  if (!parsed.ok) return replyWith(parsed.reply);
  const { email, password, redirectTo } = parsed.value;
  const result = await signInWithPassword(email, password, context.clientIp);
  if (!result.ok) return replyWith(refusedReply(result, formData, ["email"]), result.status);
  return redirect(safeRedirect(redirectTo, "/account"), { headers: { "Set-Cookie": await startSession(result.userId) } });
}

export default function Login() {
  const { t } = useTranslation();
  const { expired, signedOut, schoolSignIn } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const [params] = useSearchParams();
  // After a failed attempt the password field starts empty (with JavaScript the page is not reloaded).
  useEffect(() => {
    const password = document.getElementById("field-password");
    if (reply && password instanceof HTMLInputElement) password.value = "";
  }, [reply]);
  return (
    <div className="page page--narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      {expired && !reply ? <Notice>{t("login.expired")}</Notice> : null}
      {signedOut && !reply ? <Notice tone="success">{t("login.signedOut")}</Notice> : null}
      <ErrorSummary {...messages} />
      <SchoolSignInButtons buttons={schoolSignIn} redirectTo={params.get("redirectTo")} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="username"
          inputMode="email"
          defaultValue={reply?.values.email}
          error={messages.fields.email}
          isRequired
        />
        <Field
          name="password"
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
          error={messages.fields.password}
          isRequired
        />
        <Button type="submit" className="button">
          {t("login.submit")}
        </Button>
      </Form>
      <p className="page__aside">
        <Link to="/login/code">{t("login.pupilLink")}</Link>
      </p>
    </div>
  );
}
