/**
 * Environment values whose names look secret (PASSWORD, SECRET, TOKEN, API_KEY, …) are masked in
 * every view until the person asks to see them; this is the one place that decides which.
 */

/** Names that look like they hold a secret. `KEY` counts as a word of the name (API_KEY, KEY), not inside one (KEYBOARD). */
const SECRET_NAME = /pass(word|wd|phrase)?|secret|token|credential|private|auth|pwd|(^|[_.-])(api)?key($|[_.-])|apikey|cert/i;

/** What a masked value shows. */
export const MASK = '••••••';

/** True when an environment variable's name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `NAME=value` with the value masked when the name looks secret. */
export function maskEnvEntry(entry: string): string {
  const at = entry.indexOf('=');
  if (at < 0) return entry;
  return isSecretName(entry.slice(0, at)) && at < entry.length - 1 ? `${entry.slice(0, at + 1)}${MASK}` : entry;
}

/**
 * `text` with the value of every `NAME=value` whose name looks secret masked, wherever it stands
 * (an error message, a console line, JSON): for what goes to the log file, which outlives the
 * session and may be pasted into a bug report.
 */
export function maskSecretsInText(text: string): string {
  return text.replace(/([A-Za-z_][A-Za-z0-9_.-]*)=([^\s"',;\]})]+)/g, (whole, name: string) => (isSecretName(name) ? `${name}=${MASK}` : whole));
}

/** A copy of an inspect document with every `Env` list (Config, ContainerConfig, …) masked. */
export function maskSecrets<T>(value: T): T {
  const walk = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return key === 'Env' ? node.map((entry) => (typeof entry === 'string' ? maskEnvEntry(entry) : walk(entry))) : node.map((entry) => walk(entry));
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    return node;
  };
  return walk(value) as T;
}

/** True when a document has an `Env` entry that masking changes: the view then offers to reveal. */
export function hasSecrets(value: unknown): boolean {
  return JSON.stringify(maskSecrets(value)) !== JSON.stringify(value);
}
