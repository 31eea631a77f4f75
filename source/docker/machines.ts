/**
 * Every Docker host this machine knows, for the Machines pane: the engine of the environment,
 * each Docker context, each docker-machine machine, and the hosts added in whalewatch.
 *
 * Pure file reading, no dockerode (probing is probe.ts). One broken source never hides the
 * others: a malformed meta.json or machine config.json becomes an entry with its reason.
 * Names, URLs and paths here are raw text from files: the UI sanitizes them.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {contextDirName, dockerConfigDirOf, environmentHost, listContexts, parseHost, resolveHost} from './hosts.js';
import {configFile, readHostConfig, type AddedHost, type HostConfig} from './host-config.js';
import type {HostTarget} from './types.js';

/** Where an entry was found. `flag` is a host given by --host/--context that nothing else lists. */
export type MachineSource = 'env' | 'context' | 'machine' | 'added' | 'flag';

/** One host of the Machines pane. */
export type MachineEntry = {
  /** Stable identity: source and name. */
  key: string;
  name: string;
  source: MachineSource;
  /** Endpoint URL; empty when the entry is too broken to have one. */
  url: string;
  /** How to connect; absent when the entry is broken (see `error`). */
  target?: HostTarget;
  /** Why this entry cannot be used, one line. */
  error?: string;
  /** What `docker-machine ip` prints: the URL's host (tcp, ssh); absent for sockets. */
  ip?: string;
  /** The variables `docker-machine env` prints for it, in its order. */
  env: Array<[string, string]>;
  /** docker-machine's driver (virtualbox, generic, none…), for machines. */
  driver?: string;
};

/** What discovery reads; defaults are the process's environment and home. */
export type DiscoveryInput = {env?: NodeJS.ProcessEnv; home?: string};

/** What discovery found, with whalewatch's own config (for add/remove). */
export type Discovery = {entries: MachineEntry[]; config: HostConfig};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const firstLine = (s: string) => s.split(/\r?\n/, 1)[0]!.trim();
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The host part of a tcp or ssh URL, without brackets: what `docker-machine ip` prints. */
function ipOf(url: string): string | undefined {
  try {
    const parsed = parseHost(url);
    return parsed.hostname?.replace(/^\[(.*)]$/, '$1');
  } catch {
    return undefined;
  }
}

/**
 * The environment for a host, as `docker-machine env` prints it: DOCKER_TLS_VERIFY, DOCKER_HOST,
 * DOCKER_CERT_PATH (a directory holding ca.pem, cert.pem, key.pem), DOCKER_MACHINE_NAME.
 */
export function hostEnv(url: string, tls: {verify: boolean; certPath?: string} | undefined, machineName?: string): Array<[string, string]> {
  const env: Array<[string, string]> = [];
  if (tls?.verify) env.push(['DOCKER_TLS_VERIFY', '1']);
  else if (tls) env.push(['DOCKER_TLS', '1']);
  env.push(['DOCKER_HOST', url]);
  if (tls?.certPath) env.push(['DOCKER_CERT_PATH', tls.certPath]);
  if (machineName) env.push(['DOCKER_MACHINE_NAME', machineName]);
  return env;
}

