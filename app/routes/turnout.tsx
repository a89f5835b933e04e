// /turnout?round=SLUG&by=type,language[&public=1][&school=CODE]: turnout of a round for staff (their
// own schools, public figures only), coordinators and admins (the whole city, exact or public).
// The table, a chart beside it (server-rendered SVG; the table is its accessible alternative),
// downloads (/turnout/export), and for coordinators and admins the enrolment import.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/shared/fields";
import { RoundPicker } from "~/features/rounds/round-picker";
import { areaName, type Locale } from "~/shared/catalog";
import { CsvError } from "~/shared/csv";
import { formatDay, formatNumber } from "~/shared/locale";
import { helsinkiDay, phaseOn, TIME_ZONE } from "~/features/rounds/phases";
import { hasRole } from "~/features/access/permissions";
import { localName } from "~/features/rounds/rounds";
import { DEFAULT_TURNOUT_KEYS, parseTurnoutKeys, publishTable, type TurnoutKey } from "~/features/turnout/turnout";
import { i18nFor } from "~/shared/i18n";
import { requireRole } from "~/features/access/auth.server";
import { db } from "~/server/db.server";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { loadChosenRound } from "~/features/rounds/rounds.server";
import { importEnrolment, loadTurnout, readEnrolmentCsv, requestScope } from "~/features/turnout/turnout.server";

export const meta: MetaFunction = titled("turnout.title");

// Live figures: never from a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const STAFF = ["staff", "coordinator", "admin"] as const;
const IMPORTERS = ["coordinator", "admin"] as const;
const MAX_UPLOAD_BYTES = 2_000_000;

/** The groupings offered on the page (any other `by` still works, e.g. from a bookmarked link). */
const GROUPINGS = [
  { id: "typeLanguage", keys: ["type", "language"] },
  { id: "school", keys: ["school"] },
  { id: "area", keys: ["area"] },
  { id: "classLevel", keys: ["class-level"] },
  { id: "method", keys: ["method"] },
  { id: "day", keys: ["day"] },
] as const satisfies ReadonlyArray<{ id: string; keys: readonly TurnoutKey[] }>;
type GroupingId = (typeof GROUPINGS)[number]["id"];

