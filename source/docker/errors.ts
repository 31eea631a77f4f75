/**
 * Turns whatever dockerode, Node's sockets, TLS or ssh2 throw into one line a person can act on.
 * The status bar and toasts show these as is: never a stack, never an empty string.
 */
import {hostKeyRefusal, SSH_READY_TIMEOUT_MS} from './ssh-connect.js';
import type {HostTarget} from './types.js';

type ErrorLike = {
  message?: unknown;
  code?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  reason?: unknown;
  statusCode?: unknown;
  json?: unknown;
  level?: unknown;
  errors?: unknown;
};

// CSI/OSC sequences first, then any other C0/C1 control character (tabs included).
const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** The first non-blank line of `text`, without terminal control characters. */
function oneLine(text: string): string {
  const lines = text.replace(ANSI, '').split(/\r\n|\r|\n/);
  const line = lines.find(l => l.trim() !== '') ?? '';
  return line.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

const capitalise = (s: string) => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1));

/** Full 64-hex ids make a line unreadable; the 12-character form is what `docker ps` shows. */
const shortenIds = (s: string) => s.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1');

/** The engine sometimes says a thing twice ("no such image: x: No such image: x"): keep one. */
function undouble(s: string): string {
  const half = (s.length - 2) / 2;
  if (Number.isInteger(half) && half > 0 && s.slice(half, half + 2) === ': ' && s.slice(0, half).toLowerCase() === s.slice(half + 2).toLowerCase()) {
    return s.slice(half + 2);
  }

  return s;
}

/**
 * Engine sentences for volume, network and run failures that say too much or too little, each
 * as one line a person can act on (the wording is dockerd 20.10's, measured on the test engine).
 * The ids in them are shortened already.
 */
const REPHRASINGS: Array<[RegExp, (...groups: string[]) => string]> = [
  // remove v: volume is in use - [id1, id2]
  [/^remove (.+): volume is in use - \[(.*)\]$/, (name, ids) => `Volume ${name} is in use by container ${ids!.split(/,\s*/).join(', ')}: remove the container first`],
  // error while removing network: network n id abc has active endpoints
  [/^error while removing network: network (.+) id \S+ has active endpoints$/, (name) => `Network ${name} still has containers attached: disconnect them first`],
  // Conflict. The container name "/x" is already in use by container "id". You have to remove …
  [/^Conflict\. The container name "\/?(.+?)" is already in use by container "([^"]+)"/, (name, id) => `The name ${name} is already in use by container ${id}`],
  [/^network with name (.+) already exists$/, (name) => `A network named ${name} already exists`],
  // Invalid subnet 10.0.0/24 : invalid CIDR address: 10.0.0/24
  [/^Invalid subnet (.*?) ?: invalid CIDR address:/, (subnet) => `Invalid subnet "${subnet}": give it in CIDR form, e.g. 172.28.0.0/16`],
  [/^Pool overlaps with other one on this address space$/, () => 'That subnet overlaps the subnet of another network'],
  [/^failed to allocate gateway \((.+)\): Requested address is out of range$/, (gateway) => `The gateway ${gateway} is not inside the subnet`],
  // endpoint with name c already exists in network n
  [/^endpoint with name (.+) already exists in network (.+)$/, (container, network) => `Container ${container} is already connected to network ${network}`],
  // driver failed programming external connectivity on endpoint x (id): Bind for 0.0.0.0:80 failed: port is already allocated
  [/Bind for (\S+) failed: port is already allocated/, (address) => `Port ${address} is already taken by another container`],
  // Error starting userland proxy: listen tcp4 0.0.0.0:80: bind: address already in use
  [/listen (?:tcp|udp|sctp)\d? (\S+): bind: address already in use/, (address) => `Port ${address} is already in use on the host`],
  [/^No command specified$/, () => 'No command specified, and the image has no default command: give one'],
  // 404 on any container call. The ids come from the list on screen, so the container was there:
  // it was removed meanwhile (the screen follows once its event arrives).
  [/^No such container: (\S+)$/, (id) => `Container ${id} no longer exists`],
];

