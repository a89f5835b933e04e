import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "~/shared/i18n/react";
import { ErrorSummary, Field, Fieldset, Notice, useReplyMessages } from "~/shared/fields";
import { picksFromForm } from "~/features/voting/ballot";
import { PAPER_CODE_MAX, paperCodeSchema } from "~/features/voting/paper";
import { requirePermission } from "~/features/access/guard.server";
import { parseForm, refusedReply, replyTo, type FormReply, type Message } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { castBallot } from "~/features/voting/vote.server";
import { checkPaperCode, paperBallotView, paperRefusal, type PaperBallotView } from "~/features/voting/paper-entry.server";
import { pageStrings } from "~/shared/i18n/strings.server";

export const meta: MetaFunction = titled("paper.title");

// The page carries a pupil's sign-in code: never keep it in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "paper:enter");
  return { strings: pageStrings(await getLocale(request), ["areas", "forms", "images", "moderation", "paper", "phases", "projects", "proposals", "roundAdmin", "statuses", "vote"]) };
}

/** The form's reply, with the pupil's ballot next to it once their code passed the check. */
type PaperReply = FormReply & { ballot?: PaperBallotView };

// The typed code comes back in a refused check so staff can correct a typo; the page is never cached.
const KEEP = ["code"] as const;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "paper:enter");
  const locale = await getLocale(request);
  const formData = await readForm(request);
  const parsed = parseForm(formData, paperCodeSchema, KEEP);
  if (!parsed.ok) return data<PaperReply>(parsed.reply, { status: 400 });
  const { intent, code } = parsed.value;

  // Step 1, and again before saving: the code works, the pupil is ours, and nobody voted for them yet.
  const pupil = await checkPaperCode(user, code, locale);
  if (!pupil.ok) return data<PaperReply>(refusedReply(pupil, formData, KEEP), { status: pupil.status });
  const ballot = await paperBallotView(pupil.found, code, locale);
  if (intent !== "save") return data<PaperReply>({ ...replyTo(formData, []), ballot });

  // Step 2: castBallot checks everything again inside its transaction (a vote cast meanwhile is refused).
  const result = await castBallot(pupil.found.voter, picksFromForm(formData.entries()), "paper", user.id);
  // Staff never see a receipt: the ballot is the pupil's, and its receipt would let one find it again.
  if (result.ok) return data<PaperReply>(replyTo(formData, [], [], { done: true }));
  const { status, fieldErrors, formError } = paperRefusal(result.refusal, locale);
  const picks = ballot.areas.map((area) => `pick:${area.area}`);
  return data<PaperReply>({ ...replyTo(formData, [], picks, { fieldErrors, formError }), ballot }, { status });
}

function CodeStep({ error, typed }: { error?: string; typed?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="form" noValidate aria-labelledby="paper-step">
      <h2 id="paper-step">{t("paper.step", { step: 1 })}</h2>
      <input type="hidden" name="intent" value="check" />
      <Field
        name="code"
        label={t("paper.code")}
        description={t("paper.codeHelp")}
        defaultValue={typed}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={PAPER_CODE_MAX}
        error={error}
        isRequired
      />
      <Button type="submit" className="button">
        {t("paper.find")}
      </Button>
    </Form>
  );
}

export default function Paper() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const messages = useReplyMessages(result);
  const ballot = result?.ballot;
  const picked = new Set(Object.values(result?.lists ?? {}).flat());
  const translate = (m: Message) => t(m.key as never, m.values as never) as unknown as string;
  // With JavaScript the page is not reloaded between the steps: move the focus to the new step's heading.
  const stepHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (ballot && navigation.state === "idle" && !Object.keys(result?.fieldErrors ?? {}).length && !result?.formError) stepHeading.current?.focus();
  }, [ballot, navigation.state, result]);
  return (
    <div className="page page--narrow">
      <h1>{t("paper.title")}</h1>
      <p>{t("paper.intro")}</p>
      {result?.done ? <Notice tone="success">{t("paper.saved")}</Notice> : null}
      <ErrorSummary {...messages} />
      {ballot ? (
        <Form method="post" className="form" noValidate aria-labelledby="paper-pupil">
          <p className="field__description">{t("paper.step", { step: 2 })}</p>
          <h2 id="paper-pupil" tabIndex={-1} ref={stepHeading}>
            {t("paper.forPupil", { pseudonym: ballot.pupil.pseudonym, school: ballot.pupil.school, classLevel: ballot.pupil.classLevel })}
          </h2>
          <Notice tone="success">{t("paper.codeChecked")}</Notice>
          <input type="hidden" name="code" value={ballot.code} />
          <input type="hidden" name="intent" value="save" />
          <p>{t("paper.pickHelp")}</p>
          {ballot.areas.map((area) => {
            const error = messages.fields[`pick-${area.area}`];
            return (
              <Fieldset key={area.area} name={`pick-${area.area}`} legend={t("vote.ballotFor", { area: area.name })} help={translate(area.help)} error={error}>
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
              </Fieldset>
            );
          })}
          <Button type="submit" className="button">
            {t("paper.save")}
          </Button>
          <p>
            <Link to="/paper">{t("paper.otherCode")}</Link>
          </p>
        </Form>
      ) : (
        <CodeStep key={result?.done ? "next" : "code"} error={messages.fields.code} typed={result?.done ? undefined : result?.values.code} />
      )}
    </div>
  );
}
