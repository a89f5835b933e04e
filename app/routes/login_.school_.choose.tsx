// GET/POST /login/school/choose: a pupil whose school account belongs to two or more schools picks
// the one they take part for in this round (once per round; docs/mpassid.md). The verified identity
// waits in a signed 10-minute cookie; nothing is stored until the pupil picks.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import type { Locale } from "~/shared/catalog";
import { ErrorSummary, Fieldset } from "~/shared/fields";
import { localName } from "~/features/schools/names";
import { problemPageHandle, SchoolSignInProblem } from "~/features/access/school-signin-ui";
import { getUser } from "~/features/access/auth.server";
import { chooseSchoolFor, loadSchoolChoice, type SchoolChoice } from "~/features/voting/school-signin.server";
import { readForm } from "~/server/request.server";
import { titled } from "~/shared/meta";
import { pageStrings } from "~/shared/i18n/strings.server";
import { getLocale } from "~/server/locale.server";

export const handle = problemPageHandle;

export const meta: MetaFunction = titled("schoolSignIn.chooseTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const choice = await loadSchoolChoice(request);
  if ("kind" in choice) {
    if (choice.kind === "redirect") throw redirect(choice.to, { headers: choice.headers });
    return json({ strings: pageStrings(await getLocale(request), ["codes", "forms", "schoolSignIn"]), problem: choice.problem, returnTo: choice.returnTo, options: [] as SchoolChoice["options"] }, { status: choice.status, headers: choice.headers });
  }
  return json({ strings: pageStrings(await getLocale(request), ["codes", "forms", "schoolSignIn"]), problem: null, returnTo: "/", options: choice.options });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const school = formData.get("school");
  const step = await chooseSchoolFor(request, typeof school === "string" && school ? school : null, await getUser(request));
  if (!step) return json({ missing: true, problem: null, returnTo: "/" }, { status: 400 });
  if (step.kind === "redirect") throw redirect(step.to, { headers: step.headers });
  return json({ missing: false, problem: step.problem, returnTo: step.returnTo }, { status: step.status, headers: step.headers });
}

export default function ChooseSchool() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const problem = reply?.problem ?? data.problem;
  if (problem) return <SchoolSignInProblem problem={problem} returnTo={reply?.returnTo ?? data.returnTo} />;
  const error = reply?.missing ? t("schoolSignIn.chooseRequired") : undefined;
  return (
    <div className="page page--narrow">
      <h1>{t("schoolSignIn.chooseTitle")}</h1>
      <p>{t("schoolSignIn.chooseIntro")}</p>
      <ErrorSummary fields={error ? { school: error } : {}} />
      <Form method="post" className="form" noValidate>
        <Fieldset name="school" legend={t("schoolSignIn.school")} error={error}>
          <ul className="choice-list">
            {data.options.map((o) => (
              <li key={o.code}>
                <label>
                  <input type="radio" name="school" value={o.code} required />{" "}
                  {localName(o, i18n.language as Locale)} ({o.classLevel === null ? t("schoolSignIn.noClassLevel") : t("schoolSignIn.classLevel", { level: o.classLevel })})
                </label>
              </li>
            ))}
          </ul>
        </Fieldset>
        <Button type="submit" className="button">
          {t("schoolSignIn.continue")}
        </Button>
      </Form>
    </div>
  );
}