/** Quotes a value for a POSIX shell: double quotes when harmless (as docker-machine), else single. */
function shellQuote(value: string): string {
  if (/^[\w@%+=:,./~-]*$/.test(value)) return `"${value}"`;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `export NAME="value"` lines, ready for `eval`, as `docker-machine env` prints them. */
export function envScript(env: ReadonlyArray<[string, string]>): string {
  return env.map(([name, value]) => `export ${name}=${shellQuote(value)}`).join('\n');
}

function entry(source: MachineSource, name: string, fields: Partial<MachineEntry>): MachineEntry {
  const url = fields.url ?? fields.target?.url ?? '';
  return {key: `${source}:${name}`, name, source, url, env: fields.env ?? (url ? hostEnv(url, undefined) : []), ...fields, ...(url ? {ip: fields.ip ?? ipOf(url)} : {})};
}

/** The environment's engine (DOCKER_HOST or the default socket). */
function envEntry(input: DiscoveryInput): MachineEntry {
  const env = input.env ?? process.env;
  const name = env.DOCKER_HOST ? 'DOCKER_HOST' : 'default';
  try {
    const target = environmentHost(input);
    const certPath = target.tls ? env.DOCKER_CERT_PATH || dockerConfigDirOf(input) : undefined;
    return entry('env', name, {target, env: hostEnv(target.url, target.tls && {verify: target.tls.verify, certPath})});
  } catch (error) {
    return entry('env', name, {url: env.DOCKER_HOST ?? '', error: firstLine((error as Error).message)});
  }
}

/** Every named context; `default` is the environment's engine, listed by envEntry. */
function contextEntries(input: DiscoveryInput): MachineEntry[] {
  const env = input.env ?? process.env;
  const configDir = dockerConfigDirOf(input);
  return listContexts({env, home: input.home})
    .filter((c) => c.name !== 'default')
    .map((c) => {
      if (c.error) return entry('context', c.name, {url: c.url, error: c.error});
      try {
        const target = {...resolveHost({context: c.name, env, home: input.home}), source: 'context' as const};
        const certPath = target.tls ? path.join(configDir, 'contexts', 'tls', contextDirName(c.name), 'docker') : undefined;
        return entry('context', c.name, {target, env: hostEnv(target.url, target.tls && {verify: target.tls.verify, certPath})});
      } catch (error) {
        return entry('context', c.name, {url: c.url, error: firstLine((error as Error).message)});
      }
    });
}

/** `$MACHINE_STORAGE_PATH`, or `~/.docker/machine`, as docker-machine has it. */
export function machineStorePath(input: DiscoveryInput = {}): string {
  const env = input.env ?? process.env;
  return env.MACHINE_STORAGE_PATH || path.join(input.home ?? homedir(), '.docker', 'machine');
}

/** Reads a PEM file named in a machine's config; throws one line saying which file failed. */
function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read the ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message}`);
  }
}

/**
 * One docker-machine machine from its config.json: the engine at tcp://Driver.IPAddress:2376
 * (the "none" driver keeps a URL instead), TLS with the CA and client certificate named in
 * HostOptions.AuthOptions, verified unless EngineOptions.TlsVerify is false.
 */
export function machineFromConfig(dirName: string, machineDir: string, text: string): MachineEntry {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    const name = /"Name"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? dirName;
    return entry('machine', name, {error: `machine "${name}": malformed config.json (${firstLine((error as Error).message)})`});
  }
  const fail = (name: string, why: string, fields: Partial<MachineEntry> = {}) => entry('machine', name, {...fields, error: `machine "${name}": ${why}`});
  if (!isObject(config)) return fail(dirName, 'malformed config.json (not an object)');
  const name = str(config.Name) ?? dirName;
  const driver = isObject(config.Driver) ? config.Driver : undefined;
  const driverName = str(config.DriverName);
  if (!driver) return fail(name, 'malformed config.json (no Driver)', {driver: driverName});
  const hostOptions = isObject(config.HostOptions) ? config.HostOptions : {};
  const auth = isObject(hostOptions.AuthOptions) ? hostOptions.AuthOptions : {};
  const engine = isObject(hostOptions.EngineOptions) ? hostOptions.EngineOptions : {};

  let url: string;
  const given = str(driver.URL);
  const ip = str(driver.IPAddress);
  try {
    if (given) url = parseHost(given, true).url;
    else if (ip) url = parseHost(`tcp://${ip.includes(':') ? `[${ip}]` : ip}:2376`).url;
    else return fail(name, 'no IP address in config.json (has it been started? docker-machine start ' + name + ')', {driver: driverName});
  } catch (error) {
    return fail(name, firstLine((error as Error).message), {driver: driverName});
  }
  // DOCKER_CERT_PATH of `docker-machine env` is the machine's own directory (copies of the certs).
  const certPath = str(auth.StorePath) ?? machineDir;
  const verify = engine.TlsVerify !== false;
  const fields: Partial<MachineEntry> = {url, driver: driverName, env: hostEnv(url, {verify, certPath}, name)};
  if (!url.startsWith('tcp://')) return entry('machine', name, {...fields, target: {name, url, source: 'machine'}});
  try {
    const tls = {
      ca: readPem(str(auth.CaCertPath) ?? path.join(certPath, 'ca.pem'), 'CA certificate'),
      cert: readPem(str(auth.ClientCertPath) ?? path.join(certPath, 'cert.pem'), 'client certificate'),
      key: readPem(str(auth.ClientKeyPath) ?? path.join(certPath, 'key.pem'), 'client key'),
      verify,
    };
    return entry('machine', name, {...fields, target: {name, url, source: 'machine', tls}});
  } catch (error) {
    return fail(name, (error as Error).message, fields);
  }
}

