/**
 * Checks an ssh server's host key against OpenSSH's known_hosts text, as `ssh` does with
 * StrictHostKeyChecking: a key is trusted only when a line for that host (plain, `[host]:port`,
 * wildcard or hashed `|1|salt|hash`) holds exactly that key. Pure: text and key in, verdict out.
 */
import {createHmac} from 'node:crypto';
import {matchesHost} from './ssh-config.js';

/** `known`: a line holds this key. `changed`: lines for the host hold another key of the same type (or it is @revoked). `unknown`: no line for it. */
export type HostKeyVerdict = 'known' | 'unknown' | 'changed';

/** The name known_hosts files the host under: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type at the start of an ssh wire-format public key blob (e.g. "ssh-ed25519"), or ''. */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  return length > 0 && 4 + length <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : '';
}

/** True when a known_hosts host field (comma-separated names, or one hashed entry) covers `name`. */
function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  // Entries are patterns like Host lines; `[host]:port` brackets are literal, not wildcards.
  return matchesHost(name, field.split(','));
}

/**
 * The verdict for the key `blob` (ssh wire format, as ssh2's hostVerifier gets it) offered by
 * `host` on `port`, from the text of known_hosts files. @cert-authority lines are skipped (no
 * certificate support); a @revoked key is refused as changed.
 */
export function checkHostKey(text: string, host: string, port: number, blob: Buffer): HostKeyVerdict {
  const name = knownHostsName(host.toLowerCase(), port);
  const type = keyType(blob);
  let sameTypeOther = false;
  let known = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]!.startsWith('@')) {
      marker = fields[0];
      fields = fields.slice(1);
    }
    if (fields.length < 3 || marker === '@cert-authority') continue;
    const [hosts, lineType, base64] = fields as [string, string, string];
    if (!hostFieldMatches(hosts, name)) continue;
    const same = Buffer.from(base64, 'base64').equals(blob);
    if (marker === '@revoked') {
      // A revoked key stays refused whatever other lines say.
      if (same) return 'changed';
      continue;
    }
    if (same) known = true;
    else if (lineType === type) sameTypeOther = true;
  }
  if (known) return 'known';
  return sameTypeOther ? 'changed' : 'unknown';
}
