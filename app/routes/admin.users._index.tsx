import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { RoleSelect, SchoolCheckboxes, SectorCheckboxes } from "~/features/access/admin-ui";
import { ErrorSummary, Field, Notice, useReplyMessages } from "~/shared/fields";
import { isOneOf, SECTORS, type Role, type Sector } from "~/shared/catalog";
import { localName } from "~/features/rounds/rounds";
import { createUserSchema } from "~/features/access/users";
import { schoolOptions } from "~/features/access/admin.server";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { keptValues, parseForm, type FormReply } from "~/shared/forms";
import { readForm } from "~/server/request.server";
import { titled } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { createAccount } from "~/features/access/users.server";

export const meta: MetaFunction = titled("users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const locale = await getLocale(request);
  const [users, pupilCount, schools] = await Promise.all([
    db.user.findMany({
      where: { role: { not: "pupil" } },
      include: { schools: { include: { school: true } } },
      orderBy: [{ role: "asc" }, { displayName: "asc" }],
    }),
    db.user.count({ where: { role: "pupil" } }),
    schoolOptions(locale),
  ]);
  return {
    users: users.map((u) => ({
      id: u.id,
      name: u.displayName,
      email: u.email,
      role: u.role as Role,
      disabled: u.disabledAt !== null,
      schools: u.schools.map((s) => localName(s.school, locale)),
      sectors: u.sectors.split(",").filter((x): x is Sector => isOneOf(SECTORS, x)),
    })),
    pupilCount,
    schools,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const formData = await readForm(request);
  const keep = ["name", "email", "role"] as const;
  const parsed = parseForm(formData, createUserSchema, keep);
  const sectors = formData.getAll("sectors").map(String);
  if (!parsed.ok) return data({ ...parsed.reply, schools: formData.getAll("schools").map(String), sectors }, { status: 400 });
  const result = await createAccount(admin.id, parsed.value);
  if (!result.ok) {
    const reply: FormReply = {
      fieldErrors: result.field ? { [result.field]: result.error } : {},
      formError: result.field ? undefined : result.error,
      values: keptValues(formData, keep),
    };
    return data({ ...reply, schools: parsed.value.schools, sectors }, { status: result.field === "email" ? 409 : 400 });
  }
  return data({ fieldErrors: {}, values: {} as Record<string, string>, schools: [] as string[], sectors: [] as string[], created: parsed.value.email });
}

export default function Users() {
  const { t } = useTranslation();
  const { users, pupilCount, schools } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const created = reply && "created" in reply ? reply.created : null;
  return (
    <div className="page">
      <h1>{t("users.title")}</h1>
      <p>{t("users.intro")}</p>
      {created ? <Notice tone="success">{t("users.created", { email: created })}</Notice> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("users.name")}</th>
              <th scope="col">{t("users.email")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.schools")}</th>
              <th scope="col">{t("users.status")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                </th>
                <td>{u.email}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>
                  {[...u.schools, ...u.sectors.map((x) => t(`sectors.${x}`))].join(", ") || t("format.none")}
                </td>
                <td>{u.disabled ? t("users.disabled") : t("users.active")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("users.pupilCount", { count: pupilCount })}</p>

      <h2 id="create-title">{t("users.create")}</h2>
      <ErrorSummary {...messages} />
      <Form method="post" className="form" aria-labelledby="create-title" noValidate key={created ?? "form"}>
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label={t("users.name")} defaultValue={reply?.values.name} error={messages.fields.name} autoComplete="off" isRequired maxLength={100} />
        <Field name="email" type="email" label={t("users.email")} defaultValue={reply?.values.email} error={messages.fields.email} autoComplete="off" isRequired />
        <RoleSelect id="field-role" label={t("users.role")} defaultValue={reply?.values.role} error={messages.fields.role} />
        <Field name="password" type="password" label={t("users.password")} description={t("users.passwordHelp")} error={messages.fields.password} autoComplete="new-password" isRequired />
        <SchoolCheckboxes schools={schools} selected={reply?.schools ?? []} error={messages.fields.schools} legend={t("users.schools")} />
        <SectorCheckboxes selected={reply?.sectors ?? []} legend={t("users.sectors")} />
        <Button type="submit" className="button">
          {t("users.createSubmit")}
        </Button>
      </Form>
    </div>
  );
}
