/**
 * Ages for a narrow column: one number and a unit, at most 4 characters ("5s", "3m", "2h", "4d",
 * "3w", "5mo", "2y"). The thresholds follow go-units HumanDuration (what `docker ps` uses for
 * "Up 3 weeks"): days until 2 weeks, weeks until 2 months, months until 2 years.
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/**
 * How long ago, from a number of seconds. A negative age (the engine's clock ahead of ours) shows
 * as "0s"; a missing one as "—".
 */
export function formatAge(secondsAgo: number | undefined): string {
  if (secondsAgo === undefined || !Number.isFinite(secondsAgo)) return '—';
  const s = Math.max(0, Math.floor(secondsAgo));
  if (s < MINUTE) return `${s}s`;
  if (s < HOUR) return `${Math.floor(s / MINUTE)}m`;
  if (s < DAY) return `${Math.floor(s / HOUR)}h`;
  if (s < 2 * WEEK) return `${Math.floor(s / DAY)}d`;
  if (s < 2 * MONTH) return `${Math.floor(s / WEEK)}w`;
  if (s < 2 * YEAR) return `${Math.floor(s / MONTH)}mo`;
  return `${Math.floor(s / YEAR)}y`;
}

/** Age of something created at `epochSeconds` (as the engine's `Created`), seen at `nowMs`. */
export function formatAgeSince(epochSeconds: number | undefined, nowMs: number = Date.now()): string {
  if (epochSeconds === undefined) return '—';
  return formatAge(nowMs / 1000 - epochSeconds);
}
