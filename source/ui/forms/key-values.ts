import {splitWords} from '../../docker/run-spec.js';

export {shellQuote as shellWord} from '../../docker/run-spec.js';

/**
 * Reads `k=v k2="v 2"` (shell-like words) into a record. `what` names the field in the error:
 * "label tier has no value (write tier=…)".
 */
export function parseKeyValues(text: string, what: string): {values: Record<string, string>; error?: string} {
  const {words, error} = splitWords(text);
  if (error) return {values: {}, error};
  const values: Record<string, string> = {};
  for (const word of words) {
    const at = word.indexOf('=');
    if (at < 0) return {values, error: `${what} ${word} has no value (write ${word}=…)`};
    if (at === 0) return {values, error: `${what} “${word}” has no name before =`};
    values[word.slice(0, at)] = word.slice(at + 1);
  }
  return {values};
}

/** Docker's rule for names of volumes and networks (and containers). */
export const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
