/**
 * How to open the ssh connection behind an ssh:// host, the way `ssh` itself would: the host
 * name, user, port and key from `~/.ssh/config` (the URL's user and port win, as on ssh's command
 * line), the agent from SSH_AUTH_SOCK, and the server's key checked against `~/.ssh/known_hosts`
 * — an unknown or changed key is refused, never accepted silently.
 *
 * ssh2 (through docker-modem) opens one connection per request; these options go to its connect.
 */
import {existsSync, readFileSync} from 'node:fs';
import {homedir, userInfo} from 'node:os';
import path from 'node:path';
import type {ConnectConfig} from 'ssh2';
import {HostError, type ParsedHost} from './hosts.js';
import {checkHostKey, type HostKeyVerdict} from './known-hosts.js';
import {expandIdentityPath, parseSshConfig, sshHostConfig} from './ssh-config.js';
import type {HostTarget} from './types.js';

/** How long an ssh connect may take, TCP connect and handshake together. */
export const SSH_READY_TIMEOUT_MS = 10_000;

/** Where and as whom to connect, and ssh2's options (agent, key, host key check, timeout). */
export type SshConnection = {host: string; port: number; username: string; sshOptions: ConnectConfig};

/** A host key refused by the last connect to a URL: what describeError explains. */
export type HostKeyRefusal = {verdict: Exclude<HostKeyVerdict, 'known'>; host: string; port: number; knownHosts: string};

/**
 * Refusals by target URL. ssh2 reports a refused key only as "Host denied (verification
 * failed)"; the verifier notes here why, so the error can say whether the key is new or changed.
 */
const refusals = new Map<string, HostKeyRefusal>();

/** Why the host key of `url` was refused at its last connect, if it was. */
export function hostKeyRefusal(url: string): HostKeyRefusal | undefined {
  return refusals.get(url);
}

/** True for a private key ssh2 cannot use without a passphrase (we never ask for one). */
export function isEncryptedKey(text: string): boolean {
  if (/^Proc-Type:\s*4,ENCRYPTED/m.test(text) || text.includes('BEGIN ENCRYPTED PRIVATE KEY')) return true;
  const openssh = /-----BEGIN OPENSSH PRIVATE KEY-----([^-]*)-----END/.exec(text);
  if (!openssh) return false;
  // openssh-key-v1\0, then a length-prefixed cipher name: "none" when not encrypted.
  const blob = Buffer.from(openssh[1]!.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0'.length;
  if (blob.length < magic + 4) return false;
  const length = blob.readUInt32BE(magic);
  return blob.subarray(magic + 4, magic + 4 + length).toString('latin1') !== 'none';
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The keys ssh tries when the config names none. */
const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * The connection for ssh:// `parsed`. `target.ssh.identityFile` must be readable (HostError when
 * not); keys from the config or the default names are used when present and unencrypted (an
 * encrypted one is left to the agent). `env` and `home` default to the process's.
 */
export function sshConnection(parsed: ParsedHost, target: HostTarget, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): SshConnection {
  const alias = parsed.hostname!.replace(/^\[(.*)]$/, '$1');
  const config = sshHostConfig(parseSshConfig(readIfThere(path.join(home, '.ssh', 'config')) ?? ''), alias);
  const host = config.hostName ?? alias;
  const port = parsed.port ?? config.port ?? 22;
  const localUser = userInfo().username;
  const username = parsed.user ?? config.user ?? localUser;

  let privateKey: string | undefined;
  const explicit = target.ssh?.identityFile;
  if (explicit) {
    const file = expandIdentityPath(explicit, {home, host, user: username, localUser});
    const text = readIfThere(file);
    if (text === undefined) throw new HostError(`cannot read the ssh key ${file} given for ${target.url}`);
    if (isEncryptedKey(text)) throw new HostError(`the ssh key ${file} is protected by a passphrase: add it to ssh-agent (ssh-add ${file}) instead`);
    privateKey = text;
  } else {
    const candidates = config.identityFiles.length > 0 ? config.identityFiles : DEFAULT_IDENTITIES.map(name => `~/.ssh/${name}`);
    for (const candidate of candidates) {
      const text = readIfThere(expandIdentityPath(candidate, {home, host, user: username, localUser}));
      if (text !== undefined && !isEncryptedKey(text)) {
        privateKey = text;
        break;
      }
    }
  }

  const knownHosts = path.join(home, '.ssh', 'known_hosts');
  const agent = env.SSH_AUTH_SOCK && existsSync(env.SSH_AUTH_SOCK) ? env.SSH_AUTH_SOCK : undefined;
  const sshOptions: ConnectConfig = {
    agent,
    privateKey,
    readyTimeout: SSH_READY_TIMEOUT_MS,
    // Read at each connect, so a key added with ssh-keyscan counts without a restart.
    hostVerifier: (key: Buffer) => {
      const text = [knownHosts, '/etc/ssh/ssh_known_hosts'].map(f => readIfThere(f) ?? '').join('\n');
      const verdict = checkHostKey(text, host, port, key);
      if (verdict === 'known') {
        refusals.delete(target.url);
        return true;
      }
      refusals.set(target.url, {verdict, host, port, knownHosts});
      return false;
    },
  };
  return {host, port, username, sshOptions};
}
