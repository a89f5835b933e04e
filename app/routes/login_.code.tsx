import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Field, useReplyMessages } from "~/shared/fields";
import type { Locale } from "~/shared/catalog";
import { localName } from "~/features/schools/names";
import { codeSignInSchema } from "~/features/access/signin";
import { getUser, startSession } from "~/features/access/auth.server";
import { schoolByCode } from "~/features/schools/schools.server";
import { parseForm, refusedReply, safeRedirect } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { readForm } from "~/server/request.server";
import { SchoolSignInButtons } from "~/features/access/school-signin-ui";
import { schoolSignInButtons } from "~/features/voting/school-signin.server";
import { titled } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { signInWithCode } from "~/features/voting/code-signin.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("codeLogin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo"), "/account"));
  const schoolCode = url.searchParams.get("school");
  const school = schoolCode ? await schoolByCode(schoolCode) : null;
  return {
    strings: pageStrings(await getLocale(request), ["codeLogin", "codes", "forms", "schoolSignIn", "schools"]),
    school: school ? { code: school.code, nameFi: school.nameFi, nameSv: school.nameSv, nameEn: school.nameEn } : null,
    schoolSignIn: schoolSignInButtons(await getLocale(request)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  // The code itself is never echoed back into the page.
  const parsed = parseForm(formData, codeSignInSchema);
  if (!parsed.ok) return replyWith(parsed.reply);
  const { code, school, redirectTo } = parsed.value;
  const result = await signInWithCode(code, school || undefined, context.clientIp);
  if (!result.ok) return replyWith(refusedReply(result, formData, []), result.status);
  return redirect(safeRedirect(redirectTo, "/account"), { headers: { "Set-Cookie": await startSession(result.userId) } });
}

export default function CodeLogin() {
  const { t, i18n } = useTranslation();
  const { school, schoolSignIn } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const schoolName = school ? localName(school, i18n.language as Locale) : null;
  return (
    <div className="page page--narrow">
      <h1>{t("codeLogin.title")}</h1>
      {schoolName ? <p className="page__kicker">{t("codeLogin.forSchool", { school: schoolName })}</p> : null}
      <p>{t("codeLogin.intro")}</p>
      <ErrorSummary {...messages} />
      <SchoolSignInButtons buttons={schoolSignIn} />
      <Form method="post" className="form" noValidate>
        {school ? <input type="hidden" name="school" value={school.code} /> : null}
        <Field
          name="code"
          label={t("codeLogin.code")}
          description={t("codeLogin.codeHelp")}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          error={messages.fields.code}
          isRequired
        />
        <Button type="submit" className="button">
          {t("codeLogin.submit")}
        </Button>
      </Form>
      <p className="page__aside">
        <Link to="/login">{t("codeLogin.staffLink")}</Link>
      </p>
    </div>
  );
}
