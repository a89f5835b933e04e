import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { RoleSelect, SchoolCheckboxes, SectorCheckboxes } from "~/features/access/admin-ui";
import { ErrorSummary, Field, Notice, useReplyMessages } from "~/shared/fields";
import { createUserSchema } from "~/features/access/users";
import { listAccounts } from "~/features/access/admin.server";
import { requirePermission } from "~/features/access/guard.server";
import { schoolOptions } from "~/features/schools/schools.server";
import { parseForm, refusedReply, replyTo } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { readForm } from "~/server/request.server";
import { titled } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { createAccount } from "~/features/access/users.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  const locale = await getLocale(request);
  const [{ users, pupilCount }, schools] = await Promise.all([listAccounts(locale), schoolOptions(locale)]);
  return { strings: pageStrings(locale, ["areas", "format", "forms", "newPassword", "schools", "sectors", "userAdmin", "users"]), users, pupilCount, schools };
}

const KEEP = ["name", "email", "role"] as const;
const KEEP_LISTS = ["schools", "sectors"] as const;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, createUserSchema, KEEP, KEEP_LISTS);
  if (!parsed.ok) return replyWith(parsed.reply);
  const result = await createAccount(admin.id, parsed.value);
  if (!result.ok) return replyWith(refusedReply(result, formData, KEEP, KEEP_LISTS), result.status);
  return replyTo(formData, [], [], { done: parsed.value.email });
}

export default function Users() {
  const { t } = useTranslation();
  const { users, pupilCount, schools } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const created = typeof reply?.done === "string" ? reply.done : null;
  return (
    <div className="page">
      <h1>{t("users.title")}</h1>
      <p>{t("users.intro")}</p>
      {created ? <Notice tone="success">{t("users.created", { email: created })}</Notice> : null}
      {/* Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-wrap" role="region" aria-label={t("users.title")} tabIndex={0}>
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
                <td>{u.email ?? t("format.none")}</td>
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
        <RoleSelect label={t("users.role")} defaultValue={reply?.values.role} error={messages.fields.role} />
        <Field name="password" type="password" label={t("users.password")} description={t("users.passwordHelp")} error={messages.fields.password} autoComplete="new-password" isRequired />
        <SchoolCheckboxes schools={schools} selected={reply?.lists?.schools ?? []} error={messages.fields.schools} legend={t("users.schools")} />
        <SectorCheckboxes selected={reply?.lists?.sectors ?? []} legend={t("users.sectors")} />
        <Button type="submit" className="button">
          {t("users.createSubmit")}
        </Button>
      </Form>
    </div>
  );
}
