import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice, useReplyMessages } from "~/shared/fields";
import { CLASS_LEVELS, type Locale } from "~/shared/catalog";
import { localName } from "~/features/rounds/rounds";
import codesStyles from "~/styles/codes.css";
import { requireRole } from "~/features/access/auth.server";
import { issuedPupils, issueSheet, openRounds, readSheetForm, revokeCode, schoolForActor, schoolsFor, type Slip } from "~/features/voting/code-sheets.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { readForm } from "~/server/request.server";

export const meta: MetaFunction = titled("codes.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: codesStyles }];

// Sheets carry sign-in codes in clear: never keep them in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const STAFF = ["staff", "coordinator", "admin"] as const;

function classLevelParam(value: string | null): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 && n <= 12 ? n : null;
}

type Actor = Awaited<ReturnType<typeof requireRole>>;

async function issuedList(actor: Actor, schoolCode: string | null, classLevel: number | null, locale: Locale) {
  if (!schoolCode) return null;
  const school = await schoolForActor(actor, schoolCode);
  const pupils = await issuedPupils(school.id, classLevel);
  return {
    school: school.code,
    classLevel,
    pupils: pupils.map((p) => ({ id: p.id, pseudonym: p.pseudonym, classLevel: p.classLevel, round: p.round ? localName(p.round, locale) : "", revoked: p.revoked })),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const [schools, rounds] = await Promise.all([schoolsFor(user), openRounds()]);
  const chosenSchool = url.searchParams.get("school") || schools[0]?.code || null;
  const classLevel = classLevelParam(url.searchParams.get("classLevel"));
  const list = await issuedList(user, chosenSchool, classLevel, locale);
  const revokedId = url.searchParams.get("revoked");
  const revoked = revokedId ? list?.pupils.find((p) => p.id === revokedId)?.pseudonym ?? null : null;
  return {
    schools: schools.map((s) => ({ code: s.code, name: localName(s, locale) })),
    rounds: rounds.map((r) => ({ slug: r.slug, name: localName(r, locale) })),
    chosen: { school: chosenSchool, classLevel, round: url.searchParams.get("round") },
    list,
    revoked,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF);
  const locale = await getLocale(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "revoke") {
    const userId = formData.get("userId");
    if (typeof userId !== "string" || !userId) throw new Response("Bad request", { status: 400 });
    const { schoolCode, classLevel } = await revokeCode(user, userId);
    const params = new URLSearchParams({ school: schoolCode, revoked: userId });
    if (classLevel !== null) params.set("classLevel", String(classLevel));
    return redirect(`/codes?${params}`, 303);
  }
  // The CSV download is a resource route of its own (a page's action cannot answer with a file):
  // send the same form there, method and body kept.
  if (intent === "csv") return redirect("/codes/csv", 307);
  if (intent !== "sheet") throw new Response("Bad request", { status: 400 });

  const form = await readSheetForm(user, formData);
  if (!form.ok) return data({ ...form.reply, sheet: null, list: null }, { status: 400 });
  const { round, school, classLevel, count } = form.value;
  const slips: Slip[] = await issueSheet({ roundSlug: round.slug, schoolCode: school.code, classLevel, count, actorId: user.id });
  const origin = new URL(request.url).origin;
  return data({
    fieldErrors: {},
    values: { round: round.slug, school: school.code, classLevel: String(classLevel), count: String(count) },
    sheet: {
      school: localName(school, locale),
      round: localName(round, locale),
      classLevel,
      url: `${origin}/login/code?school=${encodeURIComponent(school.code)}`,
      slips,
    },
    list: await issuedList(user, school.code, classLevel, locale),
  });
}

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

export default function Codes() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const messages = useReplyMessages(reply);
  const { schools, rounds, revoked } = loaderData;
  const values = reply?.values ?? {};
  const sheet = reply?.sheet ?? null;
  const list = reply?.list ?? loaderData.list;
  const chosenSchool = values.school ?? loaderData.chosen.school ?? "";
  const chosenClass = values.classLevel ?? (loaderData.chosen.classLevel !== null ? String(loaderData.chosen.classLevel) : "");
  const chosenRound = values.round ?? loaderData.chosen.round ?? rounds[0]?.slug ?? "";

  return (
    <div className="page codes-page">
      {sheet ? (
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
      ) : null}

      <div className="codes-noprint">
        {sheet ? <h2>{t("codes.title")}</h2> : <h1>{t("codes.title")}</h1>}
        <p>{t("codes.intro")}</p>
        {revoked ? <Notice tone="success">{t("codes.revokedNotice", { pseudonym: revoked })}</Notice> : null}
        {schools.length === 0 ? (
          <Notice>{t("codes.noSchools")}</Notice>
        ) : (
          <>
            <ErrorSummary {...messages} />
            <Form method="post" reloadDocument className="form codes-form" noValidate>
              <div className="field">
                <label htmlFor="field-round" className="field__label">
                  {t("codes.round")}
                </label>
                <select id="field-round" name="round" defaultValue={chosenRound} aria-invalid={messages.fields.round ? true : undefined} aria-describedby={messages.fields.round ? "round-error" : undefined}>
                  {rounds.map((r) => (
                    <option key={r.slug} value={r.slug}>
                      {r.name}
                    </option>
                  ))}
                </select>
                {messages.fields.round ? (
                  <span id="round-error" className="field__error">
                    {messages.fields.round}
                  </span>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor="field-school" className="field__label">
                  {t("codes.school")}
                </label>
                <select id="field-school" name="school" defaultValue={chosenSchool} aria-invalid={messages.fields.school ? true : undefined} aria-describedby={messages.fields.school ? "school-error" : undefined}>
                  {schools.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.name}
                    </option>
                  ))}
                </select>
                {messages.fields.school ? (
                  <span id="school-error" className="field__error">
                    {messages.fields.school}
                  </span>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor="field-classLevel" className="field__label">
                  {t("codes.classLevel")}
                </label>
                <select
                  id="field-classLevel"
                  name="classLevel"
                  defaultValue={chosenClass || "8"}
                  aria-invalid={messages.fields.classLevel ? true : undefined}
                  aria-describedby={messages.fields.classLevel ? "classLevel-error" : undefined}
                >
                  {CLASS_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {level}
                    </option>
                  ))}
                </select>
                {messages.fields.classLevel ? (
                  <span id="classLevel-error" className="field__error">
                    {messages.fields.classLevel}
                  </span>
                ) : null}
              </div>
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
                  defaultValue={values.count ?? ""}
                  aria-invalid={messages.fields.count ? true : undefined}
                  aria-describedby={messages.fields.count ? "count-help count-error" : "count-help"}
                />
                {messages.fields.count ? (
                  <span id="count-error" className="field__error">
                    {messages.fields.count}
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

            <section className="codes-issued" aria-labelledby="codes-issued-title">
              <h2 id="codes-issued-title">{t("codes.issued")}</h2>
              <Form method="get" className="filters">
                <div className="field">
                  <label htmlFor="list-school" className="field__label">
                    {t("codes.school")}
                  </label>
                  <select id="list-school" name="school" defaultValue={list?.school ?? chosenSchool}>
                    {schools.map((s) => (
                      <option key={s.code} value={s.code}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="list-classLevel" className="field__label">
                    {t("codes.classLevel")}
                  </label>
                  <select id="list-classLevel" name="classLevel" defaultValue={list?.classLevel !== null && list?.classLevel !== undefined ? String(list.classLevel) : ""}>
                    <option value="">{t("codes.allClasses")}</option>
                    {CLASS_LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {level}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className="button button--secondary">
                  {t("codes.show")}
                </button>
              </Form>
              {!list || list.pupils.length === 0 ? (
                <p>{t("codes.none")}</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <caption>{t("codes.pupils", { count: list.pupils.length })}</caption>
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
                                <span>{t("codes.active")}</span>{" "}
                                <input type="hidden" name="intent" value="revoke" />
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
          </>
        )}
      </div>
    </div>
  );
}
