// GET /login/school/callback (one provider) and /login/school/PROVIDER/callback (several): the
// provider's answer. Signs the person in, sends a pupil with two schools to the choice page, or
// shows what went wrong (translated, with its status; nothing saved). See docs/mpassid.md.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { problemPageHandle, SchoolSignInProblem } from "~/features/access/school-signin-ui";
import { getUser } from "~/features/access/auth.server";
import { providerById, schoolSignInCallback } from "~/features/voting/school-signin.server";
import { titled } from "~/shared/meta";
import { pageStrings } from "~/shared/i18n/strings.server";
import { getLocale } from "~/server/locale.server";

export const handle = problemPageHandle;

export const meta: MetaFunction = titled("schoolSignIn.button");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = providerById(params.provider);
  if (!provider) throw new Response("Not found", { status: 404 });
  const step = await schoolSignInCallback(request, provider, await getUser(request));
  if (step.kind === "redirect") throw redirect(step.to, { headers: step.headers });
  return json({ strings: pageStrings(await getLocale(request), ["codes", "schoolSignIn"]), problem: step.problem, returnTo: step.returnTo }, { status: step.status, headers: step.headers });
}

export default function SchoolSignInCallback() {
  const { problem, returnTo } = useLoaderData<typeof loader>();
  return <SchoolSignInProblem problem={problem} returnTo={returnTo} />;
}
