import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import { BallotFields } from "~/features/voting/ballot-ui";
import { ProjectDescription, ProjectPicture } from "~/features/proposals/project-media";
import { ErrorSummary, Notice, useMessageText } from "~/shared/messages";
import { picksFromForm } from "~/features/voting/ballot";
import type { Locale } from "~/shared/catalog";
import { formatEuros } from "~/shared/locale";
import { requireAllowed, requirePermission } from "~/features/access/guard.server";
import { ballotPage, problemMessage, refusalMessage, voterOf } from "~/features/voting/ballot-page.server";
import type { Message } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { receiptCookie } from "~/features/voting/receipt-cookie.server";
import { readForm } from "~/server/request.server";
import { castBallot, checkPicks, loadBallot } from "~/features/voting/vote.server";
import { pageStrings } from "~/shared/i18n/strings.server";
import { isStorageFailure } from "~/server/sql.server";

export const meta: MetaFunction = titled("vote.title");

/** A pupil who may vote, with their round, school and class (403 without them). */
async function requireVoter(request: Request) {
  const user = await requirePermission(request, "vote:cast");
  const voter = await voterOf(user);
  requireAllowed(voter !== null);
  return voter as NonNullable<typeof voter>;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const voter = await requireVoter(request);
  return { ...(await ballotPage(voter, await getLocale(request))), strings: pageStrings(await getLocale(request), ["areas", "forms", "images", "moderation", "phases", "projects", "proposals", "roundAdmin", "sectors", "statuses", "vote"]) };
}

type Reply = {
  step: "form" | "review";
  picks: Record<string, string[]>;
  errors: Message[];
  totals?: Array<{ area: string; picked: number; total: number; budget: number; left: number }>;
};

export async function action({ request }: ActionFunctionArgs) {
  const voter = await requireVoter(request);
  const locale = await getLocale(request);
  const formData = await readForm(request);
  const picks = picksFromForm(formData.entries());
  const picksObject = Object.fromEntries(picks);
  const intent = formData.get("intent");
  if (intent === "change") return data<Reply>({ step: "form", picks: picksObject, errors: [] });

  if (intent === "cast") {
    let result: Awaited<ReturnType<typeof castBallot>>;
    try {
      result = await castBallot(voter, picks, "online", voter.userId);
    } catch (error) {
      // A full disk or a read-only database: nothing was stored; say so instead of the error page.
      if (!isStorageFailure(error)) throw error;
      console.error(`cast not saved: ${(error as { code?: string }).code}: ${(error as Error).message}`);
      return data<Reply>({ step: "form", picks: picksObject, errors: [{ key: "vote.errors.notSaved" }] }, { status: 503 });
    }
    if (!result.ok) {
      const status = result.refusal.code === "invalid" ? 400 : result.refusal.code === "not-eligible" ? 403 : 409;
      const errors = result.refusal.code === "invalid" ? result.refusal.problems.map((p) => problemMessage(p, locale)) : [refusalMessage(result.refusal, locale)];
      return data<Reply>({ step: "form", picks: picksObject, errors }, { status });
    }
    const cookie = await receiptCookie.serialize({ receipt: result.receipt, at: result.votedAt.toISOString() });
    return redirect("/vote/receipt", { headers: { "Set-Cookie": cookie } });
  }

  // Review: the server checks the picks and computes the totals (this is the no-JavaScript path too).
  const ballot = await loadBallot(voter);
  const { problems, totals } = checkPicks(ballot, picks);
  if (problems.length) {
    return data<Reply>({ step: "form", picks: picksObject, errors: problems.map((p) => problemMessage(p, locale)) }, { status: 400 });
  }
  return data<Reply>({ step: "review", picks: picksObject, errors: [], totals });
}

export default function Vote() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const text = useMessageText();
  // A recast starts from the voter's own last ballot.
  const picks = reply?.picks ?? page.earlier;
  const votedAt = page.voted ? new Intl.DateTimeFormat({ fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[locale], { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Helsinki" }).format(new Date(page.voted.at)) : null;
  const errors = reply?.errors ?? [];

  if (reply?.step === "review") {
    return (
      <div className="page page--narrow">
        <h1>{t("vote.reviewTitle")}</h1>
        <p>{t("vote.reviewIntro")}</p>
        <Form method="post" className="form">
          {page.areas.map((area) => {
            const chosen = area.projects.filter((p) => (picks[area.slug] ?? []).includes(p.id));
            const totals = reply.totals?.find((x) => x.area === area.slug);
            return (
              <section key={area.slug} className="review" aria-labelledby={`review-${area.slug}`}>
                <h2 id={`review-${area.slug}`}>{t("vote.ballotFor", { area: t(`areas.${area.slug}`) })}</h2>
                {chosen.length ? (
                  <ul>
                    {chosen.map((p) => (
                      <li key={p.id} className="review__project">
                        <ProjectPicture picture={p.media.picture} className="review__picture" />
                        {p.title} ({formatEuros(p.cost, locale)})
                        <ProjectDescription media={p.media} title={p.title} compact />
                        <input type="hidden" name={`pick:${area.slug}`} value={p.id} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>{t("vote.nothingPicked")}</p>
                )}
                {totals ? (
                  <p>
                    {page.style === "approval"
                      ? t("vote.picked", { count: totals.picked, max: page.maxPicks })
                      : `${t("vote.total")}: ${formatEuros(totals.total, locale)} · ${t("vote.budgetLeft", { left: formatEuros(totals.left, locale), budget: formatEuros(totals.budget, locale) })}`}
                  </p>
                ) : null}
              </section>
            );
          })}
          <div className="button-row">
            <button type="submit" name="intent" value="cast" className="button">
              {t("vote.cast")}
            </button>
            <button type="submit" name="intent" value="change" className="button button--secondary">
              {t("vote.change")}
            </button>
          </div>
        </Form>
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <h1>{t("vote.title")}</h1>
      <p>{t("vote.intro")}</p>
      {votedAt && page.voted?.method === "online" ? <Notice tone="success">{t("vote.youVoted", { date: votedAt })}</Notice> : null}
      {votedAt && page.voted?.method === "paper" ? <Notice>{t("vote.youVotedPaper", { date: votedAt })}</Notice> : null}
      {page.refusal ? (
        <Notice>{text(page.refusal)}</Notice>
      ) : (
        <>
          <ErrorSummary fields={{}} form={errors.length ? errors.map(text).join(" ") : undefined} />
          <Form method="post" className="form ballot-form">
            <BallotFields data={page} picks={picks} />
            <button type="submit" name="intent" value="review" className="button">
              {t("vote.review")}
            </button>
          </Form>
        </>
      )}
      <p className="page__aside">
        <Link to="/vote/check">{t("vote.checkLink")}</Link>
      </p>
    </div>
  );
}
