import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, Notice, useReplyMessages } from "~/shared/fields";
import { areaName, type Locale } from "~/shared/catalog";
import { picksFromForm, type BallotProblem } from "~/features/voting/ballot";
import { formatDay, formatEuros } from "~/shared/locale";
import { canActForSchool } from "~/features/access/permissions";
import { localName } from "~/features/rounds/rounds";
import { requireRole, type SessionUser } from "~/features/access/auth.server";
import type { FormReply, Message } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { castBallot, loadBallot, voterForCode, type VoteRefusal } from "~/features/voting/vote.server";

export const meta: MetaFunction = titled("paper.title");

// The page carries a pupil's sign-in code: never keep it in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const STAFF = ["staff", "coordinator", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF);
  return null;
}

interface BallotView {
  code: string;
  pupil: { pseudonym: string; school: string; classLevel: number };
  areas: { area: string; name: string; help: Message; projects: { id: string; code: string; title: string; cost: string }[] }[];
}

type Reply = FormReply & { saved?: boolean; ballot?: BallotView; picked?: string[] };

function reply(status: number, body: Partial<Reply>) {
  return data<Reply>({ fieldErrors: {}, values: {}, ...body }, { status });
}

/** The pupil behind a typed code, when this staff member may enter their ballot. */
async function pupilFor(user: SessionUser, typed: string) {
  const found = typed.trim() ? await voterForCode(typed) : null;
  if (!found) return { ok: false as const, status: 400, error: { key: "paper.codeUnknown" } };
  if (!canActForSchool(user, found.voter.schoolId)) return { ok: false as const, status: 403, error: { key: "paper.otherSchool" } };
  return { ok: true as const, found };
}

async function ballotView(found: NonNullable<Awaited<ReturnType<typeof voterForCode>>>, code: string, locale: Locale): Promise<BallotView> {
  const ballot = await loadBallot(found.voter);
  const title = (p: { titleFi: string; titleSv: string; titleEn: string }) => ({ fi: p.titleFi, sv: p.titleSv, en: p.titleEn })[locale];
  return {
    code,
    pupil: { pseudonym: found.pupil.displayName, school: localName(found.pupil.school as NonNullable<typeof found.pupil.school>, locale), classLevel: found.voter.classLevel },
    areas: ballot.areas.map((area) => ({
      area,
      name: areaName(area, locale),
      help: (ballot.rules.ballotStyle === "approval"
          ? { key: "vote.approvalHelp", values: { count: ballot.rules.maxPicks ?? ballot.projects.length } }
          : { key: "vote.budgetHelp", values: { budget: formatEuros(ballot.rules.budgets.get(area) ?? 0, locale) } }) as Message,
      projects: ballot.projects
        .filter((p) => p.areaSlug === area)
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .map((p) => ({ id: p.id, code: p.code, title: title(p), cost: formatEuros(p.cost, locale) })),
    })),
  };
}

function problemMessage(problem: BallotProblem, locale: Locale): Message {
  switch (problem.code) {
    case "no-picks":
      return { key: "vote.errors.noPicks" };
    case "duplicate":
      return { key: "vote.errors.duplicate" };
    case "unknown-project":
    case "wrong-area":
      return { key: "vote.errors.unknown" };
    case "area-not-on-ballot":
      return { key: "vote.errors.areaNotOnBallot" };
    case "too-many":
      return { key: "vote.errors.tooMany", values: { area: areaName(problem.area, locale), picked: problem.picked, max: problem.max, extra: problem.picked - problem.max } };
    case "over-budget":
      return {
        key: "vote.errors.overBudget",
        values: { area: areaName(problem.area, locale), total: formatEuros(problem.total, locale), over: formatEuros(problem.total - problem.budget, locale), budget: formatEuros(problem.budget, locale) },
      };
  }
}

