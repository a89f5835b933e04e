import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { RoleSelect, SchoolCheckboxes, SectorCheckboxes } from "~/features/access/admin-ui";
import { ErrorSummary, Notice, useReplyMessages } from "~/shared/fields";
import { toggleUserSchema, updateUserSchema } from "~/features/access/users";
import { loadAccount } from "~/features/access/admin.server";
import { requirePermission } from "~/features/access/guard.server";
import { schoolOptions } from "~/features/schools/schools.server";
import { parseForm, refusedReply, replyTo } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { readForm } from "~/server/request.server";
import { titleOf } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { setAccountDisabled, updateAccount } from "~/features/access/users.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.user.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const user = await loadAccount(params.id ?? "");
  return { user: { ...user, isSelf: user.id === admin.id }, schools: await schoolOptions(await getLocale(request)) };
}

const KEEP_LISTS = ["schools", "sectors"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const user = await loadAccount(params.id ?? "");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "disable" || intent === "enable") {
    const parsed = parseForm(formData, toggleUserSchema);
    if (!parsed.ok) return replyWith(parsed.reply);
    const result = await setAccountDisabled(admin.id, user.id, intent === "disable");
    if (!result.ok) return replyWith(refusedReply(result, formData, []), result.status);
    return replyTo(formData, [], [], { done: true });
  }
  const parsed = parseForm(formData, updateUserSchema, ["role"], KEEP_LISTS);
  if (!parsed.ok) return replyWith(parsed.reply);
  const result = await updateAccount(admin.id, user.id, parsed.value);
  if (!result.ok) return replyWith(refusedReply(result, formData, ["role"], KEEP_LISTS), result.status);
  return replyTo(formData, [], [], { done: true });
}

export default function EditUser() {
  const { t } = useTranslation();
  const { user, schools } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  // After a refused change the form shows what was posted; after a saved one, what is stored.
  const failed = reply && !reply.done && reply.lists ? reply : null;
  return (
    <div className="page">
      <p>
        <Link to="/admin/users">{t("users.title")}</Link>
      </p>
      <h1>{user.name}</h1>
      <dl className="facts-list">
        <dt>{t("users.email")}</dt>
        <dd>{user.email ?? t("format.none")}</dd>
        <dt>{t("users.role")}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
        <dt>{t("users.status")}</dt>
        <dd>{user.disabled ? t("users.disabled") : t("users.active")}</dd>
      </dl>
      {reply?.done ? <Notice tone="success">{t("users.updated")}</Notice> : null}
      <ErrorSummary {...messages} />
      {user.isSelf ? (
        <p>{t("errors.cannotChangeSelf")}</p>
      ) : (
        <>
          <h2 id="edit-title">{t("users.changeRole", { name: user.name })}</h2>
          <Form method="post" className="form" aria-labelledby="edit-title" noValidate>
            <input type="hidden" name="intent" value="update" />
            <RoleSelect label={t("users.role")} defaultValue={failed ? failed.values.role : user.role} error={messages.fields.role} />
            <SchoolCheckboxes
              schools={schools}
              selected={failed?.lists?.schools ?? user.schoolIds}
              error={messages.fields.schools}
              legend={t("users.editSchools", { name: user.name })}
            />
            <SectorCheckboxes selected={failed?.lists?.sectors ?? user.sectors} legend={t("users.sectors")} />
            <Button type="submit" className="button">
              {t("users.save")}
            </Button>
          </Form>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value={user.disabled ? "enable" : "disable"} />
            <Button type="submit" className={user.disabled ? "button button--secondary" : "button button--danger"}>
              {user.disabled ? t("users.enable") : t("users.disable")}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
