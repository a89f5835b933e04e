// The pieces of /turnout: the grouping form, the table with its chart (server-rendered SVG; the
// table is its accessible alternative; colour is never the only cue), downloads and the enrolment
// import. Data comes from turnout-page.server.ts.
import { Form } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { Notice, useReplyMessages } from "~/shared/fields";
import type { FormReply } from "~/shared/forms";
import type { Locale } from "~/shared/catalog";
import { formatNumber } from "~/shared/locale";
import { TURNOUT_GROUPINGS, type GroupingId, type TurnoutKey } from "~/features/turnout/turnout";

// ---- charts (server-rendered SVG; colour is never the only cue) ---------------------------------

const INK = "#1a1a1a";
const BAR = "#0b5394";

function truncate(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function RatesChart(props: {
  title: string;
  desc: string;
  bars: Array<{ id: string; label: string; value: number | null; valueText: string; striped: boolean }>;
  legend: string[];
}) {
  const labelWidth = 230;
  const barArea = 260;
  const rowHeight = 28;
  const top = 8;
  const width = labelWidth + barArea + 90; // 580: .turnout-chart--bars in app.css keeps the chart at most this wide
  const height = top + props.bars.length * rowHeight + 8;
  const max = Math.max(10, Math.ceil(Math.max(0, ...props.bars.map((b) => b.value ?? 0)) / 10) * 10);
  return (
    <figure className="turnout-chart turnout-chart--bars">
      <svg role="img" aria-labelledby="turnout-chart-title turnout-chart-desc" viewBox={`0 0 ${width} ${height}`} width="100%" xmlns="http://www.w3.org/2000/svg">
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
          <ul className="plain-list turnout-chart__legend">
            {props.legend.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </figcaption>
      ) : null}
    </figure>
  );
}

/** The days chart's label size in px: the SVG is drawn at its natural size, so this is as rendered. */
export const DAYS_CHART_FONT_PX = 13;
/** At least this many px between the centres of two shown day labels (a label is about 40 px wide). */
export const DAYS_CHART_LABEL_GAP_PX = 56;

/** The geometry of the voters-per-day chart of `n` days: every `labelEvery`th day is labelled, counted back from the last. */
export function daysChartLayout(n: number) {
  const step = n > 1 ? Math.max(16, Math.min(DAYS_CHART_LABEL_GAP_PX, 560 / (n - 1))) : DAYS_CHART_LABEL_GAP_PX;
  const labelEvery = Math.max(1, Math.ceil(DAYS_CHART_LABEL_GAP_PX / step));
  return { step, labelEvery, shows: (i: number) => (n - 1 - i) % labelEvery === 0 };
}

/**
 * Voters per day, drawn at its natural pixel size (never scaled down, so its labels stay
 * DAYS_CHART_FONT_PX); on a narrow screen it scrolls sideways inside a focusable, labelled region.
 */
