// The pieces of the sign-in code page (/codes): the printable sheet of slips, the form that issues
// it, and the list of codes already issued for a class (with revoking).
import { Form } from "@remix-run/react";
import { useSyncExternalStore } from "react";
import { useTranslation } from "~/shared/i18n/react";
import { Notice, SelectField } from "~/shared/fields";
import { CLASS_LEVELS } from "~/shared/catalog";

export interface Slip {
  code: string;
  pseudonym: string;
}

export interface SheetView {
  school: string;
  round: string;
  classLevel: number;
  /** Where pupils sign in with their codes. */
  url: string;
  slips: Slip[];
}

export interface IssuedList {
  school: string;
  classLevel: number | null;
  pupils: Array<{ id: string; pseudonym: string; classLevel: number | null; round: string; revoked: boolean }>;
}

type Option = { value: string; label: string };

function PrintButton() {
  const { t } = useTranslation();
  // Without JavaScript the button could not work: the browser's own print command is named instead.
  const hydrated = useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );
  return (
    <p className="codes-print">
      {hydrated ? (
        <button type="button" className="button" onClick={() => window.print()}>
          {t("codes.print")}
        </button>
      ) : null}{" "}
      <span className="field__description">{t("codes.printHelp")}</span>
    </p>
  );
}

/** The printable sheet: one slip per code, shown once. */
export function CodeSheet({ sheet }: { sheet: SheetView }) {
  const { t } = useTranslation();
  return (
    <section className="codes-sheet" aria-labelledby="codes-sheet-title">
      <div className="codes-noprint">
        <Notice>{t("codes.onlyOnce")}</Notice>
        <PrintButton />
      </div>
      <h1 id="codes-sheet-title">{t("codes.sheetTitle", { school: sheet.school, classLevel: sheet.classLevel })}</h1>
      <p className="codes-sheet__round">{t("codes.sheetRound", { round: sheet.round })}</p>
      <ul className="slips">
        {sheet.slips.map((slip) => (
          <li key={slip.code} className="slip">
            <p className="slip__title">{t("codes.slipTitle")}</p>
            <p className="slip__code">{slip.code}</p>
            <p className="slip__pseudonym">{t("codes.slipPseudonym", { pseudonym: slip.pseudonym })}</p>
            <p className="slip__howto">{t("codes.slipHowTo", { url: sheet.url })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const classOptions: Option[] = CLASS_LEVELS.map((level) => ({ value: String(level), label: String(level) }));

/** The form that issues a sheet (or its CSV): round, school, class level and how many codes. */
export function SheetForm(props: {
  rounds: Option[];
  schools: Option[];
  chosen: { round: string; school: string; classLevel: string; count: string };
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { errors, chosen } = props;
  return (
    <Form method="post" reloadDocument className="form codes-form" noValidate>
      <SelectField id="field-round" name="round" label={t("codes.round")} defaultValue={chosen.round} options={props.rounds} error={errors.round} />
      <SelectField id="field-school" name="school" label={t("codes.school")} defaultValue={chosen.school} options={props.schools} error={errors.school} />
      <SelectField id="field-classLevel" name="classLevel" label={t("codes.classLevel")} defaultValue={chosen.classLevel || "8"} options={classOptions} error={errors.classLevel} />
      {/* A native number input (min/max/required): InputField has no type="number". */}
      <div className="field">
        <label htmlFor="field-count" className="field__label">
          {t("codes.count")}
        </label>
        <span id="count-help" className="field__description">
          {t("codes.countHelp")}
        </span>
        <input
          id="field-count"
          name="count"
          type="number"
          inputMode="numeric"
          min={1}
          max={200}
          required
          className="field__input"
          defaultValue={chosen.count}
          aria-invalid={errors.count ? true : undefined}
          aria-describedby={errors.count ? "count-help count-error" : "count-help"}
        />
        {errors.count ? (
          <span id="count-error" className="field__error">
            {errors.count}
          </span>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit" name="intent" value="sheet" className="button">
          {t("codes.create")}
        </button>
        <button type="submit" name="intent" value="csv" formAction="/codes/csv" className="button button--secondary">
          {t("codes.csv")}
        </button>
      </div>
    </Form>
  );
}

/** The codes already issued for a school and class, with a revoke button for each active one. */
export function IssuedCodes({ schools, list, chosenSchool }: { schools: Option[]; list: IssuedList | null; chosenSchool: string }) {
  const { t } = useTranslation();
  return (
    <section className="codes-issued" aria-labelledby="codes-issued-title">
      <h2 id="codes-issued-title">{t("codes.issued")}</h2>
      <Form method="get" className="filters">
        <SelectField id="list-school" name="school" label={t("codes.school")} defaultValue={list?.school ?? chosenSchool} options={schools} />
        <SelectField
          id="list-classLevel"
          name="classLevel"
          label={t("codes.classLevel")}
          defaultValue={list?.classLevel !== null && list?.classLevel !== undefined ? String(list.classLevel) : ""}
          options={[{ value: "", label: t("codes.allClasses") }, ...classOptions]}
        />
        <button type="submit" className="button button--secondary">
          {t("codes.show")}
        </button>
      </Form>
      {!list || list.pupils.length === 0 ? (
        <p>{t("codes.none")}</p>
      ) : (
        // Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" role="region" aria-labelledby="codes-caption" tabIndex={0}>
          <table>
            <caption id="codes-caption">{t("codes.pupils", { count: list.pupils.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("codes.pseudonym")}</th>
                <th scope="col">{t("codes.classLevel")}</th>
                <th scope="col">{t("codes.round")}</th>
                <th scope="col">{t("codes.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.pupils.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.pseudonym}</th>
                  <td className="num">{p.classLevel ?? ""}</td>
                  <td>{p.round}</td>
                  <td>
                    {p.revoked ? (
                      t("codes.revoked")
                    ) : (
                      <Form method="post" className="inline-form">
                        <span>{t("codes.active")}</span> <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="userId" value={p.id} />
                        <button type="submit" className="button button--danger button--small">
                          {t("codes.revoke")}
                          <span className="visually-hidden"> {p.pseudonym}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
