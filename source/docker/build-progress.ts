/**
 * One message of the legacy builder's JSON stream (POST /build, version 1) turned into what the UI
 * shows: an output line, the step it is at, the built image, or the error. Pure. The text is the
 * build's own output, kept raw: sanitize it before showing.
 */

/** One message of the build stream as the engine sends it (only what we read). */
export type RawBuildMessage = {
  stream?: string;
  status?: string;
  aux?: {ID?: string};
  error?: string;
  errorDetail?: {message?: string; code?: number};
};

/** What one message says. Every field is optional: most messages are only a `line`. */
export type BuildMessage = {
  /**
   * Output text without its trailing newline; blank separator messages give none. One message may
   * hold several lines (a RUN step's output arrives in chunks): split on '\n' to show them.
   */
  line?: string;
  /** On 'Step N/M : …' lines. */
  step?: {n: number; of: number};
  /** The built image: sha256:… from the aux message, or the short id of 'Successfully built …'. */
  imageId?: string;
  /** The build failed with this line (e.g. "The command '/bin/sh -c exit 3' returned a non-zero code: 3"). */
  error?: string;
};

const STEP = /^Step (\d+)\/(\d+) : /;
const BUILT = /^Successfully built ([0-9a-f]{12,64})\s*$/;

/** Reads one message of the build stream; anything unexpected gives an empty object. */
export function parseBuildMessage(message: unknown): BuildMessage {
  if (typeof message !== 'object' || message === null) return {};
  const raw = message as RawBuildMessage;
  const error = raw.error ?? raw.errorDetail?.message;
  if (typeof error === 'string' && error !== '') return {error: error.replace(/\s+$/, '')};
  if (typeof raw.aux?.ID === 'string' && raw.aux.ID !== '') return {imageId: raw.aux.ID};

  // Pulls during a build (FROM of an image not present) come as status messages.
  const text = typeof raw.stream === 'string' ? raw.stream : typeof raw.status === 'string' ? raw.status : '';
  const line = text.replace(/\r?\n$/, '');
  if (line.trim() === '') return {};
  const result: BuildMessage = {line};
  const step = STEP.exec(line);
  if (step) result.step = {n: Number(step[1]), of: Number(step[2])};
  const built = BUILT.exec(line);
  if (built) result.imageId = built[1];
  return result;
}
