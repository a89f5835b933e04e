// The pieces of /audit: the filter form (a GET form: it works without JavaScript and a URL can be
// shared), the table of rows and the paging links. Data comes from audit.server.ts; pupils arrive
// here only as "a pupil", never named.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, InputField, SelectField, useMessageText } from "~/shared/fields";
import type { Role } from "~/shared/catalog";
import {
  ACTOR_ANY,
  ACTOR_PUPILS,
  ACTOR_SYSTEM,
  filterQuery,
  type ActionLabelId,
  type ActorView,
  type AuditRowView,
  type DetailView,
  type FilterField,
  type FilterMessage,
  type FilterValues,
  type SubjectView,
} from "./audit";

export function AuditFilterForm(props: {
  values: FilterValues;
  errors: Partial<Record<FilterField, FilterMessage>>;
  actions: ReadonlyArray<{ value: string; labelId: ActionLabelId | null }>;
  accounts: ReadonlyArray<{ id: string; name: string; role: Role }>;
}) {
  const { t } = useTranslation();
  const translate = useMessageText();
  const { values, errors, actions, accounts } = props;
  const fieldErrors: Record<string, string> = {};
  for (const [name, message] of Object.entries(errors)) if (message) fieldErrors[name] = translate(message);
  return (
    <>
      <ErrorSummary fields={fieldErrors} />
      <Form method="get" action="/audit" className="filters" role="search" aria-label={t("audit.filters")}>
        <SelectField
          name="action"
          label={t("audit.action")}
          defaultValue={values.action}
          error={fieldErrors.action}
          options={[
            { value: "", label: t("audit.anyAction") },
            ...actions.map((a) => ({ value: a.value, label: a.labelId ? `${t(`audit.actions.${a.labelId}`)} (${a.value})` : a.value })),
            // A refused value stays in the form, so the error can be read next to it.
            ...(values.action && !actions.some((a) => a.value === values.action) ? [{ value: values.action, label: values.action }] : []),
          ]}
        />
        <SelectField
          name="actor"
          label={t("audit.actor")}
          defaultValue={values.actor}
          error={fieldErrors.actor}
          options={[
            { value: ACTOR_ANY, label: t("audit.anyone") },
            { value: ACTOR_SYSTEM, label: t("audit.system") },
            { value: ACTOR_PUPILS, label: t("audit.pupils") },
            ...accounts.map((a) => ({ value: a.id, label: `${a.name} (${t(`roles.${a.role}`)})` })),
            ...(values.actor && ![ACTOR_SYSTEM, ACTOR_PUPILS].includes(values.actor) && !accounts.some((a) => a.id === values.actor) ? [{ value: values.actor, label: values.actor }] : []),
          ]}
        />
        <InputField name="from" type="date" label={t("audit.from")} help={t("audit.dateHelp")} defaultValue={values.from} error={fieldErrors.from} />
        <InputField name="to" type="date" label={t("audit.to")} help={t("audit.dateHelp")} defaultValue={values.to} error={fieldErrors.to} />
        <div>
          <button type="submit" className="button">
            {t("audit.show")}
          </button>
        </div>
      </Form>
    </>
  );
}

function ActorCell({ actor }: { actor: ActorView }) {
  const { t } = useTranslation();
  if (actor.kind === "system") return <>{t("audit.system")}</>;
  if (actor.kind === "pupil") return <>{t("audit.pupil")}</>;
  return <>{`${actor.name} (${t(`roles.${actor.role}`)})`}</>;
}

function ActionCell({ action, labelId }: { action: string; labelId: ActionLabelId | null }) {
  const { t } = useTranslation();
  return labelId ? <>{`${t(`audit.actions.${labelId}`)} (${action})`}</> : <>{action}</>;
}

function SubjectCell({ subject }: { subject: SubjectView }) {
  const { t } = useTranslation();
  if (subject.kind === "pupil") return <>{t("audit.pupilAccount")}</>;
  const type = subject.typeKnown ? t(`audit.subjectTypes.${subject.type as "user"}`) : subject.type;
  if (subject.kind === "named") return <>{`${type} ${subject.name}`}</>;
  return <>{subject.id ? `${type} ${subject.id}` : type}</>;
}

function DetailCell({ detail }: { detail: DetailView }) {
  const { t } = useTranslation();
  if (!detail.pairs.length && !detail.hidden) return null;
  return (
    <ul className="plain-list">
      {detail.pairs.map((p) => (
        <li key={p.key}>{`${p.key}: ${p.value}`}</li>
      ))}
      {detail.hidden ? <li>{t("audit.hiddenDetails", { count: detail.hidden })}</li> : null}
    </ul>
  );
}

export function AuditTable({ rows }: { rows: readonly AuditRowView[] }) {
  const { t } = useTranslation();
  return (
    // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table>
        <caption id="audit-caption">{t("audit.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.columns.time")}</th>
            <th scope="col">{t("audit.columns.actor")}</th>
            <th scope="col">{t("audit.columns.action")}</th>
            <th scope="col">{t("audit.columns.subject")}</th>
            <th scope="col">{t("audit.columns.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">
                <time dateTime={r.at}>{r.time}</time>
              </td>
              <td>
                <ActorCell actor={r.actor} />
              </td>
              <td>
                <ActionCell action={r.action} labelId={r.actionLabel} />
              </td>
              <td>
                <SubjectCell subject={r.subject} />
              </td>
              <td>
                <DetailCell detail={r.detail} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous and next links that keep the filters. */
export function AuditPager({ values, page, pages }: { values: FilterValues; page: number; pages: number }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("audit.pagination")}>
      {page > 1 ? (
        <Link to={`/audit${filterQuery(values, page - 1)}`} rel="prev">
          {t("audit.previous")}
        </Link>
      ) : null}
      <span>{t("audit.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={`/audit${filterQuery(values, page + 1)}`} rel="next">
          {t("audit.next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** The CSV of the same filters. */
export function AuditDownload({ values }: { values: FilterValues }) {
  const { t } = useTranslation();
  return (
    <p>
      <a href={`/audit.csv${filterQuery(values)}`} download aria-describedby="audit-download-help">
        {t("audit.download")}
      </a>{" "}
      <span id="audit-download-help">{t("audit.downloadHelp")}</span>
    </p>
  );
}
