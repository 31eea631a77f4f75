import {createHmac} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {checkHostKey, keyType, knownHostsName} from '../../source/docker/known-hosts.js';
import {isEncryptedKey} from '../../source/docker/ssh-connect.js';

/** An ssh wire-format key blob: length-prefixed type, then some key bytes. */
function blob(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, Buffer.from(body)]);
}

const KEY = blob('ssh-ed25519', 'the-right-key');
const OTHER = blob('ssh-ed25519', 'another-key');
const RSA = blob('ssh-rsa', 'an-rsa-key');
const line = (hosts: string, key: Buffer) => `${hosts} ${keyType(key)} ${key.toString('base64')}`;
const hashed = (name: string, salt = Buffer.from('0123456789abcdef0123')) =>
  `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;

describe('known_hosts', () => {
  it('names hosts as ssh files them', () => {
    expect(knownHostsName('srv', 22)).toBe('srv');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('knows a key from a plain, a listed or a wildcard line', () => {
    expect(checkHostKey(line('srv', KEY), 'srv', 22, KEY)).toBe('known');
    expect(checkHostKey(line('a,SRV,b', KEY), 'srv', 22, KEY)).toBe('known');
    expect(checkHostKey(line('[127.0.0.1]:2222', KEY), '127.0.0.1', 2222, KEY)).toBe('known');
    expect(checkHostKey(line('*.example.com', KEY), 'x.example.com', 22, KEY)).toBe('known');
  });

  it('knows a key from a hashed line', () => {
    expect(checkHostKey(line(hashed('[127.0.0.1]:2222'), KEY), '127.0.0.1', 2222, KEY)).toBe('known');
    expect(checkHostKey(line(hashed('[127.0.0.1]:2223'), KEY), '127.0.0.1', 2222, KEY)).toBe('unknown');
  });

  it('says unknown when no line is for the host, or the port differs', () => {
    expect(checkHostKey('', 'srv', 22, KEY)).toBe('unknown');
    expect(checkHostKey(line('srv', KEY), 'srv', 2222, KEY)).toBe('unknown');
    expect(checkHostKey(`# srv ssh-ed25519 x\n${line('other', KEY)}`, 'srv', 22, KEY)).toBe('unknown');
    // Only a key of another type on file: ssh would also not call it changed.
    expect(checkHostKey(line('srv', RSA), 'srv', 22, KEY)).toBe('unknown');
  });

  it('says changed when the host has another key of that type, or the key is revoked', () => {
    expect(checkHostKey(line('srv', OTHER), 'srv', 22, KEY)).toBe('changed');
    expect(checkHostKey(`${line('srv', OTHER)}\n${line('srv', KEY)}`, 'srv', 22, KEY)).toBe('known');
    expect(checkHostKey(`${line('srv', KEY)}\n@revoked ${line('*', KEY)}`, 'srv', 22, KEY)).toBe('changed');
    // CA lines are not host keys.
    expect(checkHostKey(`@cert-authority ${line('srv', KEY)}`, 'srv', 22, KEY)).toBe('unknown');
  });
});

describe('isEncryptedKey', () => {
  const openssh = (cipher: string) => {
    const magic = Buffer.from('openssh-key-v1\0');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(cipher.length);
    const body = Buffer.concat([magic, len, Buffer.from(cipher), Buffer.alloc(16)]).toString('base64');
    return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
  };

  it('tells passphrase-protected keys from plain ones', () => {
    expect(isEncryptedKey(openssh('none'))).toBe(false);
    expect(isEncryptedKey(openssh('aes256-ctr'))).toBe(true);
    expect(isEncryptedKey('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: x\n\nAAAA\n-----END RSA PRIVATE KEY-----')).toBe(true);
    expect(isEncryptedKey('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----')).toBe(false);
  });
});
