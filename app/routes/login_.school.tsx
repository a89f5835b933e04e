// GET /login/school[?provider=ID][&redirectTo=PATH]: off to the school account provider
// (docs/mpassid.md). The transaction cookie is set here; the provider sends the pupil back to the
// callback route. A provider that cannot be reached ends on the translated problem page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SchoolSignInProblem } from "~/features/access/school-signin-ui";
import { providerById, schoolSignInButtons, startSchoolSignIn } from "~/features/voting/school-signin.server";
import { getLocale } from "~/server/locale.server";
import { getUser } from "~/features/access/auth.server";
import { titled } from "~/shared/meta";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("schoolSignIn.button");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await getLocale(request);
  const provider = providerById(url.searchParams.get("provider"));
  if (!provider) {
    // Several providers and none named: the sign-in page lists them. None configured: not found.
    if (schoolSignInButtons(locale).length) throw redirect("/login");
    throw new Response("Not found", { status: 404 });
  }
  // ?link=1 comes from a code pupil's account page: link that code to the school account.
  const linkCodeOf = url.searchParams.get("link") === "1" ? await getUser(request) : null;
  const step = await startSchoolSignIn(provider, url.searchParams.get("redirectTo"), locale, linkCodeOf);
  if (step.kind === "redirect") throw redirect(step.to, { headers: step.headers });
  return json({ strings: pageStrings(locale, ["codes", "schoolSignIn"]), problem: step.problem, returnTo: step.returnTo }, { status: step.status, headers: step.headers });
}

export default function SchoolSignInStart() {
  const { problem, returnTo } = useLoaderData<typeof loader>();
  return <SchoolSignInProblem problem={problem} returnTo={returnTo} />;
}
