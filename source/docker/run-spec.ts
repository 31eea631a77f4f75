/**
 * The `docker run` form's logic, pure: split what the person typed into words like a shell does,
 * check every field the way the docker CLI and the engine would (so the form can say what is wrong
 * before anything is sent), show the equivalent command line, and build the create body.
 *
 * Values are kept raw (a label value may hold any text): the UI sanitizes what it prints.
 */
import {isIPv4, isIPv6} from 'node:net';

/** What the person typed in the run form; several values in one field are separated by spaces, with "double" or 'single' quotes for values holding spaces (shell-like). */
export type RunFields = {
  image: string;
  name: string;
  /** -it instead of -d. */
  interactive: boolean;
  /** '8080:80 127.0.0.1:8443:443/tcp 53:53/udp 9000 [::1]:8080:80' */
  ports: string;
  /** 'data:/data /host/path:/in:ro' */
  volumes: string;
  /** 'A=1 B="x y"' */
  env: string;
  /** 'k=v k2="v 2"' */
  labels: string;
  /** shell-like words */
  command: string;
  /** '' | no | always | unless-stopped | on-failure[:N] */
  restart: string;
  /** '' or a network name */
  network: string;
};

/** One short sentence per bad field. */
export type RunErrors = Partial<Record<keyof RunFields, string>>;

/** A checked run form, ready for {@link createOptions}. */
export type RunSpec = {
  image: string;
  name?: string;
  interactive: boolean;
  ports: Array<{hostIp?: string; hostPort?: number; containerPort: number; protocol: 'tcp' | 'udp' | 'sctp'}>;
  mounts: Array<{source: string; target: string; readOnly: boolean; kind: 'volume' | 'bind'}>;
  /** K=V */
  env: string[];
  labels: Record<string, string>;
  cmd?: string[];
  restart?: {name: 'no' | 'always' | 'unless-stopped' | 'on-failure'; maximumRetryCount?: number};
  network?: string;
};

/** The form before anything is typed. */
export const EMPTY_RUN_FIELDS: RunFields = Object.freeze({
  image: '',
  name: '',
  interactive: false,
  ports: '',
  volumes: '',
  env: '',
  labels: '',
  command: '',
  restart: '',
  network: '',
});

/**
 * Splits text into words as a POSIX shell would, without expansions: blanks separate words,
 * 'single quotes' keep everything literally, "double quotes" keep everything but let a backslash
 * escape " \ $ and `, and outside quotes a backslash keeps the next character. Quoted pieces join
 * the word they touch (a"b c" is one word `ab c`); "" is an empty word. An unclosed quote is an
 * error (the words read so far are still returned); a trailing lone backslash is kept as is.
 */