/** A refused cast as the form's messages and its HTTP status. */
function refusalReply(refusal: VoteRefusal, locale: Locale): { status: number; fieldErrors: Record<string, Message>; formError?: Message } {
  switch (refusal.code) {
    case "not-voting-phase":
      return { status: 409, fieldErrors: {}, formError: { key: "vote.notVotingPhase", values: { start: formatDay(refusal.start, locale), end: formatDay(refusal.end, locale) } } };
    case "not-eligible":
      return { status: 403, fieldErrors: {}, formError: { key: "paper.notEligible", values: { classLevel: refusal.classLevel, levels: refusal.levels.join(", ") } } };
    case "voted-online":
      return { status: 409, fieldErrors: {}, formError: { key: "vote.votedOnline" } };
    case "already-voted":
      return { status: 409, fieldErrors: {}, formError: { key: "vote.alreadyVoted" } };
    case "voted-on-paper":
      return { status: 409, fieldErrors: {}, formError: { key: "vote.alreadyVoted" } };
    case "invalid": {
      const fieldErrors: Record<string, Message> = {};
      let formError: Message | undefined;
      for (const problem of refusal.problems) {
        const area = problem.code === "too-many" || problem.code === "over-budget" ? problem.area : null;
        if (area) fieldErrors[`pick-${area}`] ??= problemMessage(problem, locale);
        else formError ??= problemMessage(problem, locale);
      }
      return { status: 400, fieldErrors, formError };
    }
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF);
  const locale = await getLocale(request);
  const formData = await readForm(request);
  const typed = String(formData.get("code") ?? "");
  const intent = formData.get("intent");

  const pupil = await pupilFor(user, typed);
  if (!pupil.ok) return reply(pupil.status, { fieldErrors: { code: pupil.error } });
  const view = await ballotView(pupil.found, typed.trim(), locale);
  if (intent !== "save") return reply(200, { ballot: view });

  const picks = picksFromForm(formData.entries());
  const result = await castBallot(pupil.found.voter, picks, "paper", user.id);
  // Staff never see a receipt: the ballot is the pupil's, and its receipt would let one find it again.
  if (result.ok) return reply(200, { saved: true });
  const { status, fieldErrors, formError } = refusalReply(result.refusal, locale);
  return reply(status, { ballot: view, picked: [...picks.values()].flat(), fieldErrors, formError });
}

function CodeStep({ error }: { error?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="find" />
      <Field name="code" label={t("paper.code")} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={64} error={error} isRequired />
      <Button type="submit" className="button">
        {t("paper.find")}
      </Button>
    </Form>
  );
}

export default function Paper() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const messages = useReplyMessages(result);
  const ballot = result?.ballot;
  const picked = new Set(result?.picked ?? []);
  const translate = (m: Message) => t(m.key as never, m.values as never) as unknown as string;
  return (
    <div className="page page--narrow">
      <h1>{t("paper.title")}</h1>
      <p>{t("paper.intro")}</p>
      {result?.saved ? <Notice tone="success">{t("paper.saved")}</Notice> : null}
      <ErrorSummary {...messages} />
      {ballot ? (
        <Form method="post" className="form" noValidate>
          <h2>{t("paper.forPupil", { pseudonym: ballot.pupil.pseudonym, school: ballot.pupil.school, classLevel: ballot.pupil.classLevel })}</h2>
          <input type="hidden" name="code" value={ballot.code} />
          <input type="hidden" name="intent" value="save" />
          <p>{t("paper.pickHelp")}</p>
          {ballot.areas.map((area) => {
            const error = messages.fields[`pick-${area.area}`];
            return (
              <fieldset key={area.area} id={`field-pick-${area.area}`} aria-describedby={error ? `pick-${area.area}-help pick-${area.area}-error` : `pick-${area.area}-help`}>
                <legend>{t("vote.ballotFor", { area: area.name })}</legend>
                <p id={`pick-${area.area}-help`} className="field__description">
                  {translate(area.help)}
                </p>
                {error ? (
                  <p id={`pick-${area.area}-error`} className="field__error">
                    {error}
                  </p>
                ) : null}
                {area.projects.length === 0 ? <p>{t("vote.noProjects")}</p> : null}
                {area.projects.map((p) => (
                  <label key={p.id} className="checkbox-field">
                    <input type="checkbox" name={`pick:${area.area}`} value={p.id} defaultChecked={picked.has(p.id)} />
                    <span>
                      <strong>{p.code}</strong> {p.title}{" "}
                      <span className="field__description">
                        ({t("vote.cost")} {p.cost})
                      </span>
                    </span>
                  </label>
                ))}
              </fieldset>
            );
          })}
          <Button type="submit" className="button">
            {t("paper.save")}
          </Button>
        </Form>
      ) : (
        <CodeStep error={messages.fields.code} />
      )}
    </div>
  );
}
