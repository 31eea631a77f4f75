import {describe, expect, it, vi} from 'vitest';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {hasSecrets, isSecretName, MASK, maskEnvEntry, maskSecrets, maskSecretsInText} from '../../source/format/secrets.js';

describe('secret-looking environment values', () => {
  it.each(['PASSWORD', 'POSTGRES_PASSWORD', 'DB_PASS', 'MYSQL_ROOT_PASSWD', 'SECRET', 'JWT_SECRET_KEY', 'GITHUB_TOKEN', 'API_KEY', 'KEY', 'AWS_ACCESS_KEY_ID', 'SSH_PRIVATE', 'BASIC_AUTH', 'TLS_CERT', 'apikey', 'credentials'])('masks %s', (name) => {
    expect(isSecretName(name)).toBe(true);
    expect(maskEnvEntry(`${name}=hunter2`)).toBe(`${name}=${MASK}`);
  });

  it.each(['PATH', 'HOME', 'KEYBOARD_LAYOUT', 'MONKEY', 'LANG', 'TZ', 'HOSTNAME'])('leaves %s alone', (name) => {
    expect(isSecretName(name)).toBe(false);
    expect(maskEnvEntry(`${name}=x`)).toBe(`${name}=x`);
  });

  it('leaves empty values and entries without = as they are', () => {
    expect(maskEnvEntry('PASSWORD=')).toBe('PASSWORD=');
    expect(maskEnvEntry('PASSWORD')).toBe('PASSWORD');
  });

  it('masks every Env list of an inspect document and nothing else', () => {
    const doc = {Config: {Env: ['A=1', 'DB_PASSWORD=s3cret'], Labels: {PASSWORD: 'label stays'}}, ContainerConfig: {Env: ['TOKEN=t']}, Name: '/x'};
    const masked = maskSecrets(doc);
    expect(masked).toEqual({Config: {Env: ['A=1', `DB_PASSWORD=${MASK}`], Labels: {PASSWORD: 'label stays'}}, ContainerConfig: {Env: [`TOKEN=${MASK}`]}, Name: '/x'});
    expect(doc.Config.Env[1]).toBe('DB_PASSWORD=s3cret');
    expect(JSON.stringify(masked)).not.toContain('s3cret');
    expect(hasSecrets(doc)).toBe(true);
    expect(hasSecrets({Config: {Env: ['A=1']}})).toBe(false);
  });

  it('masks NAME=value pairs wherever they stand in a line of text', () => {
    expect(maskSecretsInText('create failed: Env [PATH=/bin DB_PASSWORD=hunter2 GITHUB_TOKEN=ghp_x1] x')).toBe(`create failed: Env [PATH=/bin DB_PASSWORD=${MASK} GITHUB_TOKEN=${MASK}] x`);
    expect(maskSecretsInText('{"Env":["API_KEY=abc","LANG=C"]}')).toBe(`{"Env":["API_KEY=${MASK}","LANG=C"]}`);
    expect(maskSecretsInText('no pairs here, KEYBOARD=us')).toBe('no pairs here, KEYBOARD=us');
  });

  it('never writes a secret-looking value to the log file', async () => {
    const state = mkdtempSync(join(tmpdir(), 'ww-log-'));
    const saved = process.env.XDG_STATE_HOME;
    process.env.XDG_STATE_HOME = state;
    try {
      // LOG_FILE is read from the environment once, when the module loads.
      vi.resetModules();
      const terminal = await import('../../source/terminal.js');
      terminal.log('console.warn: container env: POSTGRES_PASSWORD=s3cr3t HOME=/root');
    } finally {
      if (saved === undefined) delete process.env.XDG_STATE_HOME;
      else process.env.XDG_STATE_HOME = saved;
    }
    const written = readFileSync(join(state, 'whalewatch', 'whalewatch.log'), 'utf8');
    expect(written).toContain(`POSTGRES_PASSWORD=${MASK} HOME=/root`);
    expect(written).not.toContain('s3cr3t');
  });
});