const COLUMN_OF: Record<TurnoutKey, string> = {
  type: "type",
  language: "language",
  school: "school",
  area: "area",
  "class-level": "classLevel",
  method: "method",
  day: "day",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const { t } = i18nFor(locale);
  const { round, options } = await loadChosenRound(url, locale);
  const parsed = parseTurnoutKeys(url.searchParams.get("by") ?? DEFAULT_TURNOUT_KEYS.join(","));
  const keys = parsed.ok ? parsed.keys : [...DEFAULT_TURNOUT_KEYS];
  const by = keys.join(",");
  const grouping: GroupingId | null = GROUPINGS.find((g) => g.keys.join(",") === by)?.id ?? null;
  const isStaff = user.role === "staff";
  const isPublic = isStaff || url.searchParams.get("public") === "1";
  const schoolCode = url.searchParams.get("school") || null;
  const canImport = hasRole(user, IMPORTERS);
  const base = { roundOptions: options, by, grouping, isPublic, isStaff, canImport, schoolCode };
  if (!round) return { ...base, round: null, view: null };

  const scope = await requestScope(db, user, schoolCode);
  const { table, schools } = await loadTurnout(db, round, keys, scope);
  const published = publishTable(table, isPublic);
  const schoolName = new Map(schools.map((s) => [s.code, localName(s, locale)]));
  const label = (key: TurnoutKey, value: string): string => {
    switch (key) {
      case "type":
        return `${t(`schoolTypes.${value}` as never)} (${value})`;
      case "language":
        return t(`schoolLanguages.${value}` as never);
      case "school":
        return schoolName.get(value) ?? value;
      case "area":
        return areaName(value, locale);
      case "class-level":
        return value;
      case "method":
        return value === "online" || value === "paper" ? t(`turnout.methods.${value}`) : value;
      case "day":
        return formatDay(value, locale);
    }
  };
  const rate = (r: number | null) => (r === null ? t("turnout.noRate") : t("turnout.percent", { value: formatNumber(r, locale, 1) }));
  const shown = (voters: number | null, suppressed: string | null) =>
    suppressed === "<5" ? t("turnout.lessThanFive") : suppressed ? t("turnout.hidden") : formatNumber(voters ?? 0, locale);

  const today = helsinkiDay();
  const state = phaseOn(round, today);
  const status =
    state === "voting"
      ? { key: "live" as const, time: new Intl.DateTimeFormat({ fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[locale], { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" }).format(new Date()) }
      : state === "counting" || state === "results"
        ? { key: "final" as const }
        : { key: "notStarted" as const, date: formatDay(round.votingStart, locale) };

  return {
    ...base,
    round: { slug: round.slug, name: localName(round, locale) },
    view: {
      status,
      scopeSchools: isStaff ? schools.map((s) => localName(s, locale)) : null,
      columns: keys.map((k) => COLUMN_OF[k]),
      keys,
      hasEnrolment: table.total.eligible > 0,
      rows: published.rows.map((r) => ({
        id: r.values.join("|"),
        values: r.values,
        labels: r.values.map((v, i) => label(keys[i] as TurnoutKey, v)),
        eligible: formatNumber(r.eligible, locale),
        voters: shown(r.voters, r.suppressed),
        rate: r.suppressed ? t("turnout.hidden") : rate(r.rate),
        rateValue: r.rate,
        votersValue: r.voters,
        suppressed: r.suppressed !== null,
      })),
      total: {
        eligible: formatNumber(published.total.eligible, locale),
        voters: shown(published.total.voters, published.total.suppressed),
        rate: published.total.suppressed ? t("turnout.hidden") : rate(published.total.rate),
      },
    },
  };
}

type ImportReply = { ok: true; values: { rows: number; schools: number; created: number; updated: number } } | { ok: false; error: string; message?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, IMPORTERS);
  let form: FormData;
  try {
    form = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }))
      : await readForm(request, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || (error instanceof Response && error.status === 413)) {
      return data<ImportReply>({ ok: false, error: "tooLarge" }, { status: 413 });
    }
    throw error instanceof Response ? error : new Response("Bad request", { status: 400 });
  }
  if (form.get("intent") !== "import") throw new Response("Bad request", { status: 400 });
  const round = String(form.get("round") ?? "");
  const upload = form.get("file");
  const pasted = String(form.get("csv") ?? "");
  let file = "pasted text";
  let text = pasted;
  if (upload && typeof upload !== "string" && upload.size > 0) {
    file = upload.name || "file.csv";
    text = await upload.text();
  }
  if (!text.trim()) return data<ImportReply>({ ok: false, error: "empty" }, { status: 400 });
  try {
    const table = readEnrolmentCsv(file, text);
    const values = await importEnrolment(db, round, file, table, user.id);
    return data<ImportReply>({ ok: true, values });
  } catch (error) {
    if (error instanceof CsvError || error instanceof Error) {
      return data<ImportReply>({ ok: false, error: "failed", message: error.message }, { status: 400 });
    }
    throw error;
  }
}

// ---- charts (server-rendered SVG; colour is never the only cue) ---------------------------------

const INK = "#1a1a1a";
const BAR = "#0b5394";