/** Every machine under `<store>/machines/*\/config.json`, by name. */
function machineEntries(input: DiscoveryInput): MachineEntry[] {
  const dir = path.join(machineStorePath(input), 'machines');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // No docker-machine store here.
  }
  const found: MachineEntry[] = [];
  for (const name of names.sort()) {
    const machineDir = path.join(dir, name);
    let text: string;
    try {
      text = readFileSync(path.join(machineDir, 'config.json'), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue; // Not a machine (docker-machine skips these too).
      found.push(entry('machine', name, {error: `machine "${name}": cannot read config.json: ${code ?? (error as Error).message}`}));
      continue;
    }
    found.push(machineFromConfig(name, machineDir, text));
  }
  return found;
}

/** The dir of the three files when they are ca.pem, cert.pem and key.pem side by side (DOCKER_CERT_PATH). */
function certDirOf(tls: NonNullable<AddedHost['tls']>): string | undefined {
  if (!tls.ca || !tls.cert || !tls.key) return undefined;
  const dir = path.dirname(tls.ca);
  const same = path.join(dir, 'ca.pem') === tls.ca && path.join(dir, 'cert.pem') === tls.cert && path.join(dir, 'key.pem') === tls.key;
  return same ? dir : undefined;
}

/** A host added in whalewatch, its TLS files read now (a missing one makes it a broken entry). */
export function addedEntry(host: AddedHost): MachineEntry {
  let parsed;
  try {
    parsed = parseHost(host.url, host.tls !== undefined);
  } catch (error) {
    return entry('added', host.name, {url: host.url, error: `added host "${host.name}": ${(error as Error).message}`});
  }
  const target: HostTarget = {name: host.name, url: parsed.url, source: 'added'};
  const env = hostEnv(parsed.url, parsed.scheme === 'tcp' && host.tls ? {verify: host.tls.verify, certPath: certDirOf(host.tls)} : undefined);
  if (parsed.scheme === 'tcp' && host.tls) {
    try {
      target.tls = {verify: host.tls.verify};
      if (host.tls.ca) target.tls.ca = readPem(host.tls.ca, 'CA certificate');
      if (host.tls.cert) target.tls.cert = readPem(host.tls.cert, 'client certificate');
      if (host.tls.key) target.tls.key = readPem(host.tls.key, 'client key');
    } catch (error) {
      return entry('added', host.name, {url: parsed.url, env, error: `added host "${host.name}": ${(error as Error).message}`});
    }
  }
  return entry('added', host.name, {target, env});
}

/**
 * Everything discovery finds, in this order: the environment's engine, contexts by name,
 * docker-machine machines by name, added hosts in file order (broken ones last).
 */
export function discoverMachines(input: DiscoveryInput = {}): Discovery {
  const config = readHostConfig(configFile(input.env ?? process.env, input.home ?? homedir()));
  const entries = [
    envEntry(input),
    ...contextEntries(input),
    ...machineEntries(input),
    ...config.hosts.map(addedEntry),
    ...config.broken.map((b) => entry('added', b.name, {error: b.error})),
  ];
  // Two entries of one source may share a name (a context named like a machine is fine; two
  // added hosts of one name are not): keep keys unique so rows stay stable.
  const seen = new Map<string, number>();
  for (const e of entries) {
    const n = seen.get(e.key) ?? 0;
    seen.set(e.key, n + 1);
    if (n > 0) e.key = `${e.key}#${n + 1}`;
  }
  return {entries, config};
}
