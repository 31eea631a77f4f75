/**
 * The Engine API versions we can talk to. dockerode sends unversioned paths, so the engine answers
 * in its own newest version; what we need is a floor: prune and `system df` (API 1.25, Docker
 * 1.13) are the newest endpoints the dashboard cannot do without.
 */

/** The oldest Engine API whalewatch works with, and the Docker release that brought it. */
export const MIN_API_VERSION = {major: 1, minor: 25, docker: '1.13'} as const;

/** Whether an API version ("1.41") is at least major.minor; a version we cannot read is not. */
export function apiAtLeast(version: string, major: number, minor: number): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [a, b] = [Number(match[1]), Number(match[2])];
  return a > major || (a === major && b >= minor);
}

/** An engine older than MIN_API_VERSION; `.message` is the sentence the status bar shows. */
export class EngineTooOldError extends Error {
  constructor(
    readonly version: string,
    readonly apiVersion: string,
  ) {
    const {major, minor, docker} = MIN_API_VERSION;
    super(`Docker ${version || '(unknown version)'} speaks API ${apiVersion || '(none given)'}; whalewatch needs API ${major}.${minor} (Docker ${docker}) or newer: upgrade the engine`);
    this.name = 'EngineTooOldError';
  }
}

/** Throws EngineTooOldError unless the engine's API version is one we can work with. */
export function checkApiVersion(version: string, apiVersion: string): void {
  if (!apiAtLeast(apiVersion, MIN_API_VERSION.major, MIN_API_VERSION.minor)) throw new EngineTooOldError(version, apiVersion);
}