function truncate(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function RatesChart(props: {
  title: string;
  desc: string;
  bars: Array<{ id: string; label: string; value: number | null; valueText: string; striped: boolean }>;
  legend: string[];
}) {
  const labelWidth = 230;
  const barArea = 260;
  const rowHeight = 28;
  const top = 8;
  const width = labelWidth + barArea + 90;
  const height = top + props.bars.length * rowHeight + 8;
  const max = Math.max(10, Math.ceil(Math.max(0, ...props.bars.map((b) => b.value ?? 0)) / 10) * 10);
  return (
    <figure className="turnout-chart" style={{ margin: 0, flex: "1 1 24rem" }}>
      <svg role="img" aria-labelledby="turnout-chart-title turnout-chart-desc" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: `${width}px` }} xmlns="http://www.w3.org/2000/svg">
        <title id="turnout-chart-title">{props.title}</title>
        <desc id="turnout-chart-desc">{props.desc}</desc>
        <defs>
          <pattern id="turnout-stripes" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="8" stroke={BAR} strokeWidth="5" />
          </pattern>
        </defs>
        <line x1={labelWidth} x2={labelWidth} y1={top - 4} y2={height - 4} stroke={INK} strokeWidth="1" />
        {props.bars.map((b, i) => {
          const y = top + i * rowHeight;
          const w = b.value === null ? 0 : Math.max(1, (b.value / max) * barArea);
          return (
            <g key={b.id}>
              <text x={labelWidth - 6} y={y + 17} textAnchor="end" fontSize="13" fill={INK}>
                {truncate(b.label)}
              </text>
              {b.value !== null ? <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 10} fill={b.striped ? "url(#turnout-stripes)" : BAR} stroke={BAR} strokeWidth="1.5" /> : null}
              <text x={labelWidth + w + 6} y={y + 17} fontSize="13" fill={INK} fontWeight="bold">
                {b.valueText}
              </text>
            </g>
          );
        })}
      </svg>
      {props.legend.length ? (
        <figcaption>
          <ul style={{ listStyle: "none", padding: 0, margin: "0.5rem 0 0" }}>
            {props.legend.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </figcaption>
      ) : null}
    </figure>
  );
}

function DaysChart(props: { title: string; desc: string; points: Array<{ id: string; label: string; value: number | null; valueText: string }> }) {
  const left = 48;
  const right = 24;
  const top = 24;
  const plotHeight = 200;
  const n = props.points.length;
  const step = n > 1 ? Math.max(14, Math.min(48, 560 / (n - 1))) : 48;
  const width = left + right + Math.max(1, n - 1) * step;
  const height = top + plotHeight + 56;
  const max = Math.max(5, ...props.points.map((p) => p.value ?? 0));
  const x = (i: number) => left + i * step;
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const known = props.points.map((p, i) => ({ ...p, i })).filter((p) => p.value !== null);
  const path = known.map((p, j) => `${j === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p.value as number).toFixed(1)}`).join(" ");
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  return (
    <figure className="turnout-chart" style={{ margin: 0, flex: "1 1 24rem" }}>
      <svg role="img" aria-labelledby="turnout-chart-title turnout-chart-desc" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: `${width}px` }} xmlns="http://www.w3.org/2000/svg">
        <title id="turnout-chart-title">{props.title}</title>
        <desc id="turnout-chart-desc">{props.desc}</desc>
        <line x1={left} x2={left} y1={top} y2={top + plotHeight} stroke={INK} />
        <line x1={left} x2={width - right + 8} y1={top + plotHeight} y2={top + plotHeight} stroke={INK} />
        <text x={left - 6} y={top + 4} textAnchor="end" fontSize="12" fill={INK}>
          {formatNumber(max, "fi")}
        </text>
        <text x={left - 6} y={top + plotHeight + 4} textAnchor="end" fontSize="12" fill={INK}>
          0
        </text>
        <path d={path} fill="none" stroke={BAR} strokeWidth="2.5" />
        {props.points.map((p, i) => (
          <g key={p.id}>
            {p.value !== null ? <circle cx={x(i)} cy={y(p.value)} r="4" fill="#ffffff" stroke={BAR} strokeWidth="2" /> : null}
            {i % labelEvery === 0 || i === n - 1 ? (
              <>
                <text x={x(i)} y={top + plotHeight + 18} textAnchor="middle" fontSize="11" fill={INK}>
                  {p.label}
                </text>
                <text x={x(i)} y={p.value !== null ? y(p.value) - 9 : top + plotHeight - 6} textAnchor="middle" fontSize="11" fill={INK} fontWeight="bold">
                  {p.valueText}
                </text>
              </>
            ) : null}
          </g>
        ))}
      </svg>
    </figure>
  );
}

