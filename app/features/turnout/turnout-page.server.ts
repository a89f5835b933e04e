// The turnout pages: /turnout (table, chart, enrolment import) and /turnout/export (the files of the
// `turnout` command, docs/cli.md). Who sees what is `canSeeTurnout` (app/features/access/permissions.ts):
// coordinators and admins the whole city, exact or public; staff only the schools they serve, and
// only public figures (small cells suppressed).
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { areaName, type Locale } from "~/shared/catalog";
import { formatDay, formatNumber } from "~/shared/locale";
import { i18nFor } from "~/shared/i18n";
import { refuse, replyTo, type FormReply, type Refusal } from "~/shared/forms";
import { can, canSeeTurnout, type Actor } from "~/features/access/permissions";
import { helsinkiDay, phaseOn, TIME_ZONE } from "~/features/rounds/phases";
import { localName } from "~/features/rounds/rounds";
import { loadChosenRound } from "~/features/rounds/rounds.server";
import { DEFAULT_TURNOUT_KEYS, parseTurnoutKeys, publishTable, TURNOUT_GROUPINGS, type GroupingId, type TurnoutKey } from "~/features/turnout/turnout";
import { importEnrolment, loadTurnout, readEnrolmentCsv, requestScope } from "~/features/turnout/turnout.server";
import { enrolmentProblemText } from "~/features/turnout/enrolment-problems";
import { CONTENT_TYPES, isTurnoutFormat, turnoutFile, turnoutFilename } from "~/features/turnout/turnout-export.server";
import { db } from "~/server/db.server";
import { readForm } from "~/server/request.server";
import { checkText, decodeText, problemOf, type EncodingProblem } from "~/shared/text-encoding";

const MAX_UPLOAD_BYTES = 2_000_000;

const COLUMN_OF: Record<TurnoutKey, string> = {
  type: "type",
  language: "language",
  school: "school",
  area: "area",
  "class-level": "classLevel",
  method: "method",
  day: "day",
};

/** How often the page counts again by itself during voting, in seconds (production: every 30 s). */
export const REFRESH_SECONDS = 30;
/** `refresh=N` (seconds) may ask for another pace, within these bounds: the end-to-end tests use the floor. */
const REFRESH_BOUNDS = { min: 5, max: 600 } as const;

/** The refresh pace asked for with `refresh=N`, kept within REFRESH_BOUNDS; REFRESH_SECONDS otherwise. */
export function refreshSecondsOf(url: URL): number {
  const asked = Number(url.searchParams.get("refresh"));
  if (!Number.isInteger(asked) || asked <= 0) return REFRESH_SECONDS;
  return Math.min(REFRESH_BOUNDS.max, Math.max(REFRESH_BOUNDS.min, asked));
}

