import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/features/access/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": await endSession(request) } });
}

export async function loader() {
  return redirect("/");
}
