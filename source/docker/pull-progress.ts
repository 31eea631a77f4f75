/**
 * The state of an image pull, folded from the engine's progress messages (POST /images/create
 * streams one JSON object per line). Pure: the engine wrapper feeds it, the UI draws the result.
 * Texts are kept raw (they come from a registry): sanitize them before showing.
 */
import type {PullLayer, PullProgress} from './types.js';

/** One message of the pull stream as the engine sends it (only what we read). */
export type RawPullMessage = {
  status?: string;
  /** A layer's short id, or (on 'Pulling from …') the tag being pulled. */
  id?: string;
  progressDetail?: {current?: number; total?: number};
  /** The engine's own text bar, e.g. "[==>   ]  1.2MB/3.4MB"; we compute our own. */
  progress?: string;
  error?: string;
  errorDetail?: {message?: string; code?: number};
};

/** Before the first message. */
export const EMPTY_PULL: PullProgress = Object.freeze({layers: Object.freeze([]) as unknown as PullLayer[], current: 0, total: 0, status: '', done: false});

/** Statuses after which a layer has all its bytes (the messages carry no byte counts). */
const COMPLETE = new Set(['Download complete', 'Pull complete', 'Already exists', 'Verifying Checksum']);

/**
 * Statuses of the pull as a whole, even when they carry an id: 'Pulling from <repo>' comes with
 * the tag as its id, the others with none.
 */
const OVERALL = /^(?:Pulling from |Digest: |Status: |Pulling repository )/;

/** The final line: the image is there (new or already up to date). */
const FINAL = /^Status: /;

const positive = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

function totals(layers: PullLayer[]): {current: number; total: number} {
  let current = 0;
  let total = 0;
  for (const layer of layers) {
    if (layer.total <= 0) continue;
    current += Math.min(layer.current, layer.total);
    total += layer.total;
  }
  return {current, total};
}

/** The next layer state after `status`. Counts never go back: Extracting restarts at 0 bytes in the engine, but the download is done. */
function nextLayer(layer: PullLayer, status: string, detail: RawPullMessage['progressDetail']): PullLayer {
  const total = Math.max(layer.total, positive(detail?.total));
  let current = Math.max(layer.current, positive(detail?.current));
  if (COMPLETE.has(status) || status === 'Extracting') current = total;
  return {id: layer.id, status, current: total > 0 ? Math.min(current, total) : current, total};
}

/**
 * Folds one message into the progress, returning a new object (the input is not changed).
 * Layers appear in the order first seen; a completed layer ('Download complete', 'Pull complete',
 * 'Already exists') counts as all its bytes; totals only count layers whose size is known. An
 * error message sets `error` and `done`; messages after that change nothing.
 */
export function reducePull(progress: PullProgress, message: RawPullMessage): PullProgress {
  if (progress.error !== undefined) return progress;
  const error = message.error ?? message.errorDetail?.message;
  if (typeof error === 'string' && error !== '') return {...progress, error, done: true};

  const status = typeof message.status === 'string' ? message.status : '';
  if (status === '') return progress;
  if (!message.id || OVERALL.test(status)) {
    return {...progress, status, done: progress.done || FINAL.test(status)};
  }

  const index = progress.layers.findIndex((l) => l.id === message.id);
  const before: PullLayer = index === -1 ? {id: message.id, status, current: 0, total: 0} : progress.layers[index]!;
  const layer = nextLayer(before, status, message.progressDetail);
  const layers = index === -1 ? [...progress.layers, layer] : progress.layers.map((l, i) => (i === index ? layer : l));
  return {...progress, layers, ...totals(layers)};
}

/** The state after the stream ended without an error: done, whatever the last line said. */
export function finishPull(progress: PullProgress): PullProgress {
  return progress.done ? progress : {...progress, done: true};
}
