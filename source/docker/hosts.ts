/**
 * Where the engine is: resolved from flags, environment and the docker CLI's own files, the way the
 * docker CLI resolves it, so that `whalewatch` talks to the engine `docker ps` would talk to.
 *
 * Pure file reading, no dockerode: this runs before the first frame.
 */
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import type {HostTarget} from './types.js';

/** The engine's socket when nothing says otherwise. */
export const DEFAULT_HOST = 'unix:///var/run/docker.sock';

const DEFAULT_CONTEXT = 'default';

/**
 * A host that cannot be used as given: a bad URL, an unknown or broken context, a missing TLS file.
 * `.message` is one line meant for the user as is; callers need no stack.
 */
export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostError';
  }
}

/** What the command line and the environment say; `env` and `home` default to the process's. */
export type HostInput = {
  /** `--host` / `-H`. */
  host?: string;
  /** `--context`. */
  context?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
};

/** One row of the hosts pane. */
export type ContextEntry = {
  name: string;
  /** Endpoint URL; empty when the context could not be read (see `error`). */
  url: string;
  /** The context `resolveHost` would pick with the same input. */
  current: boolean;
  /** Why this context cannot be used, one line; absent when it is fine. */
  error?: string;
};

/** A validated endpoint, split into what the client needs. */
export type ParsedHost = {
  /** Normalised URL: unix:///abs, tcp://host:port, ssh://[user@]host[:port]. */
  url: string;
  scheme: 'unix' | 'tcp' | 'ssh';
  /** Socket path, for unix. */
  socketPath?: string;
  /** Host name (IPv6 in brackets), for tcp and ssh. */
  hostname?: string;
  /** Port, for tcp always; for ssh only when given. */
  port?: number;
  /** User, for ssh when given. */
  user?: string;
};

type Env = NodeJS.ProcessEnv;

/** `$DOCKER_CONFIG`, or `<home>/.docker`, as the CLI does. */
function dockerConfigDir(env: Env, home: string): string {
  return env.DOCKER_CONFIG ? env.DOCKER_CONFIG : path.join(home, '.docker');
}

/** The directory name the CLI gives a context: sha256 of its name, in hex. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

const invalid = (raw: string, why: string) => new HostError(`invalid host "${raw}": ${why}`);

/**
 * Validates and normalises an endpoint the way `docker -H` accepts it. A bare `host[:port]` means
 * tcp. `tls` only chooses the default tcp port (2376 with TLS, 2375 without), as the CLI does.
 */
export function parseHost(raw: string, tls = false): ParsedHost {
  const input = raw.trim();
  if (input === '') throw invalid(raw, 'empty');
  // Same rule as the CLI's ParseHost: no scheme means tcp.
  const withScheme = input.includes('://') ? input : `tcp://${input}`;
  const scheme = withScheme.slice(0, withScheme.indexOf('://')).toLowerCase();

  if (scheme === 'unix') {
    const socketPath = withScheme.slice('unix://'.length);
    // `unix://` alone is the default socket, as in the CLI.
    if (socketPath === '') return parseHost(DEFAULT_HOST);
    if (!path.isAbsolute(socketPath)) throw invalid(raw, 'the socket path must be absolute (unix:///path/to/docker.sock)');
    return {url: `unix://${socketPath}`, scheme: 'unix', socketPath};
  }

  if (scheme !== 'tcp' && scheme !== 'ssh') throw invalid(raw, 'expected unix://, tcp:// or ssh://');

  // Split by hand rather than with URL: it drops `host:` silently and says only "Invalid URL".
  const rest = withScheme.slice(scheme.length + 3);
  const cut = rest.search(/[/?#]/);
  const authority = cut === -1 ? rest : rest.slice(0, cut);
  const tail = cut === -1 ? '' : rest.slice(cut);
  if (tail !== '' && tail !== '/') throw invalid(raw, `unexpected path "${tail}"`);
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? undefined : authority.slice(0, at);
  const hostPort = /^(\[[^\]]*\]|[^:[\]]*)(?::(.*))?$/.exec(authority.slice(at + 1));
  if (!hostPort) throw invalid(raw, 'not a valid host name');
  const portText = hostPort[2];
  let port: number | undefined;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
    if (!(port >= 1 && port <= 65_535)) throw invalid(raw, `bad port "${portText}"`);
  }
  let hostname = hostPort[1]!;
  if (hostname !== '') {
    try {
      // Checks the characters (the port was checked above); names are case-insensitive.
      hostname = new URL(`tcp://${hostname}`).hostname.toLowerCase();
    } catch {
      throw invalid(raw, 'not a valid host name');
    }
  }

  if (scheme === 'tcp') {
    if (userinfo !== undefined) throw invalid(raw, 'tcp:// takes no user');
    // `tcp://:2375` is the CLI's "localhost".
    hostname ||= 'localhost';
    port ??= tls ? 2376 : 2375;
    return {url: `tcp://${hostname}:${port}`, scheme: 'tcp', hostname, port};
  }

  // ssh: the engine is reached through `docker system dial-stdio` on the far side.
  if (userinfo?.includes(':')) throw invalid(raw, 'a password in an ssh:// URL is not supported: use your ssh agent');
  if (userinfo === '') throw invalid(raw, 'empty user before "@"');
  if (!hostname) throw invalid(raw, 'ssh:// needs a host');
  let user: string | undefined;
  try {
    user = userinfo === undefined ? undefined : decodeURIComponent(userinfo);
  } catch {
    throw invalid(raw, 'bad %-escape in the user');
  }
  const normalised = `ssh://${userinfo === undefined ? '' : `${userinfo}@`}${hostname}${port === undefined ? '' : `:${port}`}`;
  return {url: normalised, scheme: 'ssh', hostname, port, user};
}

