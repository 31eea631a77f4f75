/**
 * Byte counts as `docker stats` prints them (go-units): memory in binary units with 4 significant
 * digits ("708KiB", "23.54GiB"), network and block I/O in decimal units with 3 ("1.02kB", "586B").
 */

/** Shown for a value we do not have. */
export const MISSING = '—';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Go's `%.<precision>g` for a value in [0, base): shortest of fixed digits, trailing zeros cut. */
function significant(value: number, precision: number): string {
  if (value === 0) return '0';
  const fixed = value.toPrecision(precision);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function human(n: number | undefined, base: number, units: string[], precision: number): string {
  if (n === undefined || !Number.isFinite(n) || n < 0) return MISSING;
  let value = n;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  // go-units would print 999.7 kB as "1e+03kB" with %.3g; we move to the next unit instead.
  if (unit < units.length - 1 && Number(value.toPrecision(precision)) >= base) {
    value /= base;
    unit++;
  }
  return significant(value, precision) + units[unit];
}

/** Binary size like `docker stats` MEM USAGE: "0B", "1.5KiB", "708KiB", "23.54GiB". */
export function formatBytes(n: number | undefined): string {
  return human(n, 1024, BINARY_UNITS, 4);
}

/** Decimal size like `docker stats` NET I/O and BLOCK I/O: "586B", "1.02kB", "3.4MB". */
export function formatBytesSI(n: number | undefined): string {
  return human(n, 1000, DECIMAL_UNITS, 3);
}
