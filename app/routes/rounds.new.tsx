// /rounds/new: a coordinator creates a round. The form (shared with /rounds/SLUG/edit) is checked
// by the same schema as `create-round FILE.json` (app/features/rounds/round-definition.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { RoundForm } from "~/features/rounds/round-form";
import { newRoundForm } from "~/features/rounds/round-definition";
import { requirePermission } from "~/features/access/guard.server";
import { titled } from "~/shared/meta";
import { handleRoundForm } from "~/features/rounds/round-admin.server";
import { pageStrings } from "~/shared/i18n/strings.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction = titled("roundAdmin.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "round:manage");
  return { strings: pageStrings(await getLocale(request), ["areas", "forms", "phases", "roundAdmin", "rules", "scopes"]), form: newRoundForm() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "round:manage");
  return handleRoundForm(request, user.id);
}

export default function NewRound() {
  const { t } = useTranslation();
  const { form } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="page">
      <h1 id="round-form-title">{t("roundAdmin.newTitle")}</h1>
      <p>{t("roundAdmin.intro")}</p>
      <RoundForm mode="new" form={form} reply={reply} cancelTo="/rounds" />
    </div>
  );
}
