import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { RoleSelect, SchoolCheckboxes, SectorCheckboxes } from "~/features/access/admin-ui";
import { ErrorSummary, Notice, useReplyMessages } from "~/shared/fields";
import type { Role } from "~/shared/catalog";
import { toggleUserSchema, updateUserSchema } from "~/features/access/users";
import { schoolOptions } from "~/features/access/admin.server";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { parseForm, type FormReply } from "~/shared/forms";
import { readForm } from "~/server/request.server";
import { titleOf } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { setAccountDisabled, updateAccount } from "~/features/access/users.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.user.name);

async function loadTarget(id: string | undefined) {
  const user = await db.user.findUnique({ where: { id: id ?? "" }, include: { schools: true } });
  if (!user || user.role === "pupil") throw new Response("Not found", { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const user = await loadTarget(params.id);
  return {
    user: {
      id: user.id,
      name: user.displayName,
      email: user.email,
      role: user.role as Role,
      disabled: user.disabledAt !== null,
      schoolIds: user.schools.map((s) => s.schoolId),
      sectors: user.sectors.split(",").filter(Boolean),
      isSelf: user.id === admin.id,
    },
    schools: await schoolOptions(await getLocale(request)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const user = await loadTarget(params.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "disable" || intent === "enable") {
    const parsed = parseForm(formData, toggleUserSchema);
    if (!parsed.ok) return data({ ...parsed.reply, schools: [] as string[], sectors: [] as string[], updated: false }, { status: 400 });
    const result = await setAccountDisabled(admin.id, user.id, intent === "disable");
    if (!result.ok) return data({ fieldErrors: {}, formError: result.error, values: {} as Record<string, string>, schools: [] as string[], sectors: [] as string[], updated: false }, { status: 403 });
    return data({ fieldErrors: {}, values: {} as Record<string, string>, schools: [] as string[], sectors: [] as string[], updated: true });
  }
  const parsed = parseForm(formData, updateUserSchema, ["role"]);
  const schools = formData.getAll("schools").map(String);
  const sectors = formData.getAll("sectors").map(String);
  if (!parsed.ok) return data({ ...parsed.reply, schools, sectors, updated: false }, { status: 400 });
  const result = await updateAccount(admin.id, user.id, parsed.value);
  if (!result.ok) {
    const reply: FormReply = {
      fieldErrors: result.field ? { [result.field]: result.error } : {},
      formError: result.field ? undefined : result.error,
      values: { role: parsed.value.role },
    };
    return data({ ...reply, schools, sectors, updated: false }, { status: result.field ? 400 : 403 });
  }
  return data({ fieldErrors: {}, values: {} as Record<string, string>, schools: [] as string[], sectors: [] as string[], updated: true });
}

export default function EditUser() {
  const { t } = useTranslation();
  const { user, schools } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const failed = reply && !reply.updated;
  return (
    <div className="page">
      <p>
        <Link to="/admin/users">{t("users.title")}</Link>
      </p>
      <h1>{user.name}</h1>
      <dl className="facts-list">
        <dt>{t("users.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("users.role")}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
        <dt>{t("users.status")}</dt>
        <dd>{user.disabled ? t("users.disabled") : t("users.active")}</dd>
      </dl>
      {reply?.updated ? <Notice tone="success">{t("users.updated")}</Notice> : null}
      <ErrorSummary {...messages} />
      {user.isSelf ? (
        <p>{t("errors.cannotChangeSelf")}</p>
      ) : (
        <>
          <h2 id="edit-title">{t("users.changeRole", { name: user.name })}</h2>
          <Form method="post" className="form" aria-labelledby="edit-title" noValidate>
            <input type="hidden" name="intent" value="update" />
            <RoleSelect id="field-role" label={t("users.role")} defaultValue={failed ? reply.values.role : user.role} error={messages.fields.role} />
            <SchoolCheckboxes
              schools={schools}
              selected={failed ? reply.schools : user.schoolIds}
              error={messages.fields.schools}
              legend={t("users.editSchools", { name: user.name })}
            />
            <SectorCheckboxes selected={failed ? reply.sectors : user.sectors} legend={t("users.sectors")} />
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
