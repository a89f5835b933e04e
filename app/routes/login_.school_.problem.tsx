// GET /login/school/problem?reason=REASON[&returnTo=PATH]: the page of a failed school-account sign-in
// at a stable address, e.g. after switching the language on the callback's own problem page (the
// callback is one-time). Shows only the translated text of a known reason; nothing else.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SchoolSignInProblem } from "~/features/access/school-signin-ui";
import { isSchoolSignInProblem, problemStatus, safeReturnTo } from "~/features/voting/school-signin.server";
import { titled } from "~/shared/meta";
import { pageStrings } from "~/shared/i18n/strings.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction = titled("schoolSignIn.button");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const reason = url.searchParams.get("reason");
  if (!isSchoolSignInProblem(reason)) throw new Response("Not found", { status: 404 });
  return json({ strings: pageStrings(await getLocale(request), ["codes", "schoolSignIn"]), problem: reason, returnTo: safeReturnTo(url.searchParams.get("returnTo")) }, { status: problemStatus(reason) });
}

export default function SchoolSignInProblemPage() {
  const { problem, returnTo } = useLoaderData<typeof loader>();
  return <SchoolSignInProblem problem={problem} returnTo={returnTo} />;
}
