/**
 * whalewatch's own config file, where the hosts added in the Machines pane are kept:
 * `$XDG_CONFIG_HOME/whalewatch/config.json` (default `~/.config/whalewatch/config.json`):
 *
 *   {"hosts": [{"name": "lab", "url": "tcp://10.0.0.5:2376",
 *               "tls": {"ca": "/p/ca.pem", "cert": "/p/cert.pem", "key": "/p/key.pem", "verify": true}}]}
 *
 * Pure file work, no dockerode. A file that cannot be read or parsed is reported and never
 * written over (it may be the user's only copy); writes are atomic (temp file, fsync, rename).
 */
import {closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {parseHost} from './hosts.js';

/** TLS of an added host: paths of PEM files (read when connecting), and whether to verify. */
export type AddedTls = {ca?: string; cert?: string; key?: string; verify: boolean};

/** One host added by the user (raw from the file: names and paths are untrusted text). */
export type AddedHost = {name: string; url: string; tls?: AddedTls};

/** What was read: the hosts, the rest of the file kept as is, or why it could not be read. */
export type HostConfig = {
  file: string;
  hosts: AddedHost[];
  /** The whole parsed object, so a write keeps keys this version does not know. */
  raw: Record<string, unknown>;
  /** Why the file cannot be used, one line; while set, {@link saveHosts} refuses to write. */
  error?: string;
  /** Entries of `hosts` that were not valid, with the reason (shown as broken entries). */
  broken: Array<{name: string; error: string}>;
};

/** Where the config file is: `$XDG_CONFIG_HOME/whalewatch/config.json`, else under `~/.config`. */
export function configFile(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(base, 'whalewatch', 'config.json');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const firstLine = (s: string) => s.split(/\r?\n/, 1)[0]!.trim();

/** Checks one entry of `hosts`; returns the host or the reason it is broken. */
function checkHost(value: unknown, index: number): AddedHost | {name: string; error: string} {
  if (!isObject(value)) return {name: `hosts[${index}]`, error: `hosts[${index}] is not an object`};
  const name = typeof value.name === 'string' && value.name.trim() ? value.name : `hosts[${index}]`;
  const bad = (why: string) => ({name, error: `added host "${name}": ${why}`});
  if (typeof value.name !== 'string' || !value.name.trim()) return bad('no name');
  if (typeof value.url !== 'string') return bad('no url');
  const host: AddedHost = {name: value.name, url: value.url};
  if (value.tls !== undefined) {
    const tls = value.tls;
    if (!isObject(tls)) return bad('tls is not an object');
    for (const key of ['ca', 'cert', 'key'] as const) {
      if (tls[key] !== undefined && typeof tls[key] !== 'string') return bad(`tls.${key} is not a path`);
    }
    if (tls.verify !== undefined && typeof tls.verify !== 'boolean') return bad('tls.verify is not true or false');
    host.tls = {verify: tls.verify !== false};
    for (const key of ['ca', 'cert', 'key'] as const) if (typeof tls[key] === 'string' && tls[key]) host.tls[key] = tls[key] as string;
  }
  return host;
}

/** Reads the config file. A missing file is an empty config; anything else wrong is `error`. */
export function readHostConfig(file: string): HostConfig {
  const config: HostConfig = {file, hosts: [], raw: {}, broken: []};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return config;
    return {...config, error: `cannot read ${file}: ${code ?? firstLine((error as Error).message)}`};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {...config, error: `${file}: malformed JSON (${firstLine((error as Error).message)})`};
  }
  if (!isObject(parsed)) return {...config, error: `${file}: not a JSON object`};
  config.raw = parsed;
  if (parsed.hosts === undefined) return config;
  if (!Array.isArray(parsed.hosts)) return {...config, error: `${file}: "hosts" is not a list`};
  parsed.hosts.forEach((value, index) => {
    const checked = checkHost(value, index);
    if ('error' in checked) config.broken.push(checked);
    else config.hosts.push(checked);
  });
  return config;
}

/** Writes `text` to `file` atomically: a temp file in the same directory, fsync, rename. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  mkdirSync(dir, {recursive: true, mode: 0o700});
  // Same directory, so the rename never crosses file systems and is atomic.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, {force: true});
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, {force: true});
    throw error;
  }
  // The rename itself is durable only once the directory is synced.
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename has happened all the same.
  }
}

/**
 * Saves `hosts` into the config file `config` was read from, keeping its other keys and the
 * entries that were broken (they are the user's, to fix by hand). Throws with one line when the
 * file could not be read: an unreadable or malformed file is never overwritten.
 */
export function saveHosts(config: HostConfig, hosts: readonly AddedHost[]): void {
  if (config.error) throw new Error(`not saved: ${config.error} (fix or remove the file first)`);
  const brokenRaw = Array.isArray(config.raw.hosts)
    ? (config.raw.hosts as unknown[]).filter((value, index) => 'error' in checkHost(value, index))
    : [];
  const next = {...config.raw, hosts: [...hosts.map((h) => ({...h})), ...brokenRaw]};
  writeFileAtomic(config.file, `${JSON.stringify(next, null, 2)}\n`);
}

/** The add-host form's checks: one line per bad field, nothing when the host can be saved. */
export function validateAddedHost(host: {name: string; url: string}, existing: readonly string[]): {name?: string; url?: string} {
  const errors: {name?: string; url?: string} = {};
  const name = host.name.trim();
  if (!name) errors.name = 'a name is needed';
  else if (existing.includes(name)) errors.name = `a host named ${name} exists already`;
  if (!host.url.trim()) errors.url = 'a URL is needed: unix:///path, tcp://host:port or ssh://user@host';
  else if (!/^(unix|tcp|ssh):\/\//i.test(host.url.trim())) errors.url = 'the URL starts with unix://, tcp:// or ssh://';
  else {
    try {
      parseHost(host.url);
    } catch (error) {
      errors.url = (error as Error).message;
    }
  }
  return errors;
}