function rephrase(message: string): string {
  for (const [pattern, say] of REPHRASINGS) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1));
  }
  return message;
}

/** Where the failing connection went: the target's URL, else what the socket error names. */
function whereOf(e: ErrorLike, target?: HostTarget): string {
  if (target) return target.url;
  if (typeof e.address === 'string') {
    if (e.address.startsWith('/')) return `unix://${e.address}`;
    const host = e.address.includes(':') ? `[${e.address}]` : e.address;
    return typeof e.port === 'number' ? `tcp://${host}:${e.port}` : `tcp://${host}`;
  }

  if (typeof e.hostname === 'string') return e.hostname;
  return 'the engine';
}

/** The message the engine put in the body of an HTTP error, if any. */
function engineMessage(e: ErrorLike): string {
  const {json} = e;
  let body: unknown = json;
  if (Buffer.isBuffer(json)) body = json.toString('utf8');
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      // Plain text, e.g. "Client sent an HTTP request to an HTTPS server."
    }
  }

  if (typeof body === 'object' && body !== null) {
    const {message} = body as {message?: unknown};
    if (typeof message === 'string' && message.trim()) return message;
  } else if (typeof body === 'string' && body.trim()) {
    return body;
  }

  // Streamed calls (logs, stats, events) come with json null: the text is only in the message,
  // built by docker-modem as "(HTTP code N) <reason> - <engine message> ".
  if (typeof e.message === 'string') {
    const match = /^\(HTTP code \d+\) [^]*? - ([^]*)$/.exec(e.message);
    if (match?.[1]?.trim()) return match[1];
  }

  return typeof e.reason === 'string' && e.reason ? e.reason : '';
}

const UNTRUSTED_CODES = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT']);

const TLS_CODE = /CERT|SSL|TLS|OSSL|EPROTO|ERR_TLS/;

function isTlsError(e: ErrorLike): boolean {
  if (typeof e.code === 'string' && TLS_CODE.test(e.code)) return true;
  return typeof e.message === 'string' && /certificate|\bssl\b|\btls\b|handshake/i.test(e.message);
}

/** The readable part of a TLS failure: OpenSSL's reason when it gives one, else the message. */
function tlsReason(e: ErrorLike): string {
  if (typeof e.reason === 'string' && e.reason) return e.reason;
  const message = typeof e.message === 'string' ? e.message : '';
  // "write EPROTO 40…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/…"
  const ssl = /SSL routines:[^:]*:([^:]+)/.exec(message);
  return ssl ? ssl[1]! : message;
}

const GROUP_HINT = 'add your user to the docker group (sudo usermod -aG docker $USER, then log in again)';

/** One line for a connection-level failure, or undefined when `e` is not one. */
function connectionMessage(e: ErrorLike, target?: HostTarget): string | undefined {
  const where = whereOf(e, target);
  switch (e.code) {
    case 'ENOENT': {
      // Only a failed connect means "no socket"; an ENOENT from elsewhere keeps its own words.
      return e.syscall === 'connect' ? `cannot reach ${where}: no such socket (is the engine running?)` : undefined;
    }

    case 'ECONNREFUSED': {
      return `cannot reach ${where}: connection refused`;
    }

    case 'EACCES': {
      const socket = typeof e.address === 'string' ? e.address : target?.url.startsWith('unix://') ? target.url.slice(7) : where;
      return `permission denied on ${socket}: ${GROUP_HINT}`;
    }

    case 'ETIMEDOUT': {
      return `cannot reach ${where}: timed out`;
    }

    case 'EHOSTUNREACH': {
      return `cannot reach ${where}: no route to host`;
    }

    case 'ENETUNREACH': {
      return `cannot reach ${where}: network unreachable`;
    }

    case 'ENOTFOUND':
    case 'EAI_AGAIN': {
      const name = typeof e.hostname === 'string' ? e.hostname : where;
      return `cannot reach ${where}: unknown host "${name}"`;
    }

    case 'ECONNRESET':
    case 'EPIPE': {
      return `connection to ${where} was closed by the other side`;
    }

    default: {
      return undefined;
    }
  }
}