export function splitWords(text: string): {words: string[]; error?: string} {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return {words, error: 'a single quote (\') is not closed'};
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < text.length) {
        const d = text[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) {
          word += text[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      if (!closed) return {words, error: 'a double quote (") is not closed'};
    } else if (c === '\\') {
      word += i + 1 < text.length ? text[i + 1] : '\\';
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return {words};
}

/** Quotes a word for a POSIX shell only when it needs it (single quotes; ' becomes '\''). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------
// Field checks. Each returns a sentence for the first bad value, or the parsed value.

type Checked<T> = {value: T; error?: undefined} | {value?: undefined; error: string};

/** Docker's rule for container and volume names (daemon/names): at least two characters. */
const RESTRICTED_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

// The reference grammar of distribution/reference (what `docker run` accepts as an image).
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::${TAG})?(?:@${DIGEST})?$`);
const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;

/** One word of a field that takes exactly one value, or an error naming the field. */
function single(text: string, what: string): Checked<string | undefined> {
  const {words, error} = splitWords(text);
  if (error) return {error: `${what}: ${error}`};
  if (words.length > 1) return {error: `${what} must be one word (got ${words.length})`};
  return {value: words[0]};
}

function checkImage(text: string): Checked<string> {
  const word = single(text, 'the image');
  if (word.error !== undefined) return word;
  const image = word.value;
  if (!image) return {error: 'an image is required'};
  if (IMAGE_ID.test(image)) return {value: image};
  const match = REFERENCE.exec(image);
  if (!match) {
    // The engine's own words for the common case, said before sending anything.
    if (REFERENCE.test(image.toLowerCase())) return {error: `"${image}": the repository name must be lowercase`};
    return {error: `"${image}" is not a valid image reference (e.g. busybox, nginx:1.27, registry:5000/team/app@sha256:…)`};
  }
  if (match[1]!.length > 255) return {error: 'the repository name is longer than 255 characters'};
  return {value: image};
}

function checkName(text: string): Checked<string | undefined> {
  const word = single(text, 'the name');
  if (word.error !== undefined || word.value === undefined) return word;
  const name = word.value.replace(/^\//, '');
  if (!RESTRICTED_NAME.test(name)) {
    return {error: `"${word.value}" is not a valid name: two or more of a-z A-Z 0-9 _ . -, starting with a letter or digit`};
  }
  return {value: name};
}

/** A port number 1–65535, or an error. */
function portNumber(text: string, what: string): Checked<number> {
  if (/^\d+-\d+$/.test(text)) return {error: `port ranges (${text}) are not supported here: give one port per value`};
  if (!/^\d+$/.test(text)) return {error: `${what} "${text}" is not a number`};
  const n = Number(text);
  if (n < 1 || n > 65535) return {error: `port ${text} is out of range (1–65535)`};
  return {value: n};
}

type PortSpec = RunSpec['ports'][number];

/** One `[ip:][hostPort:]containerPort[/proto]` value; an IPv6 address goes in brackets. */
function parsePort(value: string): Checked<PortSpec> {
  let rest = value;
  let protocol: PortSpec['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return {error: `"${value}": the protocol must be tcp, udp or sctp`};
    protocol = proto;
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  let parts: string[];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return {error: `"${value}": the IPv6 address has no closing ]`};
    hostIp = rest.slice(1, close);
    if (!isIPv6(hostIp)) return {error: `"${value}": ${hostIp} is not an IPv6 address`};
    if (rest[close + 1] !== ':') return {error: `"${value}": a host address needs a port after it (ip:hostPort:containerPort)`};
    parts = rest.slice(close + 2).split(':');
    if (parts.length !== 2) return {error: `"${value}" is not [ip:][hostPort:]containerPort[/protocol]`};
  } else {
    parts = rest.split(':');
    if (parts.length > 3) return {error: `"${value}": put an IPv6 address in brackets, e.g. [::1]:8080:80`};
    if (parts.length === 3) {
      hostIp = parts.shift()!;
      if (!isIPv4(hostIp) && !isIPv6(hostIp)) return {error: `"${value}": ${hostIp || '(empty)'} is not an IP address`};
    }
  }
  const [hostText, containerText] = parts.length === 1 ? [undefined, parts[0]!] : [parts[0]!, parts[1]!];
  if (containerText === '') return {error: `"${value}": the container port is missing`};
  const containerPort = portNumber(containerText, 'the container port');
  if (containerPort.error !== undefined) return {error: `"${value}": ${containerPort.error}`};
  let hostPort: number | undefined;
  // An empty host port (ip::80) lets the engine pick one, as docker does.
  if (hostText !== undefined && hostText !== '') {
    const checked = portNumber(hostText, 'the host port');
    if (checked.error !== undefined) return {error: `"${value}": ${checked.error}`};
    hostPort = checked.value;
  }
  return {value: {...(hostIp ? {hostIp} : {}), ...(hostPort === undefined ? {} : {hostPort}), containerPort: containerPort.value, protocol}};
}

type MountSpec = RunSpec['mounts'][number];

/** One `source:target[:ro|rw]` value: an absolute source is a bind, anything else a volume name. */
function parseMount(value: string): Checked<MountSpec> {
  const parts = value.split(':');
  if (parts.length === 1) return {error: `"${value}": give a source and a target, e.g. data:/data or /host/dir:/dir`};
  if (parts.length > 3) return {error: `"${value}" is not source:target[:ro|rw]`};
  const [source, target, mode] = parts as [string, string, string | undefined];
  if (mode !== undefined && mode !== 'ro' && mode !== 'rw') return {error: `"${value}": the mode must be ro or rw (got "${mode}")`};
  if (source === '') return {error: `"${value}": the source is empty`};
  if (!target.startsWith('/')) return {error: `"${value}": the target ${target ? `"${target}"` : '(empty)'} must be an absolute path in the container`};
  if (target.replace(/\/+$/, '') === '') return {error: `"${value}": the target cannot be /`};
  const kind = source.startsWith('/') ? 'bind' : 'volume';
  if (kind === 'volume' && !RESTRICTED_NAME.test(source)) {
    return {error: `"${source}" is not a volume name (two or more of a-z A-Z 0-9 _ . -); a host path must be absolute`};
  }
  return {value: {source, target, readOnly: mode === 'ro', kind}};
}

/** One `KEY=value` environment value. A bare KEY is refused: docker would pass our own variable. */
function parseEnv(value: string): Checked<string> {
  const eq = value.indexOf('=');
  if (eq === -1) return {error: `${value}: give it a value (${value}=…); whalewatch does not pass on its own environment`};
  const key = value.slice(0, eq);
  if (key === '') return {error: `"${value}": the variable name is empty`};
  if (/[\s\u0000]/.test(key)) return {error: `"${key}": a variable name cannot hold spaces`};
  return {value};
}

/** Every value of a many-valued field through `parse`; the first bad one is the field's error. */
function many<T>(text: string, what: string, parse: (word: string) => Checked<T>): Checked<T[]> {
  const {words, error} = splitWords(text);
  if (error) return {error: `${what}: ${error}`};
  const values: T[] = [];
  for (const word of words) {
    const checked = parse(word);
    if (checked.error !== undefined) return {error: checked.error};
    values.push(checked.value);
  }
  return {value: values};
}

/** `key=value` labels; a bare key is an empty value, as `docker run -l key` makes it. Last one wins. */
function parseLabels(text: string): Checked<Record<string, string>> {
  const pairs = many(text, 'labels', (word): Checked<[string, string]> => {
    const eq = word.indexOf('=');
    const key = eq === -1 ? word : word.slice(0, eq);
    if (key === '') return {error: `"${word}": the label key is empty`};
    return {value: [key, eq === -1 ? '' : word.slice(eq + 1)]};
  });
  if (pairs.error !== undefined) return pairs;
  return {value: Object.fromEntries(pairs.value)};
}

function parseRestart(text: string): Checked<RunSpec['restart']> {
  const word = single(text, 'the restart policy');
  if (word.error !== undefined || word.value === undefined) return word as Checked<undefined>;
  const [name, count, extra] = word.value.split(':');
  if (extra !== undefined) return {error: `"${word.value}" is not a restart policy`};
  if (name === 'no' || name === 'always' || name === 'unless-stopped') {
    if (count !== undefined) return {error: `a retry count only goes with on-failure, not ${name}`};
    return {value: {name}};
  }
  if (name === 'on-failure') {
    if (count === undefined) return {value: {name}};
    if (!/^\d+$/.test(count)) return {error: `on-failure:${count}: the retry count must be a whole number ≥ 0`};
    return {value: {name, maximumRetryCount: Number(count)}};
  }
  return {error: `"${word.value}" is not a restart policy: no, always, unless-stopped or on-failure[:N]`};
}

function parseNetwork(text: string): Checked<string | undefined> {
  const word = single(text, 'the network');
  if (word.error !== undefined || word.value === undefined) return word;
  // Network names are free-form for the engine; only control characters are surely a mistake.
  if (/[\u0000-\u001f\u007f]/.test(word.value)) return {error: 'the network name holds control characters'};
  return word;
}

/**
 * Checks every field. The spec comes only when there is no error; errors hold one sentence per
 * bad field (for the first bad value in it). Blank optional fields are simply left out.
 */
export function parseRunFields(fields: RunFields): {spec?: RunSpec; errors: RunErrors} {
  const errors: RunErrors = {};
  const take = <T>(key: keyof RunFields, checked: Checked<T>): T | undefined => {
    if (checked.error !== undefined) errors[key] = checked.error;
    return checked.value;
  };
  const image = take('image', checkImage(fields.image));
  const name = take('name', checkName(fields.name));
  const ports = take('ports', many(fields.ports, 'ports', parsePort));
  const mounts = take('volumes', many(fields.volumes, 'volumes', parseMount));
  const env = take('env', many(fields.env, 'environment', parseEnv));
  const labels = take('labels', parseLabels(fields.labels));
  const command = take('command', many(fields.command, 'the command', (w): Checked<string> => ({value: w})));
  const restart = take('restart', parseRestart(fields.restart));
  const network = take('network', parseNetwork(fields.network));
  if (Object.keys(errors).length > 0) return {errors};
  const spec: RunSpec = {image: image!, interactive: fields.interactive, ports: ports!, mounts: mounts!, env: env!, labels: labels!};
  if (name) spec.name = name;
  if (command!.length > 0) spec.cmd = command;
  if (restart) spec.restart = restart;
  if (network) spec.network = network;
  return {spec, errors};
}

/** The words of a field for display: split as a shell would, or on blanks when that fails. */
function shown(text: string): string[] {
  const {words, error} = splitWords(text);
  return error ? text.split(/\s+/).filter(Boolean) : words;
}

/**
 * The `docker run` line that does what the form says, every word shell-quoted when it needs it.
 * It shows what was typed even when it is invalid (an unclosed quote: the field split on blanks).
 */
export function dockerRunLine(fields: RunFields): string {
  const words = ['docker', 'run', fields.interactive ? '-it' : '-d'];
  const flag = (option: string, values: string[]) => values.forEach((v) => words.push(option, v));
  flag('--name', shown(fields.name));
  flag('-p', shown(fields.ports));
  flag('-v', shown(fields.volumes));
  flag('-e', shown(fields.env));
  flag('-l', shown(fields.labels));
  flag('--restart', shown(fields.restart));
  flag('--network', shown(fields.network));
  words.push(...shown(fields.image), ...shown(fields.command));
  return words.map((w, i) => (i < 2 ? w : shellQuote(w))).join(' ');
}

/**
 * The body of POST /containers/create (dockerode's createContainer options) for a checked spec,
 * as the docker CLI builds it: every port exposed and bound, binds as `source:target[:ro]` (a named
 * volume that does not exist yet is created by the engine), NetworkMode for the network, and for
 * an interactive run a TTY with stdin open and attached, closed when the first attach ends
 * (StdinOnce, like `docker run -it`).
 */
export function createOptions(spec: RunSpec): object {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{HostIp: string; HostPort: string}>> = {};
  for (const port of spec.ports) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort)});
  }
  const hostConfig: Record<string, unknown> = {
    PortBindings: bindings,
    Binds: spec.mounts.map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`),
  };
  if (spec.restart) hostConfig.RestartPolicy = {Name: spec.restart.name, MaximumRetryCount: spec.restart.maximumRetryCount ?? 0};
  if (spec.network) hostConfig.NetworkMode = spec.network;
  const tty = spec.interactive;
  return {
    ...(spec.name ? {name: spec.name} : {}),
    Image: spec.image,
    ...(spec.cmd ? {Cmd: spec.cmd} : {}),
    Env: spec.env,
    Labels: spec.labels,
    ExposedPorts: exposed,
    Tty: tty,
    OpenStdin: tty,
    StdinOnce: tty,
    AttachStdin: tty,
    AttachStdout: tty,
    AttachStderr: tty,
    HostConfig: hostConfig,
  };
}
