// Sending a FormReply (app/shared/forms.ts) back to its form with its HTTP status: the one way an
// action answers a form it could not accept.
import { data } from "@remix-run/node";
import type { FormReply } from "./forms";

/** The reply with a 4xx status (400 unless the refusal says otherwise). */
export function replyWith(reply: FormReply, status = 400) {
  return data(reply, { status });
}
