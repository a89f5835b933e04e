// The pieces of "following an idea" (docs/domain.md): the box with the short link, its QR code and
// the slip link that proposers see on their idea, the public page's steps, and the print button.
import { useSyncExternalStore } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/shared/i18n/react";

export interface FollowLinkView {
  code: string;
  href: string;
  text: string;
}

const INTL: Record<string, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

/** A day in Helsinki time, in the page's language ("5. joulukuuta 2026"). */
export function formatFollowDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(INTL[locale] ?? "fi-FI", { dateStyle: "long", timeZone: "Europe/Helsinki" }).format(new Date(iso));
}

/** The QR code of the link, from the server (an SVG image; the address is its text alternative). */
export function FollowQr({ link, size = 160 }: { link: FollowLinkView; size?: number }) {
  const { t } = useTranslation();
  return <img className="follow-qr" src={`/i/${link.code}/qr.svg`} width={size} height={size} alt={t("follow.qrAlt", { link: link.text })} />;
}

/** "Follow your idea at …/i/CODE", the QR code and the slip link, on the proposer's own idea. */
export function FollowBox({ link, ideaId }: { link: FollowLinkView; ideaId: string }) {
  const { t } = useTranslation();
  return (
    <section className="follow-box" aria-labelledby="follow-title">
      <h2 id="follow-title">{t("follow.boxTitle")}</h2>
      <div className="follow-box__body">
        <FollowQr link={link} size={128} />
        <div>
          <p>{t("follow.boxText")}</p>
          <p className="follow-link">
            <a href={link.href}>{link.text}</a>
          </p>
          <p>
            <Link to={`/ideas/${ideaId}/slip`} className="button button--secondary">
              {t("follow.printSlip")}
            </Link>
          </p>
        </div>
      </div>
    </section>
  );
}

/** A Print button once JavaScript runs; without it, the hint to use the browser's own command. */
export function PrintButton() {
  const { t } = useTranslation();
  // True once hydrated (the same pattern as the code sheets' print button).
  const ready = useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );
  return ready ? (
    <button type="button" className="button" onClick={() => window.print()}>
      {t("follow.print")}
    </button>
  ) : (
    <p>{t("follow.printHint")}</p>
  );
}