/** The wall-clock time of `at` in Helsinki, as the locale writes it ("10.42" in fi and sv, "10:42" in en). */
export function helsinkiClock(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat({ fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[locale], { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" }).format(at);
}

/**
 * The data of /turnout?round=SLUG&by=KEYS[&public=1][&school=CODE][&refresh=N] for `user`. `counted`
 * is when the figures were counted (server time); `live` says the chosen round is in its voting
 * phase, when the page counts again every `refreshSeconds` (with JavaScript) or on its refresh link
 * (`refreshHref`, the same URL). `query` names the figures asked for, so that the page never shows
 * a refresh of other figures than the ones chosen.
 */
export async function loadTurnoutPage(user: Actor, url: URL, locale: Locale) {
  const { t } = i18nFor(locale);
  const { round, options } = await loadChosenRound(url, locale);
  const parsed = parseTurnoutKeys(url.searchParams.get("by") ?? DEFAULT_TURNOUT_KEYS.join(","));
  const keys = parsed.ok ? parsed.keys : [...DEFAULT_TURNOUT_KEYS];
  const by = keys.join(",");
  const grouping: GroupingId | null = TURNOUT_GROUPINGS.find((g) => g.keys.join(",") === by)?.id ?? null;
  // Those who may not see exact figures see the public ones, without being asked.
  const isStaff = !canSeeTurnout(user, { exact: true });
  const isPublic = isStaff || url.searchParams.get("public") === "1";
  const schoolCode = url.searchParams.get("school") || null;
  const canImport = can(user, "enrolment:import");
  const base = { roundOptions: options, by, grouping, isPublic, isStaff, canImport, schoolCode, query: url.search, refreshHref: `${url.pathname}${url.search}` };
  if (!round) return { ...base, round: null, view: null };

  const scope = await requestScope(db, user, schoolCode, !isPublic);
  // The figures include every vote committed before this moment.
  const countedAt = new Date();
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
      ? { key: "live" as const }
      : state === "counting" || state === "results"
        ? { key: "final" as const }
        : { key: "notStarted" as const, date: formatDay(round.votingStart, locale) };

  return {
    ...base,
    round: { slug: round.slug, name: localName(round, locale) },
    view: {
      status,
      live: state === "voting",
      refreshSeconds: refreshSecondsOf(url),
      counted: { at: countedAt.toISOString(), time: helsinkiClock(countedAt, locale) },
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

export type TurnoutPage = Awaited<ReturnType<typeof loadTurnoutPage>>;

/** The enrolment form's answer: a reply (with its status) to show on the page. */
export type ImportAnswer = { reply: FormReply; status: number };

/** A refusal keeps the pasted text, to correct it in place. */
function refused(formData: FormData, refusal: Refusal): ImportAnswer {
  return { reply: replyTo(formData, ["csv"], [], { formError: refusal.error }), status: refusal.status };
}

/** A file or paste that is not UTF-8 text: 400, the message on its field, the pasted text kept. */
function refusedEncoding(formData: FormData, field: "file" | "csv", problem: EncodingProblem, file: string): ImportAnswer {
  const key = field === "file" ? (problem.kind === "utf-16" ? "turnout.import.encoding.fileUtf16" : problem.kind === "latin-1" ? "turnout.import.encoding.fileLatin1" : "turnout.import.encoding.fileMojibake") : "turnout.import.encoding.pasted";
  return { reply: replyTo(formData, ["csv"], [], { fieldErrors: { [field]: { key, values: { line: problem.line, file } } } }), status: 400 };
}

/**
 * The enrolment import on /turnout (the same as `import-enrolment --round SLUG FILE.csv`): a file
 * or pasted CSV text, at most 2 MB; all rows are imported, or none. `done` is the translated summary.
 */
export async function importEnrolmentForm(request: Request, actorId: string, locale: Locale): Promise<ImportAnswer> {
  let formData: FormData;
  try {
    formData = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }))
      : await readForm(request, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || (error instanceof Response && error.status === 413)) {
      return refused(new FormData(), refuse(413, "turnout.import.tooLarge"));
    }
    throw error instanceof Response ? error : new Response("Bad request", { status: 400 });
  }
  if (formData.get("intent") !== "import") throw new Response("Bad request", { status: 400 });
  const round = String(formData.get("round") ?? "");
  const upload = formData.get("file");
  let file = "pasted text";
  let text = String(formData.get("csv") ?? "");
  // Strict UTF-8 (decision 017): a file in another encoding, or a paste of a file opened in the
  // wrong one, is refused on its field with the line and the fix, never stored mis-decoded.
  if (upload && typeof upload !== "string" && upload.size > 0) {
    file = upload.name || "file.csv";
    const decoded = decodeText(new Uint8Array(await upload.arrayBuffer()));
    if (!decoded.ok) return refusedEncoding(formData, "file", problemOf(decoded), file);
    text = decoded.text;
  } else {
    const checked = checkText(text);
    if (!checked.ok) return refusedEncoding(formData, "csv", problemOf(checked), file);
  }
  if (!text.trim()) return refused(formData, refuse(400, "turnout.import.empty"));
  try {
    const table = readEnrolmentCsv(file, text);
    const counts = await importEnrolment(db, round, file, table, actorId);
    return { reply: replyTo(formData, [], [], { done: i18nFor(locale).t("turnout.import.done", counts) }), status: 200 };
  } catch (error) {
    if (error instanceof Error) {
      const { t } = i18nFor(locale);
      const message = enrolmentProblemText(error, (key, values) => t(key as never, values as never) as unknown as string);
      return refused(formData, refuse(400, "turnout.import.failed", undefined, { message }));
    }
    throw error;
  }
}

function badRequest(message: string): Response {
  return new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * GET /turnout/export?round=SLUG&by=KEYS&format=csv|json|xlsx[&public=1][&school=CODE] as a
 * download. Staff asking for exact figures, or for a school they do not serve, get 403.
 */
export async function turnoutDownload(user: Actor, url: URL): Promise<Response> {
  const isPublic = url.searchParams.get("public") === "1";
  if (!canSeeTurnout(user, { exact: !isPublic })) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  const format = url.searchParams.get("format") ?? "csv";
  if (!isTurnoutFormat(format)) return badRequest("format must be csv, json or xlsx");
  const keys = parseTurnoutKeys(url.searchParams.get("by") ?? "type,language");
  if (!keys.ok) return badRequest(`by: ${keys.message}`);
  const slug = url.searchParams.get("round") ?? "";
  const round = await db.round.findUnique({ where: { slug } });
  if (!round) return new Response("No such round\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const scope = await requestScope(db, user, url.searchParams.get("school") || null, !isPublic);
  const { table } = await loadTurnout(db, round, keys.keys, scope);
  const body = await turnoutFile({ round: round.slug, table: publishTable(table, isPublic), generatedAt: new Date() }, format);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${turnoutFilename(round.slug, keys.keys, isPublic, format)}"`,
      "Cache-Control": "no-store",
    },
  });
}