// ---- page -----------------------------------------------------------------------------------------

function exportHref(round: string, by: string, format: string, isPublic: boolean, school: string | null) {
  const params = new URLSearchParams({ round, by, format });
  if (isPublic) params.set("public", "1");
  if (school) params.set("school", school);
  return `/turnout/export?${params}`;
}

export default function Turnout() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const loaderData = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { round, view, by, grouping, isPublic, isStaff, canImport, roundOptions, schoolCode } = loaderData;

  const groupingName = grouping ? t(`turnout.groupings.${grouping}`) : by;
  return (
    <div className="page">
      <h1>{t("turnout.title")}</h1>
      <p>{t("turnout.intro")}</p>
      {!round || !view ? (
        <Notice>{t("turnout.noRound")}</Notice>
      ) : (
        <>
          {view.scopeSchools ? <p>{view.scopeSchools.length ? t("turnout.staffScope", { schools: view.scopeSchools.join(", ") }) : t("turnout.noSchools")}</p> : null}
          <RoundPicker options={roundOptions} current={round.slug} />
          <Form method="get" className="inline-form" style={{ marginTop: "1rem" }}>
            <input type="hidden" name="round" value={round.slug} />
            {schoolCode ? <input type="hidden" name="school" value={schoolCode} /> : null}
            <label htmlFor="turnout-by" className="field__label">
              {t("turnout.grouping")}
            </label>
            <select id="turnout-by" name="by" defaultValue={by}>
              {GROUPINGS.map((g) => (
                <option key={g.id} value={g.keys.join(",")}>
                  {t(`turnout.groupings.${g.id}`)}
                </option>
              ))}
              {grouping ? null : <option value={by}>{by}</option>}
            </select>
            {isStaff ? null : (
              <label className="checkbox-field" style={{ alignItems: "center" }}>
                <input type="checkbox" name="public" value="1" defaultChecked={isPublic} />
                {t("turnout.viewPublic")}
              </label>
            )}
            <button type="submit" className="button button--secondary button--small">
              {t("turnout.show")}
            </button>
          </Form>

          <p role="status">
            {view.status.key === "live"
              ? t("turnout.live", { time: view.status.time })
              : view.status.key === "final"
                ? t("turnout.final")
                : t("turnout.notStarted", { date: view.status.date })}
          </p>
          {view.hasEnrolment ? null : <Notice>{t("turnout.noEnrolment")}</Notice>}
          <p className="notice">{isPublic ? t("turnout.publicNote") : t("turnout.exactNote")}</p>
          {view.keys.includes("day") ? <p>{t("turnout.dayNote")}</p> : null}

          <div style={{ display: "flex", flexWrap: "wrap", gap: "1.5rem", alignItems: "flex-start", marginTop: "1rem" }}>
            {/* Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1). */}
            {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
            <div className="table-wrap" role="region" aria-labelledby="turnout-caption" tabIndex={0} style={{ flex: "1 1 auto" }}>
              <table>
                <caption id="turnout-caption">{t("turnout.tableCaption", { grouping: groupingName, round: round.name })}</caption>
                <thead>
                  <tr>
                    {view.columns.map((c) => (
                      <th key={c} scope="col">
                        {t(`turnout.columns.${c}` as never)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t("turnout.columns.eligible")}
                    </th>
                    <th scope="col" className="num">
                      {t("turnout.columns.voters")}
                    </th>
                    <th scope="col" className="num">
                      {t("turnout.columns.rate")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.rows.map((r) => (
                    <tr key={r.id}>
                      {r.labels.map((l, i) =>
                        i === 0 ? (
                          <th key={i} scope="row">
                            {l}
                          </th>
                        ) : (
                          <td key={i}>{l}</td>
                        ),
                      )}
                      <td className="num">{r.eligible}</td>
                      <td className="num">{r.voters}</td>
                      <td className="num">{r.rate}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={view.columns.length}>
                      {t("turnout.total")}
                    </th>
                    <td className="num">{view.total.eligible}</td>
                    <td className="num">{view.total.voters}</td>
                    <td className="num">{view.total.rate}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            {view.rows.length ? (
              view.keys.length === 1 && view.keys[0] === "day" ? (
                <DaysChart
                  title={t("turnout.chart.daysTitle")}
                  desc={t("turnout.chart.daysDesc", {
                    first: view.rows[0]?.labels[0] ?? "",
                    last: view.rows[view.rows.length - 1]?.labels[0] ?? "",
                    max: formatNumber(Math.max(0, ...view.rows.map((r) => r.votersValue ?? 0)), locale),
                  })}
                  points={view.rows.map((r) => ({ id: r.id, label: r.values[0]?.slice(5) ?? "", value: r.votersValue, valueText: r.voters }))}
                />
              ) : (
                <RatesChart
                  title={t("turnout.chart.ratesTitle", { grouping: groupingName })}
                  desc={t("turnout.chart.ratesDesc")}
                  bars={view.rows.map((r) => {
                    const languageAt = view.keys.indexOf("language");
                    return {
                      id: r.id,
                      label: r.labels.map((l, i) => (view.keys[i] === "type" ? (r.values[i] ?? l) : view.keys[i] === "language" ? (r.values[i] ?? l) : l)).join(" · "),
                      value: r.suppressed ? null : r.rateValue,
                      valueText: r.suppressed ? t("turnout.chart.hiddenBar") : r.rate,
                      striped: languageAt >= 0 && r.values[languageAt] === "sv",
                    };
                  })}
                  legend={view.keys.includes("language") ? [t("turnout.chart.legendFi"), t("turnout.chart.legendSv")] : []}
                />
              )
            ) : null}
          </div>

          <h2 id="turnout-downloads">{t("turnout.downloads.title")}</h2>
          <p>{t("turnout.downloads.help")}</p>
          <ul aria-labelledby="turnout-downloads">
            {(isStaff ? [true] : [false, true]).map((pub) => (
              <li key={String(pub)}>
                {pub ? t("turnout.downloads.public") : t("turnout.downloads.exact")}:{" "}
                {(["csv", "json", "xlsx"] as const).map((format, i) => (
                  <span key={format}>
                    {i > 0 ? ", " : null}
                    <a href={exportHref(round.slug, by, format, pub, schoolCode)} download>
                      {t(`turnout.downloads.${format}`)}
                    </a>
                  </span>
                ))}
              </li>
            ))}
          </ul>

          {canImport ? (
            <section aria-labelledby="turnout-import-title">
              <h2 id="turnout-import-title">{t("turnout.import.title")}</h2>
              <p id="turnout-import-help">{t("turnout.import.help")}</p>
              {reply ? (
                reply.ok ? (
                  <Notice tone="success">{t("turnout.import.done", reply.values)}</Notice>
                ) : (
                  <div className="error-summary" role="alert">
                    <p style={{ margin: 0 }}>
                      {reply.error === "failed" ? t("turnout.import.failed", { message: reply.message ?? "" }) : t(`turnout.import.${reply.error as "empty" | "tooLarge"}`)}
                    </p>
                  </div>
                )
              ) : null}
              <Form method="post" encType="multipart/form-data" reloadDocument className="form">
                <input type="hidden" name="intent" value="import" />
                <input type="hidden" name="round" value={round.slug} />
                <div className="field">
                  <label htmlFor="turnout-file" className="field__label">
                    {t("turnout.import.file")}
                  </label>
                  <input id="turnout-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="turnout-import-help" />
                </div>
                <div className="field field--wide">
                  <label htmlFor="turnout-csv" className="field__label">
                    {t("turnout.import.text")}
                  </label>
                  <textarea id="turnout-csv" name="csv" rows={5} placeholder="school,class_level,eligible" aria-describedby="turnout-import-help" />
                </div>
                <button type="submit" className="button">
                  {t("turnout.import.submit")}
                </button>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