/**
 * One line for what ssh2 reports: a host key that known_hosts does not vouch for (why, from the
 * verifier's note, and the command that fixes it), an authentication failure, a handshake that
 * never finished. ssh2 marks these with a `level`.
 */
function sshMessage(e: ErrorLike, target?: HostTarget): string | undefined {
  const where = whereOf(e, target);
  if (e.level === 'client-authentication') {
    return `ssh to ${where}: authentication failed (no key was accepted: load yours with ssh-add, or set IdentityFile in ~/.ssh/config)`;
  }

  if (e.level === 'client-timeout') return `ssh to ${where}: no ssh handshake within ${SSH_READY_TIMEOUT_MS / 1000} s`;
  if (typeof e.message !== 'string' || !e.message.startsWith('Host denied')) return undefined;
  const refusal = target ? hostKeyRefusal(target.url) : undefined;
  if (!refusal) return `ssh to ${where}: the server's host key is not in ~/.ssh/known_hosts (connect once with ssh to check and add it)`;
  const keyscan = `ssh-keyscan -p ${refusal.port} ${refusal.host} >> ${refusal.knownHosts}`;
  if (refusal.verdict === 'changed') {
    return `ssh to ${where}: the host key of ${refusal.host}:${refusal.port} does not match ${refusal.knownHosts} (it changed, or someone is in between): if the change is expected, remove the old line (ssh-keygen -R) and run ${keyscan}`;
  }
  return `ssh to ${where}: the host key of ${refusal.host}:${refusal.port} is unknown (not in ${refusal.knownHosts}): check it and run ${keyscan}, or connect once with ssh`;
}

/** Why a registry did not answer, from the Go error after the URL ("dial tcp …: connect: connection refused"). */
function registryReason(rest: string): string {
  if (/connection refused$/.test(rest)) return 'connection refused';
  if (/no such host$/.test(rest)) return 'unknown host';
  if (/i\/o timeout|Client\.Timeout|request canceled while waiting|deadline exceeded/.test(rest)) return 'timed out';
  if (/server gave HTTP response to HTTPS client/.test(rest)) return 'it speaks plain HTTP (add it to "insecure-registries" in daemon.json)';
  if (/x509|certificate/.test(rest)) return `its certificate is not trusted (${rest.replace(/^.*?x509: /, '')})`;
  if (/connection reset by peer$/.test(rest)) return 'the connection was reset';
  if (/EOF$/.test(rest)) return 'the connection closed unexpectedly';
  return rest.replace(/^dial tcp [^ ]*: /, '');
}

/** Why the engine refused to remove an image, from the part after " - " of its conflict message. */
function removeConflict(reference: string, why: string, forceable: boolean): string {
  const using = /container ([0-9a-f]{12,}) is using its referenced image/.exec(why);
  if (using) return `Cannot remove image ${reference}: container ${using[1]} uses it (remove the container first${forceable ? ', or force' : ''})`;
  const running = /being used by running container ([0-9a-f]{12,})/.exec(why);
  if (running) return `Cannot remove image ${reference}: running container ${running[1]} uses it (stop and remove the container first)`;
  const stopped = /being used by stopped container ([0-9a-f]{12,})/.exec(why);
  if (stopped) return `Cannot remove image ${reference}: stopped container ${stopped[1]} uses it (remove the container first${forceable ? ', or force' : ''})`;
  if (/dependent child images/.test(why)) return `Cannot remove image ${reference}: other images are built on it (remove those first)`;
  if (/referenced in multiple repositories/.test(why)) return `Cannot remove image ${reference}: it has several tags (remove a tag at a time, or force)`;
  return `Cannot remove image ${reference}: ${why}`;
}

