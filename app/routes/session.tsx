import type { ActionFunctionArgs } from "@remix-run/node";
import { getCurrentSession } from "~/features/access/auth.server";

/**
 * Keep-alive: a signed-in page may POST here to extend its session (e.g. while a pupil reads the
 * ballot). 204 when signed in, 401 when not. Also the baseline of `npm run bench:cast`.
 */
export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrentSession(request);
  if (!current) return new Response(null, { status: 401 });
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (current.refreshedCookie) headers.append("Set-Cookie", current.refreshedCookie);
  return new Response(null, { status: 204, headers });
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
