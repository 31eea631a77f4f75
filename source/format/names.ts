import {sanitize} from './sanitize.js';

/**
 * A few names for a question or a toast ("a, b, c, d, e, … (12)"), sanitized: questions about
 * many containers, volumes or networks stay one line.
 */
export function someNames(names: readonly string[], most = 5): string {
  return names.slice(0, most).map((n) => sanitize(n)).join(', ') + (names.length > most ? `, … (${names.length})` : '');
}
