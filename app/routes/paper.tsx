import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, Fieldset, Notice, useReplyMessages } from "~/shared/fields";
import { picksFromForm } from "~/features/voting/ballot";
import { requirePermission } from "~/features/access/guard.server";
import { refusedReply, replyTo, type FormReply, type Message } from "~/shared/forms";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { readForm } from "~/server/request.server";
import { castBallot } from "~/features/voting/vote.server";
import { findPaperPupil, paperBallotView, paperRefusal, type PaperBallotView } from "~/features/voting/paper-entry.server";

export const meta: MetaFunction = titled("paper.title");

// The page carries a pupil's sign-in code: never keep it in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "paper:enter");
  return null;
}

/** The form's reply, with the pupil's ballot next to it once their code was found. */
type PaperReply = FormReply & { ballot?: PaperBallotView };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "paper:enter");
  const locale = await getLocale(request);
  const formData = await readForm(request);
  const typed = String(formData.get("code") ?? "");
  const intent = formData.get("intent");

  // The typed code is never sent back (FormReply keeps no codes).
  const pupil = await findPaperPupil(user, typed);
  if (!pupil.ok) return data<PaperReply>(refusedReply(pupil, formData, []), { status: pupil.status });
  const ballot = await paperBallotView(pupil.found, typed.trim(), locale);
  if (intent !== "save") return data<PaperReply>({ ...replyTo(formData, []), ballot });

  const result = await castBallot(pupil.found.voter, picksFromForm(formData.entries()), "paper", user.id);
  // Staff never see a receipt: the ballot is the pupil's, and its receipt would let one find it again.
  if (result.ok) return data<PaperReply>(replyTo(formData, [], [], { done: true }));
  const { status, fieldErrors, formError } = paperRefusal(result.refusal, locale);
  const picks = ballot.areas.map((area) => `pick:${area.area}`);
  return data<PaperReply>({ ...replyTo(formData, [], picks, { fieldErrors, formError }), ballot }, { status });
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
  const picked = new Set(Object.values(result?.lists ?? {}).flat());
  const translate = (m: Message) => t(m.key as never, m.values as never) as unknown as string;
  return (
    <div className="page page--narrow">
      <h1>{t("paper.title")}</h1>
      <p>{t("paper.intro")}</p>
      {result?.done ? <Notice tone="success">{t("paper.saved")}</Notice> : null}
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
        </Form>
      ) : (
        <CodeStep error={messages.fields.code} />
      )}
    </div>
  );
}