/**
 * Engine messages about images, pulls and builds that are not sentences a person reads easily,
 * rewritten as one; undefined for any other text. The names and container ids they carry stay.
 */
function imageMessage(text: string): string | undefined {
  const manifest = /^manifest for (\S+) not found\b/.exec(text);
  if (manifest) return `Image ${manifest[1]} was not found in its registry`;
  const denied = /^pull access denied for ([^,\s]+), repository does not exist/.exec(text);
  if (denied) return `Image ${denied[1]} was not found, or its registry needs a login (docker login)`;
  // Go's net/http errors: 'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused'
  const http = /^(?:Get|Head|Post|Put|Patch) "?https?:\/\/([^/"\s]+)[^"\s]*"?: (.*)$/.exec(text);
  if (http) return `Cannot reach registry ${http[1]}: ${registryReason(http[2]!)}`;
  const conflict = /^conflict: unable to (?:delete|remove repository reference) "?([^"\s]+)"? \((must force|must be forced|cannot be forced)\) - (.*)$/.exec(text);
  if (conflict) return removeConflict(conflict[1]!, conflict[3]!, conflict[2] !== 'cannot be forced');
  const step = /^The command '(.*)' returned a non-zero code: (\d+)$/.exec(text);
  if (step) return `Build step failed: '${step[1]}' exited with code ${step[2]}`;
  return undefined;
}

/**
 * One readable line for `err`, no stack; `target` names the host in connection errors.
 * Socket errors say what to check, TLS errors say the handshake failed and why, engine (HTTP)
 * errors give the engine's own sentence, 304 says "already in that state", and anything else
 * its first line with terminal control characters removed.
 */
export function describeError(err: unknown, target?: HostTarget): string {
  const text = describe(err, target);
  return text === '' ? 'unknown error' : text;
}

function describe(err: unknown, target?: HostTarget): string {
  if (err === undefined || err === null) return '';
  if (typeof err === 'string') return oneLine(err);
  if (typeof err !== 'object' || err === null) return oneLine(String(err));
  let e = err as ErrorLike;

  // Happy-eyeballs connects (Node ≥ 20) may fail with an AggregateError of per-address errors.
  if (e.code === undefined && Array.isArray(e.errors) && e.errors.length > 0 && typeof e.errors[0] === 'object') {
    e = e.errors[0] as ErrorLike;
  }

  if (typeof e.statusCode === 'number') {
    if (e.statusCode === 304) return 'already in that state';
    const message = shortenIds(oneLine(engineMessage(e)));
    return message ? imageMessage(message) ?? capitalise(rephrase(undouble(message))) : `The engine answered HTTP ${e.statusCode}`;
  }

  const connection = connectionMessage(e, target);
  if (connection) return connection;

  // Before TLS: ssh2's "Timed out while waiting for handshake" would read as a TLS failure.
  const ssh = sshMessage(e, target);
  if (ssh) return ssh;

  if (isTlsError(e)) {
    // Node's codes for "the chain does not lead to the CA we trust": say it in words.
    if (typeof e.code === 'string' && UNTRUSTED_CODES.has(e.code)) {
      return `TLS handshake with ${whereOf(e, target)} failed: the server's certificate is not signed by the CA given (${oneLine(tlsReason(e))})`;
    }
    return `TLS handshake with ${whereOf(e, target)} failed: ${oneLine(tlsReason(e))}`;
  }


  if (typeof e.message === 'string' && oneLine(e.message)) {
    // Errors sent inside a 200 stream (pull, build) reach us as plain messages.
    const message = oneLine(e.message);
    return imageMessage(shortenIds(message)) ?? message;
  }
  if (err instanceof Error) return oneLine(err.name);
  return oneLine(String(err));
}
