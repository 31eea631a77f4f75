/**
 * A progress bar of `width` cells: █ for what is done, ░ for the rest. An unknown total (0) draws
 * an empty bar rather than a guess.
 */
export function progressBar(current: number, total: number, width: number): string {
  const cells = Math.max(0, Math.floor(width));
  const done = total > 0 ? Math.round((Math.min(current, total) / total) * cells) : 0;
  return '█'.repeat(done) + '░'.repeat(cells - done);
}

/** A whole percentage of current / total, or '' when the total is unknown. */
export function progressPercent(current: number, total: number): string {
  return total > 0 ? `${Math.floor((Math.min(current, total) / total) * 100)}%` : '';
}
