import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, Notice } from "~/shared/fields";
import { normaliseCode } from "~/features/access/codes";
import type { AreaSlug } from "~/shared/catalog";
import { localName } from "~/features/rounds/rounds";
import { getLocale } from "~/server/locale.server";
import { titled } from "~/shared/meta";
import { localTitle } from "~/features/proposals/proposals.server";
import { readForm } from "~/server/request.server";
import { ballotsForReceipt } from "~/features/voting/vote.server";

export const meta: MetaFunction = titled("vote.checkTitle");

/**
 * Anyone holding a receipt can see that ballot, and nothing else: the receipt is the only link
 * between a voter and their ballot, and only the voter has it.
 */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const locale = await getLocale(request);
  const typed = String(formData.get("receipt") ?? "");
  if (!normaliseCode(typed)) return data({ malformed: true, found: null }, { status: 400 });
  const ballots = await ballotsForReceipt(typed);
  if (!ballots) return data({ malformed: false, found: null }, { status: 404 });
  return data({
    malformed: false,
    found: ballots.map((b) => ({
      round: localName(b.round, locale),
      area: b.areaSlug as AreaSlug,
      projects: b.picks.map((p) => `${p.project.code} ${localTitle(p.project, locale)}`).sort(),
    })),
  });
}

export default function CheckReceipt() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  return (
    <div className="page page--narrow">
      <h1>{t("vote.checkTitle")}</h1>
      <p>{t("vote.checkIntro")}</p>
      <ErrorSummary fields={reply?.malformed ? { receipt: t("vote.errors.receiptMalformed") } : {}} />
      {reply && !reply.malformed && !reply.found ? <Notice>{t("vote.checkNone")}</Notice> : null}
      {reply?.found ? (
        <section aria-labelledby="found-title">
          <h2 id="found-title">{t("vote.checkFound")}</h2>
          {reply.found.map((b) => (
            <div key={b.area}>
              <h3>
                {b.round}: {t("vote.ballotFor", { area: t(`areas.${b.area}`) })}
              </h3>
              <ul>
                {b.projects.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      <Form method="post" className="form" noValidate>
        <Field name="receipt" label={t("vote.checkCode")} autoComplete="off" maxLength={64} error={reply?.malformed ? t("vote.errors.receiptMalformed") : undefined} isRequired />
        <Button type="submit" className="button">
          {t("vote.checkSubmit")}
        </Button>
      </Form>
    </div>
  );
}
