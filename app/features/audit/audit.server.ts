// The audit log's queries: the page /audit (50 rows a page, newest first) and the file /audit.csv
// (every matching row, at most CSV_ROW_CAP). Both read only AuditLog and, to name adults and to show
// a round's slug or a school's code, User, Round and School: never Ballot or BallotPick. Pupils are
// never named, and a pupil's account is never a filter choice (app/features/audit/audit.ts).
import type { Locale, Role } from "~/shared/catalog";
import type { Prisma } from "~/generated/prisma/client";
import { helsinkiDay } from "~/features/rounds/phases";
import { db } from "~/server/db.server";
import {
  actionLabelId,
  actorView,
  checkFilterChoices,
  CSV_COLUMNS,
  CSV_ROW_CAP,
  csvCapNote,
  csvFilename,
  csvLine,
  detailText,
  formatAuditTime,
  isPupilSubject,
  PAGE_SIZE,
  parseAuditFilters,
  renderDetail,
  subjectView,
  timeRange,
  type ActionLabelId,
  type AuditRowView,
  type AdultAccount,
  type AuditFilters,
  type FilterField,
  type FilterMessage,
  type FilterValues,
} from "./audit";

/** What the filters offer, read from the log. */
interface Choices {
  /** Every adult account (few: staff, coordinators, admins), by id. */
  adults: Map<string, AdultAccount>;
  /** Distinct actions in the log, sorted. */
  actions: string[];
  /** Adult accounts that appear in the log as actors. */
  accounts: AdultAccount[];
}

async function loadChoices(): Promise<Choices> {
  const adultRows = await db.user.findMany({ where: { role: { not: "pupil" } }, select: { id: true, displayName: true, role: true } });
  const adults = new Map(adultRows.map((u) => [u.id, { id: u.id, displayName: u.displayName, role: u.role as Role }]));
  const [actionRows, actorRows] = await Promise.all([
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    adults.size ? db.auditLog.groupBy({ by: ["actorId"], where: { actorId: { in: [...adults.keys()] } } }) : Promise.resolve([]),
  ]);
  const accounts = actorRows
    .map((r) => (r.actorId ? adults.get(r.actorId) : undefined))
    .filter((a): a is AdultAccount => a !== undefined)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, "fi") || a.id.localeCompare(b.id));
  return { adults, actions: actionRows.map((r) => r.action), accounts };
}

function whereOf(filters: AuditFilters, adults: ReadonlyMap<string, AdultAccount>): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput = {};
  if (filters.action) where.action = filters.action;
  switch (filters.actor.kind) {
    case "system":
      where.actorId = null;
      break;
    case "pupils":
      // Any actor that is not an adult account (pupils are many; adults are few).
      where.actorId = { not: null, notIn: [...adults.keys()] };
      break;
    case "account":
      where.actorId = filters.actor.id;
      break;
    case "any":
      break;
  }
  const range = timeRange(filters);
  if (range.gte || range.lt) where.at = range;
  return where;
}

type Checked = { ok: true; filters: AuditFilters; values: FilterValues; choices: Choices } | { ok: false; errors: Partial<Record<FilterField, FilterMessage>>; values: FilterValues; choices: Choices };

async function checkedFilters(url: URL): Promise<Checked> {
  const choices = await loadChoices();
  const parsed = parseAuditFilters(url.searchParams);
  if (!parsed.ok) return { ...parsed, choices };
  const errors = checkFilterChoices(parsed.filters, { actions: choices.actions, accountIds: choices.accounts.map((a) => a.id) });
  if (Object.keys(errors).length) return { ok: false, errors, values: parsed.values, choices };
  return { ...parsed, choices };
}

/** Round slugs and school codes of the rows' subjects (one query each, for the ids on the page). */
async function subjectNames(rows: ReadonlyArray<{ subjectType: string; subjectId: string | null }>): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type && r.subjectId).map((r) => r.subjectId as string))];
  const roundIds = ids("round");
  const schoolIds = ids("school");
  const [rounds, schools] = await Promise.all([
    roundIds.length ? db.round.findMany({ where: { id: { in: roundIds } }, select: { id: true, slug: true } }) : Promise.resolve([]),
    schoolIds.length ? db.school.findMany({ where: { id: { in: schoolIds } }, select: { id: true, code: true } }) : Promise.resolve([]),
  ]);
  return new Map([...rounds.map((r) => [`round:${r.id}`, r.slug] as const), ...schools.map((s) => [`school:${s.id}`, s.code] as const)]);
}

