// /rounds/SLUG/edit: a coordinator changes a round (not nested in rounds.$slug.tsx: the trailing
// underscore of `rounds_`). Same form and schema as /rounds/new; the slug stays as it is.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { requirePermission } from "~/features/access/guard.server";
import { loadRoundForEdit } from "~/features/rounds/rounds.server";
import { getLocale } from "~/server/locale.server";
import { metaT } from "~/shared/meta";
import { handleRoundForm } from "~/features/rounds/round-admin.server";
import { RoundForm } from "~/features/rounds/round-form";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("roundAdmin.editTitle", { name: data?.name ?? "" })} – OmaKoulu` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "round:manage");
  return { ...(await loadRoundForEdit(params.slug ?? "", await getLocale(request))), strings: pageStrings(await getLocale(request), ["areas", "forms", "phases", "roundAdmin", "rules", "scopes"]) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "round:manage");
  return handleRoundForm(request, user.id, params.slug ?? "");
}

export default function EditRound() {
  const { t } = useTranslation();
  const { name, slug, form } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="page">
      <h1 id="round-form-title">{t("roundAdmin.editTitle", { name })}</h1>
      <p>{t("roundAdmin.intro")}</p>
      <RoundForm mode="edit" form={form} reply={reply} cancelTo={`/rounds/${encodeURIComponent(slug)}`} />
    </div>
  );
}
