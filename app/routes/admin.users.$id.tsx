import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { RoleSelect, SchoolCheckboxes, SectorCheckboxes } from "~/features/access/admin-ui";
import { ErrorSummary, Notice, useReplyMessages } from "~/shared/fields";
import { accountActionSchema, CONFIRMED_ACTIONS, updateUserSchema } from "~/features/access/users";
import { loadAccount } from "~/features/access/admin.server";
import { requirePermission } from "~/features/access/guard.server";
import { schoolOptions } from "~/features/schools/schools.server";
import { isOneOf } from "~/shared/catalog";
import { parseForm, refuse, refusedReply, replyTo, type FormReply } from "~/shared/forms";
import { replyWith } from "~/shared/forms.server";
import { readForm } from "~/server/request.server";
import { titleOf } from "~/shared/meta";
import { getLocale } from "~/server/locale.server";
import { resetPassword, setAccountDisabled, updateAccount } from "~/features/access/users.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => titleOf(data?.user.name);

// A reset's answer carries the temporary password: never keep this page in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

type Confirm = (typeof CONFIRMED_ACTIONS)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const user = await loadAccount(params.id ?? "");
  const isSelf = user.id === admin.id;
  // `?confirm=disable` / `?confirm=reset-password`: the confirmation step (the buttons lead here without JavaScript).
  const asked = new URL(request.url).searchParams.get("confirm");
  const confirm: Confirm | null = !isSelf && isOneOf(CONFIRMED_ACTIONS, asked) && !(asked === "disable" && user.disabled) ? asked : null;
  return { strings: pageStrings(await getLocale(request), ["areas", "format", "forms", "newPassword", "schools", "sectors", "userAdmin", "users"]), user: { ...user, isSelf }, confirm, schools: await schoolOptions(await getLocale(request)) };
}

const KEEP_LISTS = ["schools", "sectors"] as const;

/** The reply of this page's forms: a pending confirmation, or the temporary password of a reset (shown once). */
type AccountReply = FormReply & { confirm?: Confirm; temporary?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const user = await loadAccount(params.id ?? "");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "disable" || intent === "enable" || intent === "reset-password") {
    const parsed = parseForm(formData, accountActionSchema);
    if (!parsed.ok) return replyWith(parsed.reply);
    const { confirmed } = parsed.value;
    // Refused at once, before any confirmation step: your own account is changed by another admin.
    if (user.id === admin.id) {
      const refusal = refuse(403, intent === "reset-password" ? "userAdmin.cannotResetSelf" : "errors.cannotChangeSelf");
      return replyWith(refusedReply(refusal, formData, []), refusal.status);
    }
    // Disabling and resetting change nothing until confirmed: without `confirmed=yes` the answer is the confirmation step.
    if (intent !== "enable" && confirmed !== "yes") return data<AccountReply>({ ...replyTo(formData, []), confirm: intent });
    if (intent === "reset-password") {
      const result = await resetPassword(admin.id, user.id);
      if (!result.ok) return replyWith(refusedReply(result, formData, []), result.status);
      // The temporary password exists in clear only in this response (never in a URL, a cookie or the log).
      return data<AccountReply>({ ...replyTo(formData, [], [], { done: "reset" }), temporary: result.temporary }, { headers: { "Cache-Control": "no-store" } });
    }
    const result = await setAccountDisabled(admin.id, user.id, intent === "disable");
    if (!result.ok) return replyWith(refusedReply(result, formData, []), result.status);
    return data<AccountReply>(replyTo(formData, [], [], { done: intent === "disable" ? "disabled" : "enabled" }));
  }
  const parsed = parseForm(formData, updateUserSchema, ["role"], KEEP_LISTS);
  if (!parsed.ok) return replyWith(parsed.reply);
  const result = await updateAccount(admin.id, user.id, parsed.value);
  if (!result.ok) return replyWith(refusedReply(result, formData, ["role"], KEEP_LISTS), result.status);
  return data<AccountReply>(replyTo(formData, [], [], { done: true }));
}

