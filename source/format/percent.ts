/** Percentages as `docker stats` prints them: two decimals ("0.13%", "112.50%"). */

/** `n` with two decimals and a percent sign; "—" when there is no reading yet. */
export function formatPercent(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  return `${n.toFixed(2)}%`;
}