export interface AuditPage {
  status: number;
  values: FilterValues;
  errors: Partial<Record<FilterField, FilterMessage>>;
  actions: Array<{ value: string; labelId: ActionLabelId | null }>;
  accounts: Array<{ id: string; name: string; role: Role }>;
  /** null when the filters were refused. */
  result: null | { total: number; page: number; pages: number; first: number; last: number; rows: AuditRowView[] };
}

/** The data of /audit?action=&actor=&from=&to=&page=. Refused filters: status 400 with the errors, and no rows. */
export async function loadAuditPage(url: URL, locale: Locale): Promise<AuditPage> {
  const checked = await checkedFilters(url);
  const { choices, values } = checked;
  const actions = [...new Set([...choices.actions, ...(checked.ok && checked.filters.action ? [checked.filters.action] : [])])]
    .sort()
    .map((value) => ({ value, labelId: actionLabelId(value) }));
  const accounts = choices.accounts.map((a) => ({ id: a.id, name: a.displayName, role: a.role }));
  if (!checked.ok) return { status: 400, values, errors: checked.errors, actions, accounts, result: null };

  const where = whereOf(checked.filters, choices.adults);
  const total = await db.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(checked.filters.page, pages);
  const rows = await db.auditLog.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  const names = await subjectNames(rows);
  return {
    status: 200,
    values,
    errors: {},
    actions,
    accounts,
    result: {
      total,
      page,
      pages,
      first: total ? (page - 1) * PAGE_SIZE + 1 : 0,
      last: (page - 1) * PAGE_SIZE + rows.length,
      rows: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        time: formatAuditTime(r.at, locale),
        actor: actorView(r.actorId, choices.adults),
        action: r.action,
        actionLabel: actionLabelId(r.action),
        subject: subjectView(r, names, choices.adults),
        detail: renderDetail(r.detail),
      })),
    },
  };
}

const BATCH = 5_000;

function csvRow(row: { at: Date; actorId: string | null; action: string; subjectType: string; subjectId: string | null; detail: string }, adults: ReadonlyMap<string, AdultAccount>): string {
  const actor = actorView(row.actorId, adults);
  // A pupil subject keeps its type but not its id: the file cannot follow one pupil either.
  const pupilSubject = isPupilSubject(row, adults);
  return csvLine([
    row.at.toISOString(),
    actor.kind === "adult" ? actor.role : actor.kind,
    actor.kind === "adult" ? actor.name : "",
    row.action,
    row.subjectType,
    pupilSubject ? "" : (row.subjectId ?? ""),
    detailText(renderDetail(row.detail)),
  ]);
}

/**
 * GET /audit.csv with the page's filters: UTF-8 with a byte-order mark, CRLF line ends, newest first,
 * columns at (ISO instant, UTC), actor_role (system, pupil, staff, coordinator, admin), actor_name
 * (adults only), action, subject_type, subject_id (empty for a pupil), detail (as on the page). At
 * most CSV_ROW_CAP rows; a capped file starts with a "# capped: …" line. Refused filters: 400 with
 * the translated messages as plain text.
 */
export async function auditCsv(url: URL, translate: (m: FilterMessage) => string): Promise<Response> {
  const checked = await checkedFilters(url);
  if (!checked.ok) {
    const lines = Object.values(checked.errors).map(translate);
    return new Response(`${lines.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const { adults } = checked.choices;
  const where = whereOf(checked.filters, adults);
  const total = await db.auditLog.count({ where });
  const encoder = new TextEncoder();
  let written = 0;
  let after: { at: Date; id: string } | null = null;
  // Streamed in batches from the newest down, each continuing below the last row sent: memory stays
  // small, and rows written meanwhile (newer than the first) do not shift the batches.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${total > CSV_ROW_CAP ? csvCapNote(total) : ""}${csvLine(CSV_COLUMNS)}`));
    },
    async pull(controller) {
      const take = Math.min(BATCH, CSV_ROW_CAP - written);
      const batchWhere: Prisma.AuditLogWhereInput = after ? { AND: [where, { at: { lte: after.at } }, { NOT: { at: after.at, id: { gte: after.id } } }] } : where;
      const rows = take > 0 ? await db.auditLog.findMany({ where: batchWhere, orderBy: [{ at: "desc" }, { id: "desc" }], take }) : [];
      if (rows.length) controller.enqueue(encoder.encode(rows.map((row) => csvRow(row, adults)).join("")));
      written += rows.length;
      const last = rows[rows.length - 1];
      if (!last || rows.length < take || written >= CSV_ROW_CAP) controller.close();
      else after = { at: last.at, id: last.id };
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFilename(helsinkiDay())}"`,
      "Cache-Control": "no-store",
    },
  });
}
