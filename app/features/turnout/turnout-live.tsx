// Live figures on /turnout (docs/decisions/005, "Live figures"). The page always says when its figures
// were counted; while the chosen round is in its voting phase it has a plain "Refresh figures" link
// to the same URL (no JavaScript needed, no meta refresh), and with JavaScript it counts again every
// `refreshSeconds` while the tab is visible, by loading only this route's loader with a fetcher (the
// same query string), and updates the table and chart in place. A polite live region announces just
// "Figures updated at 10.43" when the figures changed (or when asked with the link), never the table;
// focus and scroll stay where they are. The updates can be paused (WCAG 2.2.2).
import { useFetcher, useLocation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "~/shared/i18n/react";

/** What the hook needs of the page's data (turnout-page.server.ts). */
export interface LiveTurnoutData {
  query: string;
  refreshHref: string;
  view: { live: boolean; refreshSeconds: number; counted: { at: string; time: string }; rows: unknown; total: unknown } | null;
}

/**
 * The figures to show: the loader's, or a newer count of the same query by the fetcher. Runs the
 * timer while voting is open, the tab is visible and the user has not paused it.
 */
export function useLiveTurnout<T extends LiveTurnoutData>(loaded: T) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  const location = useLocation();
  const [paused, setPaused] = useState(false);
  // The pause button and the in-place refresh exist only once JavaScript runs.
  const hydrated = useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );
  const [announcement, setAnnouncement] = useState("");
  // The fetcher loads the same route, so its data has the loader's shape.
  const fetched = fetcher.data as T | undefined;
  const current = fetched?.view && loaded.view && fetched.query === loaded.query && fetched.view.counted.at > loaded.view.counted.at ? fetched : loaded;
  const seconds = current.view?.live ? current.view.refreshSeconds : null;
  const href = `${location.pathname}${location.search}`;

  const load = useRef(fetcher.load);
  const busy = useRef(false);
  const lastLoad = useRef(0);
  const manual = useRef(false);
  useEffect(() => {
    load.current = fetcher.load;
    busy.current = fetcher.state !== "idle";
  });
  useEffect(() => {
    lastLoad.current = Date.now();
  }, []);

  const refresh = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    lastLoad.current = Date.now();
    load.current(href);
  }, [href]);

  useEffect(() => {
    if (!seconds || paused) return;
    const period = seconds * 1000;
    const tick = () => {
      if (document.visibilityState === "visible") refresh();
    };
    // Resumed, or back on a tab that missed a count: count now.
    if (Date.now() - lastLoad.current >= period) tick();
    const timer = window.setInterval(tick, period);
    const onVisibility = () => {
      if (document.visibilityState === "visible" && Date.now() - lastLoad.current >= period) tick();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [seconds, paused, refresh]);

  // Announce a refresh whose figures differ (or one asked for); a navigation only sets the baseline.
  const signature = current.view ? JSON.stringify([current.view.rows, current.view.total]) : "";
  const countedTime = current.view?.counted.time ?? "";
  const countedAt = current.view?.counted.at ?? "";
  const fromFetcher = current === fetched;
  const baseline = useRef(signature);
  useEffect(() => {
    if (fromFetcher && (signature !== baseline.current || manual.current)) {
      // Emptied first, so that the same words twice in a minute are announced again.
      const text = t("turnout.updated", { time: countedTime });
      window.setTimeout(() => setAnnouncement(""), 0);
      window.setTimeout(() => setAnnouncement(text), 150);
    }
    manual.current = false;
    baseline.current = signature;
  }, [signature, countedAt, countedTime, fromFetcher, t]);

  return {
    data: current,
    live: seconds !== null,
    seconds: seconds ?? 0,
    hydrated,
    paused,
    togglePaused: () => setPaused((p) => !p),
    refreshNow: () => {
      manual.current = true;
      refresh();
    },
    announcement,
  };
}

/** "Counted at 10.42", the refresh link while voting, and (with JavaScript) the pause button. */
export function CountedAt(props: { live: ReturnType<typeof useLiveTurnout>; time: string; refreshHref: string }) {
  const { t } = useTranslation();
  const { live } = props;
  return (
    <div className="turnout-live">
      <p className="flush">
        {t("turnout.counted", { time: props.time })}
        {live.live ? (
          <>
            {" "}
            <a
              href={props.refreshHref}
              onClick={(event) => {
                // With JavaScript, count again in place (focus and scroll stay); without it, reload the page.
                if (!live.hydrated || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                event.preventDefault();
                live.refreshNow();
              }}
            >
              {t("turnout.refresh")}
            </a>
          </>
        ) : null}
      </p>
      {live.live && live.hydrated ? (
        <p className="turnout-live__controls">
          <span>{live.paused ? t("turnout.paused") : t("turnout.autoNote", { seconds: live.seconds })}</span>
          <button type="button" className="button button--secondary button--small" onClick={live.togglePaused}>
            {live.paused ? t("turnout.resume") : t("turnout.pause")}
          </button>
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {live.announcement}
      </p>
    </div>
  );
}
