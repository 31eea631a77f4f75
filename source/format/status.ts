/**
 * The engine's status text ("Up 3 minutes (healthy)") is computed when the list is read, so it
 * goes stale on screen. These turn it into a start time and back, so "Up …" keeps counting.
 */

const UNITS: Array<[RegExp, number]> = [
  [/^Less than a second$/, 0],
  [/^About a minute$/, 60],
  [/^About an hour$/, 3600],
  [/^(\d+) seconds?$/, 1],
  [/^(\d+) minutes?$/, 60],
  [/^(\d+) hours?$/, 3600],
  [/^(\d+) days?$/, 86_400],
  [/^(\d+) weeks?$/, 7 * 86_400],
  [/^(\d+) months?$/, 30 * 86_400],
  [/^(\d+) years?$/, 365 * 86_400],
];

/** Seconds in a duration as Docker words it (go-units HumanDuration), or undefined. */
export function parseHumanDuration(text: string): number | undefined {
  for (const [pattern, unit] of UNITS) {
    const match = pattern.exec(text);
    if (match) return match[1] === undefined ? unit : Number(match[1]) * unit;
  }
  return undefined;
}

/** A duration as Docker words it (go-units HumanDuration). */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (s < 1) return 'Less than a second';
  if (s < 60) return plural(s, 'second');
  const minutes = Math.floor(s / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(s / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return plural(hours, 'hour');
  if (hours < 24 * 7 * 2) return plural(Math.floor(hours / 24), 'day');
  if (hours < 24 * 30 * 2) return plural(Math.floor(hours / 24 / 7), 'week');
  if (hours < 24 * 365 * 2) return plural(Math.floor(hours / 24 / 30), 'month');
  return plural(Math.floor(hours / 24 / 365), 'year');
}

/** When a running container started, estimated from its status text read at `readAt` (s). */
export function upSince(status: string, readAt: number): number | undefined {
  const match = /^Up (.+?)( \(.*\))?$/.exec(status);
  if (!match) return undefined;
  const seconds = parseHumanDuration(match[1]);
  return seconds === undefined ? undefined : readAt - seconds;
}

/** The status text as of `now`: "Up …" counted on from the start time, anything else as read. */
export function liveStatus(status: string, startedAt: number | undefined, now: number): string {
  if (startedAt === undefined) return status;
  const health = /( \(.*\))$/.exec(status)?.[1] ?? '';
  return `Up ${humanDuration(now - startedAt)}${health}`;
}