export function DaysChart(props: { title: string; desc: string; points: Array<{ id: string; label: string; value: number | null; valueText: string }> }) {
  const left = 60;
  const right = 32;
  const top = 28;
  const plotHeight = 200;
  const n = props.points.length;
  const { step, shows } = daysChartLayout(n);
  const width = Math.ceil(left + right + Math.max(1, n - 1) * step);
  const height = top + plotHeight + 40;
  const max = Math.max(5, ...props.points.map((p) => p.value ?? 0));
  const x = (i: number) => left + i * step;
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const known = props.points.map((p, i) => ({ ...p, i })).filter((p) => p.value !== null);
  const path = known.map((p, j) => `${j === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p.value as number).toFixed(1)}`).join(" ");
  const font = DAYS_CHART_FONT_PX;
  return (
    <figure className="turnout-chart turnout-chart--days">
      {/* Focusable, so that keyboard users can scroll a wide chart on a narrow screen (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="turnout-chart__scroll" role="region" aria-label={props.title} tabIndex={0}>
        <svg
          role="img"
          aria-labelledby="turnout-chart-title turnout-chart-desc"
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          fontSize={font}
          xmlns="http://www.w3.org/2000/svg"
        >
          <title id="turnout-chart-title">{props.title}</title>
          <desc id="turnout-chart-desc">{props.desc}</desc>
          <line x1={left} x2={left} y1={top} y2={top + plotHeight} stroke={INK} />
          <line x1={left} x2={width - right + 8} y1={top + plotHeight} y2={top + plotHeight} stroke={INK} />
          <text x={left - 8} y={top + 5} textAnchor="end" fontSize={font} fill={INK}>
            {formatNumber(max, "fi")}
          </text>
          <text x={left - 8} y={top + plotHeight + 5} textAnchor="end" fontSize={font} fill={INK}>
            0
          </text>
          <path d={path} fill="none" stroke={BAR} strokeWidth="2.5" />
          {props.points.map((p, i) => (
            <g key={p.id}>
              {p.value !== null ? <circle cx={x(i)} cy={y(p.value)} r="4" fill="#ffffff" stroke={BAR} strokeWidth="2" /> : null}
              {shows(i) ? (
                <>
                  <text className="turnout-chart__day" x={x(i)} y={top + plotHeight + 22} textAnchor="middle" fontSize={font} fill={INK}>
                    {p.label}
                  </text>
                  <text x={x(i)} y={p.value !== null ? y(p.value) - 10 : top + plotHeight - 8} textAnchor="middle" fontSize={font} fill={INK} fontWeight="bold">
                    {p.valueText}
                  </text>
                </>
              ) : null}
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}

// ---- page pieces ----------------------------------------------------------------------------------

export interface TurnoutRowView {
  id: string;
  values: string[];
  labels: string[];
  eligible: string;
  voters: string;
  rate: string;
  rateValue: number | null;
  votersValue: number | null;
  suppressed: boolean;
}

export interface TurnoutView {
  columns: string[];
  keys: TurnoutKey[];
  rows: TurnoutRowView[];
  total: { eligible: string; voters: string; rate: string };
}

/** How to group, and (for those who see exact figures) whether to show the public ones. */
export function GroupingForm(props: { round: string; schoolCode: string | null; by: string; grouping: GroupingId | null; isStaff: boolean; isPublic: boolean }) {
  const { t } = useTranslation();
  const { round, schoolCode, by, grouping, isStaff, isPublic } = props;
  // The native select stays inline with the button (SelectField is a block field).
  return (
    <Form method="get" className="inline-form spaced">
      <input type="hidden" name="round" value={round} />
      {schoolCode ? <input type="hidden" name="school" value={schoolCode} /> : null}
      <label htmlFor="turnout-by" className="field__label">
        {t("turnout.grouping")}
      </label>
      <select id="turnout-by" name="by" defaultValue={by}>
        {TURNOUT_GROUPINGS.map((g) => (
          <option key={g.id} value={g.keys.join(",")}>
            {t(`turnout.groupings.${g.id}`)}
          </option>
        ))}
        {grouping ? null : <option value={by}>{by}</option>}
      </select>
      {isStaff ? null : (
        <label className="checkbox-field checkbox-field--centred">
          <input type="checkbox" name="public" value="1" defaultChecked={isPublic} />
          {t("turnout.viewPublic")}
        </label>
      )}
      <button type="submit" className="button button--secondary button--small">
        {t("turnout.show")}
      </button>
    </Form>
  );
}

/** The turnout table and, beside it, its chart. */
export function TurnoutTableAndChart({ view, caption, groupingName }: { view: TurnoutView; caption: string; groupingName: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <div className="turnout-results">
      {/* Focusable, so that keyboard users can scroll a wide table on a narrow screen (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-wrap" role="region" aria-labelledby="turnout-caption" tabIndex={0}>
        <table>
          <caption id="turnout-caption">{caption}</caption>
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
  );
}

function exportHref(round: string, by: string, format: string, isPublic: boolean, school: string | null) {
  const params = new URLSearchParams({ round, by, format });
  if (isPublic) params.set("public", "1");
  if (school) params.set("school", school);
  return `/turnout/export?${params}`;
}

/** Links to /turnout/export: staff get only the public files. */
export function TurnoutDownloads({ round, by, isStaff, schoolCode }: { round: string; by: string; isStaff: boolean; schoolCode: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="turnout-downloads">{t("turnout.downloads.title")}</h2>
      <p>{t("turnout.downloads.help")}</p>
      <ul aria-labelledby="turnout-downloads">
        {(isStaff ? [true] : [false, true]).map((pub) => (
          <li key={String(pub)}>
            {pub ? t("turnout.downloads.public") : t("turnout.downloads.exact")}:{" "}
            {(["csv", "json", "xlsx"] as const).map((format, i) => (
              <span key={format}>
                {i > 0 ? ", " : null}
                <a href={exportHref(round, by, format, pub, schoolCode)} download>
                  {t(`turnout.downloads.${format}`)}
                </a>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The enrolment import (coordinators and admins); `reply` is the action's answer. */
export function EnrolmentImport({ round, reply }: { round: string; reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const messages = useReplyMessages(reply);
  // A file or paste that is not UTF-8 (decision 017) is refused on its field.
  const fileError = messages.fields.file;
  const csvError = messages.fields.csv;
  return (
    <section aria-labelledby="turnout-import-title">
      <h2 id="turnout-import-title">{t("turnout.import.title")}</h2>
      <p id="turnout-import-help">{t("turnout.import.help")}</p>
      {typeof reply?.done === "string" ? <Notice tone="success">{reply.done}</Notice> : null}
      {messages.form ? (
        <div className="error-summary" role="alert">
          <p className="flush">{messages.form}</p>
        </div>
      ) : null}
      {fileError || csvError ? (
        <div className="error-summary" role="alert">
          <p className="flush">
            <a href={fileError ? "#turnout-file" : "#turnout-csv"}>{fileError ?? csvError}</a>
          </p>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" reloadDocument className="form">
        <input type="hidden" name="intent" value="import" />
        <input type="hidden" name="round" value={round} />
        <div className="field">
          <label htmlFor="turnout-file" className="field__label">
            {t("turnout.import.file")}
          </label>
          <input
            id="turnout-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? "turnout-file-error turnout-import-help" : "turnout-import-help"}
            aria-invalid={fileError ? true : undefined}
          />
          {fileError ? (
            <p id="turnout-file-error" className="field__error">
              {fileError}
            </p>
          ) : null}
        </div>
        <div className="field field--wide">
          <label htmlFor="turnout-csv" className="field__label">
            {t("turnout.import.text")}
          </label>
          <textarea
            id="turnout-csv"
            name="csv"
            rows={5}
            placeholder="school,class_level,eligible"
            aria-describedby={csvError ? "turnout-csv-error turnout-import-help" : "turnout-import-help"}
            aria-invalid={csvError ? true : undefined}
            defaultValue={reply?.done ? undefined : reply?.values.csv}
          />
          {csvError ? (
            <p id="turnout-csv-error" className="field__error">
              {csvError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("turnout.import.submit")}
        </button>
      </Form>
    </section>
  );
}
