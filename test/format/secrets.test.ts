import {describe, expect, it} from 'vitest';
import {hasSecrets, isSecretName, MASK, maskEnvEntry, maskSecrets} from '../../source/format/secrets.js';

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
});