/** A short name for a host given by URL: its host part, or the socket path. */
function nameOfHost(parsed: ParsedHost): string {
  if (parsed.scheme === 'unix') return parsed.url === DEFAULT_HOST ? DEFAULT_CONTEXT : parsed.socketPath!;
  return parsed.hostname!;
}

type Tls = NonNullable<HostTarget['tls']>;

/**
 * Reads ca.pem, cert.pem and key.pem from `dir`. A client certificate needs its key and the
 * other way round; `caRequired` mirrors the CLI, which insists on the CA under DOCKER_TLS_VERIFY.
 */
function readTlsDir(dir: string, verify: boolean, caRequired: boolean, why: string): Tls {
  const file = (name: string) => path.join(dir, name);
  const read = (name: string): string | undefined => {
    const p = file(name);
    try {
      return readFileSync(p, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      throw new HostError(`cannot read TLS file ${p}: ${code ?? (error as Error).message}`);
    }
  };
  const ca = read('ca.pem');
  const cert = read('cert.pem');
  const key = read('key.pem');
  if (caRequired && ca === undefined) throw new HostError(`TLS file missing: ${file('ca.pem')} (${why})`);
  if (cert !== undefined && key === undefined) throw new HostError(`TLS file missing: ${file('key.pem')} (cert.pem has no key)`);
  if (key !== undefined && cert === undefined) throw new HostError(`TLS file missing: ${file('cert.pem')} (key.pem has no certificate)`);
  const tls: Tls = {verify};
  if (ca !== undefined) tls.ca = ca;
  if (cert !== undefined) tls.cert = cert;
  if (key !== undefined) tls.key = key;
  return tls;
}

const hasAnyTlsFile = (dir: string) => ['ca.pem', 'cert.pem', 'key.pem'].some(f => existsSync(path.join(dir, f)));

/**
 * A host given by URL (`--host`, DOCKER_HOST, or the default context), with TLS from the
 * environment as the CLI applies it: DOCKER_TLS_VERIFY (verify; the CA is required),
 * DOCKER_TLS (TLS without verification), or — as docker-modem does — port 2376 when certificate
 * files are there. Files come from DOCKER_CERT_PATH, else the docker config directory.
 */
function targetFromUrl(raw: string, source: HostTarget['source'], env: Env, configDir: string, name?: string): HostTarget {
  const verifyEnv = Boolean(env.DOCKER_TLS_VERIFY);
  const tlsEnv = verifyEnv || Boolean(env.DOCKER_TLS);
  const parsed = parseHost(raw, tlsEnv);
  const target: HostTarget = {name: name ?? nameOfHost(parsed), url: parsed.url, source};
  if (parsed.scheme !== 'tcp') return target;

  const certDir = env.DOCKER_CERT_PATH ? env.DOCKER_CERT_PATH : configDir;
  if (verifyEnv) target.tls = readTlsDir(certDir, true, true, 'DOCKER_TLS_VERIFY is set');
  else if (tlsEnv) target.tls = readTlsDir(certDir, false, false, 'DOCKER_TLS is set');
  else if (parsed.port === 2376 && hasAnyTlsFile(certDir)) target.tls = readTlsDir(certDir, true, false, 'port 2376');
  return target;
}

/** Reads and parses a JSON file; undefined when it does not exist. */
function readJson(file: string, malformed: (reason: string) => HostError): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw malformed(`cannot read: ${code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw malformed(firstLine((error as Error).message));
  }
}

const firstLine = (s: string) => s.split(/\r?\n/, 1)[0]!.trim();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `currentContext` of `<configDir>/config.json`, or undefined. */
function currentContextOf(configDir: string): string | undefined {
  const file = path.join(configDir, 'config.json');
  const malformed = (reason: string) => new HostError(`config.json at ${file}: malformed JSON (${reason})`);
  const config = readJson(file, malformed);
  if (config === undefined) return undefined;
  if (!isObject(config)) throw malformed('not an object');
  const current = config.currentContext;
  if (current === undefined || current === '') return undefined;
  if (typeof current !== 'string') throw malformed('currentContext is not a string');
  return current;
}

type ContextMeta = {name: string; host: string; skipTlsVerify: boolean};

/** Reads one context's meta.json; throws HostError when it is missing or malformed. */
function readContextMeta(name: string, configDir: string): ContextMeta {
  const contextsDir = path.join(configDir, 'contexts');
  const file = path.join(contextsDir, 'meta', contextDirName(name), 'meta.json');
  const malformed = (reason: string) => new HostError(`context "${name}": malformed meta.json (${reason})`);
  const meta = readJson(file, malformed);
  if (meta === undefined) throw new HostError(`unknown context "${name}": no such context in ${contextsDir}`);
  return metaFields(meta, name, malformed);
}

function metaFields(meta: unknown, name: string, malformed: (reason: string) => HostError): ContextMeta {
  if (!isObject(meta)) throw malformed('not an object');
  const endpoints = meta.Endpoints;
  if (!isObject(endpoints) || !isObject(endpoints.docker)) throw malformed('no Endpoints.docker');
  const docker = endpoints.docker;
  if (docker.Host !== undefined && typeof docker.Host !== 'string') throw malformed('Endpoints.docker.Host is not a string');
  if (docker.SkipTLSVerify !== undefined && typeof docker.SkipTLSVerify !== 'boolean') {
    throw malformed('Endpoints.docker.SkipTLSVerify is not a boolean');
  }
  return {name: typeof meta.Name === 'string' ? meta.Name : name, host: docker.Host ?? '', skipTlsVerify: docker.SkipTLSVerify === true};
}

/**
 * A named context from the CLI's store. TLS material lives under `contexts/tls/<sha256>/docker/`;
 * as in the CLI, TLS is used when files are there or when the context says SkipTLSVerify.
 */
function targetFromContext(name: string, source: HostTarget['source'], env: Env, configDir: string): HostTarget {
  if (name === DEFAULT_CONTEXT) {
    // The default context is "what DOCKER_HOST says, or the default socket", TLS from env.
    return targetFromUrl(env.DOCKER_HOST || DEFAULT_HOST, source, env, configDir, DEFAULT_CONTEXT);
  }
  const meta = readContextMeta(name, configDir);
  let parsed: ParsedHost;
  try {
    // An empty Host is the CLI's default endpoint.
    parsed = parseHost(meta.host || DEFAULT_HOST);
  } catch (error) {
    throw new HostError(`context "${name}": ${(error as Error).message}`);
  }
  const target: HostTarget = {name, url: parsed.url, source};
  if (parsed.scheme !== 'tcp') return target;
  const tlsDir = path.join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
  if (hasAnyTlsFile(tlsDir) || meta.skipTlsVerify) {
    try {
      target.tls = readTlsDir(tlsDir, !meta.skipTlsVerify, false, 'context');
    } catch (error) {
      throw new HostError(`context "${name}": ${(error as Error).message}`);
    }
  }
  return target;
}

type Resolved = {env: Env; configDir: string};

function defaults(input: HostInput): Resolved {
  const env = input.env ?? process.env;
  return {env, configDir: dockerConfigDir(env, input.home ?? homedir())};
}

/**
 * The context name the CLI would use, with where it came from; undefined name means "by URL".
 * Order (docker/cli `resolveContextName`): `--context` (refused together with `--host`),
 * `--host`, DOCKER_HOST, DOCKER_CONTEXT, config.json's currentContext, the default.
 */
function pick(input: HostInput, r: Resolved): {source: HostTarget['source']; context?: string; host?: string} {
  const host = input.host?.trim() ? input.host : undefined;
  const context = input.context?.trim() ? input.context.trim() : undefined;
  if (host && context) throw new HostError('conflicting options: cannot use both --host and --context');
  if (context) return {source: '--context', context};
  if (host) return {source: '--host', host};
  if (r.env.DOCKER_HOST) return {source: 'DOCKER_HOST', host: r.env.DOCKER_HOST};
  if (r.env.DOCKER_CONTEXT) return {source: 'DOCKER_CONTEXT', context: r.env.DOCKER_CONTEXT};
  const current = currentContextOf(r.configDir);
  if (current) return {source: 'config', context: current};
  return {source: 'default', context: DEFAULT_CONTEXT};
}

/**
 * Resolves the engine to talk to exactly as the docker CLI does: `--context`, `--host`,
 * DOCKER_HOST, DOCKER_CONTEXT, config.json's `currentContext`, then `unix:///var/run/docker.sock`.
 * Throws HostError (one-line message) for anything that cannot work.
 */
export function resolveHost(input: HostInput = {}): HostTarget {
  const r = defaults(input);
  const choice = pick(input, r);
  if (choice.host !== undefined) return targetFromUrl(choice.host, choice.source, r.env, r.configDir);
  return targetFromContext(choice.context!, choice.source, r.env, r.configDir);
}

/**
 * The engine the environment names, ignoring contexts: DOCKER_HOST (with DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH), else the default socket. What `docker -c default` would use.
 */
export function environmentHost(input: Omit<HostInput, 'host' | 'context'> = {}): HostTarget {
  const r = defaults(input);
  if (r.env.DOCKER_HOST) return targetFromUrl(r.env.DOCKER_HOST, 'DOCKER_HOST', r.env, r.configDir);
  return targetFromUrl(DEFAULT_HOST, 'default', r.env, r.configDir, DEFAULT_CONTEXT);
}

/** `$DOCKER_CONFIG`, or `<home>/.docker`: where the CLI keeps config.json and contexts. */
export function dockerConfigDirOf(input: Omit<HostInput, 'host' | 'context'> = {}): string {
  return defaults(input).configDir;
}

function nameInMeta(text: string): string | undefined {
  try {
    const meta = JSON.parse(text) as unknown;
    if (isObject(meta) && typeof meta.Name === 'string') return meta.Name;
  } catch {
    const match = /"Name"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
    if (match) return match[1];
  }

  return undefined;
}

/**
 * Every context the CLI knows, default first then by name, and which one `resolveHost` would use.
 * A broken context is listed with its error instead of failing the whole list.
 */
export function listContexts(input: HostInput = {}): ContextEntry[] {
  const r = defaults(input);
  let currentName: string | undefined;
  try {
    const choice = pick(input, r);
    currentName = choice.host === undefined ? choice.context : DEFAULT_CONTEXT;
  } catch {
    // A malformed config.json or conflicting flags: still list what is there, none current.
  }

  const entries: ContextEntry[] = [];
  const entry = (name: string, get: () => string): ContextEntry => {
    try {
      return {name, url: get(), current: name === currentName};
    } catch (error) {
      return {name, url: '', current: name === currentName, error: firstLine((error as Error).message)};
    }
  };
  // The default context is "the host given by flag or env, else the socket".
  entries.push(entry(DEFAULT_CONTEXT, () => parseHost(input.host?.trim() ? input.host : r.env.DOCKER_HOST || DEFAULT_HOST, Boolean(r.env.DOCKER_TLS_VERIFY || r.env.DOCKER_TLS)).url));

  const metaDir = path.join(r.configDir, 'contexts', 'meta');
  let dirs: string[] = [];
  try {
    dirs = readdirSync(metaDir);
  } catch {
    // No contexts directory: only the default context.
  }
  const named: ContextEntry[] = [];
  for (const dir of dirs) {
    const file = path.join(metaDir, dir, 'meta.json');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // Not a context (the CLI skips such directories too).
    }

    // The name is inside meta.json; from a file too broken to parse, fish it out as best we can.
    const name = nameInMeta(text) ?? dir;
    named.push(
      entry(name, () => {
        const malformed = (reason: string) => new HostError(`context "${name}": malformed meta.json (${reason})`);
        let meta: unknown;
        try {
          meta = JSON.parse(text) as unknown;
        } catch (error) {
          throw malformed(firstLine((error as Error).message));
        }

        return parseHost(metaFields(meta, name, malformed).host || DEFAULT_HOST).url;
      }),
    );
  }

  named.sort((a, b) => a.name.localeCompare(b.name));
  return [...entries, ...named.filter(e => e.name !== DEFAULT_CONTEXT)];
}