/** "Disable NAME?" / "Reset the password of NAME?" with Confirm and Cancel; works without JavaScript. */
function ConfirmStep({ confirm, user }: { confirm: Confirm; user: { id: string; name: string } }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [confirm]);
  const texts =
    confirm === "disable"
      ? { title: t("userAdmin.disableTitle", { name: user.name }), body: t("userAdmin.disableBody", { name: user.name }), button: t("userAdmin.disableConfirm") }
      : { title: t("userAdmin.resetTitle", { name: user.name }), body: t("userAdmin.resetBody"), button: t("userAdmin.resetConfirm") };
  return (
    <section className="confirm-step" aria-labelledby="confirm-title">
      <h2 id="confirm-title" tabIndex={-1} ref={heading}>
        {texts.title}
      </h2>
      <p>{texts.body}</p>
      {/* Posted to the page's own address without `?confirm`, so the step does not come back after it is done. */}
      <Form method="post" action={`/admin/users/${user.id}`} className="button-row">
        <input type="hidden" name="intent" value={confirm} />
        <input type="hidden" name="confirmed" value="yes" />
        <Button type="submit" className="button button--danger">
          {texts.button}
        </Button>{" "}
        <Link to={`/admin/users/${user.id}`} className="button button--secondary">
          {t("userAdmin.cancel")}
        </Link>
      </Form>
    </section>
  );
}

/** The temporary password after a reset, shown once: it lives only in this response. */
function TemporaryPassword({ password, name }: { password: string; name: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [password]);
  return (
    <section className="notice notice--success" aria-labelledby="temporary-title">
      <h2 id="temporary-title" tabIndex={-1} ref={heading}>
        {t("userAdmin.temporaryTitle", { name })}
      </h2>
      <p>{t("userAdmin.temporaryBody", { name })}</p>
      <p>
        {t("userAdmin.temporaryLabel")}:{" "}
        <code id="temporary-password" translate="no">
          {password}
        </code>
      </p>
    </section>
  );
}

export default function EditUser() {
  const { t } = useTranslation();
  const { user, schools, confirm: askedInUrl } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as AccountReply | undefined;
  const messages = useReplyMessages(reply);
  // After a refused change the form shows what was posted; after a saved one, what is stored.
  const failed = reply && !reply.done && reply.lists ? reply : null;
  const confirm = reply ? (reply.confirm ?? null) : askedInUrl;
  const doneText =
    reply?.done === "disabled" ? t("userAdmin.disabled", { name: user.name }) : reply?.done === "enabled" ? t("userAdmin.enabled", { name: user.name }) : reply?.done === true ? t("users.updated") : null;
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
        <dd>
          {user.disabled ? t("users.disabled") : t("users.active")}
          {user.mustChangePassword ? ` (${t("userAdmin.mustChange")})` : null}
        </dd>
      </dl>
      {doneText ? <Notice tone="success">{doneText}</Notice> : null}
      {reply?.temporary ? <TemporaryPassword password={reply.temporary} name={user.name} /> : null}
      <ErrorSummary {...messages} />
      {user.isSelf ? (
        <p>{t("errors.cannotChangeSelf")}</p>
      ) : confirm ? (
        <ConfirmStep confirm={confirm} user={user} />
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
          <h2 id="password-title">{t("userAdmin.password")}</h2>
          <p>{t("userAdmin.passwordIntro", { name: user.name })}</p>
          {/* Disabling and resetting lead to a confirmation step first (a GET, so it works without JavaScript). */}
          <Form method="get" className="form" aria-labelledby="password-title">
            <input type="hidden" name="confirm" value="reset-password" />
            <Button type="submit" className="button button--secondary">
              {t("userAdmin.resetPassword")}
            </Button>
          </Form>
          {user.disabled ? (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="enable" />
              <Button type="submit" className="button button--secondary">
                {t("users.enable")}
              </Button>
            </Form>
          ) : (
            <Form method="get" className="form">
              <input type="hidden" name="confirm" value="disable" />
              <Button type="submit" className="button button--danger">
                {t("users.disable")}
              </Button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}
