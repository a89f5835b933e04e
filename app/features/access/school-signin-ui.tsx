// The school-account pieces of the sign-in pages (docs/mpassid.md): the button(s) and the page that
// explains a failed sign-in. Plain links, so they work without JavaScript.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";
import type { SchoolSignInProblemKey } from "./strings";

export interface SchoolSignInButton {
  id: string;
  href: string;
  /** The city's own label for this provider, else the translated default. */
  label: string | null;
}

/** "Sign in with your school account", one per configured provider; nothing when none is. */
export function SchoolSignInButtons({ buttons, redirectTo, showOr = true }: { buttons: SchoolSignInButton[]; redirectTo?: string | null; showOr?: boolean }) {
  const { t } = useTranslation();
  if (!buttons.length) return null;
  const withReturn = (href: string) => {
    if (!redirectTo) return href;
    return `${href}${href.includes("?") ? "&" : "?"}redirectTo=${encodeURIComponent(redirectTo)}`;
  };
  return (
    <section className="school-signin" aria-labelledby="school-signin-help">
      <p id="school-signin-help">{t("schoolSignIn.buttonHelp")}</p>
      <ul className="school-signin__buttons">
        {buttons.map((b) => (
          <li key={b.id}>
            <Link to={withReturn(b.href)} className="button" reloadDocument>
              {b.label ?? t("schoolSignIn.button")}
            </Link>
          </li>
        ))}
      </ul>
      {showOr ? <p className="school-signin__or">{t("schoolSignIn.or")}</p> : null}
    </section>
  );
}

/** The stable address of a problem page (the callback itself is one-time: reloading it fails differently). */
export function problemPath(problem: SchoolSignInProblemKey, returnTo: string): string {
  const query = new URLSearchParams({ reason: problem });
  if (returnTo && returnTo !== "/") query.set("returnTo", returnTo);
  return `/login/school/problem?${query}`;
}

/**
 * Route `handle` of the pages that may show a problem at a one-time address (the callback, the
 * school choice): the language switcher returns to the stable problem page instead of replaying the
 * callback (whose code is spent) or carrying its code and state into the form.
 */
export const problemPageHandle = {
  languageReturnTo(data: unknown): string | null {
    const d = data as { problem?: SchoolSignInProblemKey | null; returnTo?: string } | undefined;
    return d?.problem ? problemPath(d.problem, d.returnTo ?? "/") : null;
  },
};

/** What went wrong and what to do; nothing was saved. */
export function SchoolSignInProblem({ problem, returnTo }: { problem: SchoolSignInProblemKey; returnTo: string }) {
  const { t } = useTranslation();
  const again = returnTo && returnTo !== "/" ? `/login/school?redirectTo=${encodeURIComponent(returnTo)}` : "/login/school";
  return (
    <div className="page page--narrow">
      <p className="page__kicker">{t("schoolSignIn.problemLead")}</p>
      <h1>{t(`schoolSignIn.problems.${problem}.title`)}</h1>
      <p>{t(`schoolSignIn.problems.${problem}.body`)}</p>
      <p>{t("schoolSignIn.nothingSaved")}</p>
      <ul className="link-list">
        <li>
          <Link to={again} reloadDocument>
            {t("schoolSignIn.tryAgain")}
          </Link>
        </li>
        <li>
          <Link to="/login/code">{t("schoolSignIn.useCode")}</Link>
        </li>
        <li>
          <Link to="/login">{t("schoolSignIn.staffSignIn")}</Link>
        </li>
        <li>
          <Link to="/">{t("schoolSignIn.home")}</Link>
        </li>
      </ul>
    </div>
  );
}
