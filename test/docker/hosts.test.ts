import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {HostError, listContexts, parseHost, resolveHost, type HostInput} from '../../source/docker/hosts.js';

/** A committed DOCKER_CONFIG: currentContext "remote" (ssh), and a context "broken" whose meta.json has a trailing comma. */
const FIXTURE = fileURLToPath(new URL('fixtures/docker-config', import.meta.url));

const sha = (name: string) => createHash('sha256').update(name).digest('hex');

/** A fresh, empty DOCKER_CONFIG directory. */
function configDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ww-hosts-'));
}

/** Writes a context as `docker context create` does: meta by sha256 of the name, TLS files beside. */
function addContext(
  dir: string,
  name: string,
  docker: Record<string, unknown>,
  tls: Partial<Record<'ca.pem' | 'cert.pem' | 'key.pem', string>> = {},
): void {
  const meta = path.join(dir, 'contexts', 'meta', sha(name));
  mkdirSync(meta, {recursive: true});
  writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker}}));
  if (Object.keys(tls).length > 0) {
    const tlsDir = path.join(dir, 'contexts', 'tls', sha(name), 'docker');
    mkdirSync(tlsDir, {recursive: true});
    for (const [file, text] of Object.entries(tls)) writeFileSync(path.join(tlsDir, file), text);
  }
}

function writeFiles(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, {recursive: true});
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

/** Resolves with only the given environment, never the test process's own. */
const resolve = (input: HostInput & {env: NodeJS.ProcessEnv}) => resolveHost({home: '/nonexistent-home', ...input});

/** The HostError message `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HostError);
    const {message} = error as HostError;
    expect(message).not.toContain('\n');
    return message;
  }

  throw new Error('expected a HostError');
}

describe('resolveHost: the docker CLI order', () => {
  it('falls back to the default socket when nothing is set', () => {
    expect(resolve({env: {DOCKER_CONFIG: configDir()}})).toEqual({
      name: 'default',
      url: 'unix:///var/run/docker.sock',
      source: 'default',
    });
  });

  it('reads currentContext from $DOCKER_CONFIG/config.json', () => {
    expect(resolve({env: {DOCKER_CONFIG: FIXTURE}})).toEqual({name: 'remote', url: 'ssh://ops@box.example:2222', source: 'config'});
  });

  it('defaults DOCKER_CONFIG to <home>/.docker', () => {
    const home = configDir();
    const dir = path.join(home, '.docker');
    addContext(dir, 'lab', {Host: 'tcp://lab.example:2375'});
    writeFiles(dir, {'config.json': JSON.stringify({currentContext: 'lab'})});
    expect(resolveHost({env: {}, home})).toEqual({name: 'lab', url: 'tcp://lab.example:2375', source: 'config'});
  });

  it('DOCKER_CONTEXT beats config.json', () => {
    const dir = configDir();
    addContext(dir, 'other', {Host: 'unix:///run/other.sock'});
    writeFiles(dir, {'config.json': JSON.stringify({currentContext: 'missing-but-unused'})});
    expect(resolve({env: {DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'other'}})).toEqual({
      name: 'other',
      url: 'unix:///run/other.sock',
      source: 'DOCKER_CONTEXT',
    });
  });

  it('DOCKER_HOST beats DOCKER_CONTEXT and config.json', () => {
    expect(resolve({env: {DOCKER_CONFIG: FIXTURE, DOCKER_CONTEXT: 'nope', DOCKER_HOST: 'tcp://10.1.2.3:2375'}})).toEqual({
      name: '10.1.2.3',
      url: 'tcp://10.1.2.3:2375',
      source: 'DOCKER_HOST',
    });
  });

  it('--host beats DOCKER_HOST', () => {
    expect(resolve({host: 'unix:///tmp/x.sock', env: {DOCKER_CONFIG: FIXTURE, DOCKER_HOST: 'tcp://10.1.2.3:2375'}})).toEqual({
      name: '/tmp/x.sock',
      url: 'unix:///tmp/x.sock',
      source: '--host',
    });
  });

  it('--context beats DOCKER_HOST, as in docker/cli resolveContextName', () => {
    expect(resolve({context: 'remote', env: {DOCKER_CONFIG: FIXTURE, DOCKER_HOST: 'tcp://10.1.2.3:2375'}})).toEqual({
      name: 'remote',
      url: 'ssh://ops@box.example:2222',
      source: '--context',
    });
  });

  it('refuses --host together with --context, as the CLI does', () => {
    expect(refusal(() => resolve({host: 'tcp://a:1', context: 'remote', env: {DOCKER_CONFIG: FIXTURE}}))).toBe(
      'conflicting options: cannot use both --host and --context',
    );
  });

  it('context "default" is the default socket, or DOCKER_HOST when set', () => {
    expect(resolve({context: 'default', env: {DOCKER_CONFIG: FIXTURE}})).toEqual({
      name: 'default',
      url: 'unix:///var/run/docker.sock',
      source: '--context',
    });
    expect(resolve({context: 'default', env: {DOCKER_CONFIG: FIXTURE, DOCKER_HOST: 'tcp://h:2375'}})).toEqual({
      name: 'default',
      url: 'tcp://h:2375',
      source: '--context',
    });
  });

  it('treats empty DOCKER_HOST and DOCKER_CONTEXT as unset', () => {
    expect(resolve({env: {DOCKER_CONFIG: FIXTURE, DOCKER_HOST: '', DOCKER_CONTEXT: ''}}).source).toBe('config');
  });
});

describe('resolveHost: URLs', () => {
  const url = (host: string) => resolve({host, env: {DOCKER_CONFIG: configDir()}});

  it('normalises tcp, with 2375 as the default port', () => {
    expect(url('tcp://Box.Example')).toEqual({name: 'box.example', url: 'tcp://box.example:2375', source: '--host'});
    expect(url('tcp://:2375').url).toBe('tcp://localhost:2375');
    expect(url('tcp://[::1]:2375')).toEqual({name: '[::1]', url: 'tcp://[::1]:2375', source: '--host'});
    expect(url('tcp://h:2375/').url).toBe('tcp://h:2375');
  });

  it('takes a bare host:port (or host) as tcp', () => {
    expect(url('10.0.0.5:2375')).toEqual({name: '10.0.0.5', url: 'tcp://10.0.0.5:2375', source: '--host'});
    expect(url('box').url).toBe('tcp://box:2375');
  });

  it('keeps ssh user and port', () => {
    expect(url('ssh://deploy@srv.example:2222')).toEqual({name: 'srv.example', url: 'ssh://deploy@srv.example:2222', source: '--host'});
    expect(url('ssh://srv.example')).toEqual({name: 'srv.example', url: 'ssh://srv.example', source: '--host'});
    expect(parseHost('ssh://deploy@srv.example:2222')).toMatchObject({scheme: 'ssh', user: 'deploy', hostname: 'srv.example', port: 2222});
    expect(parseHost('ssh://srv.example')).toMatchObject({user: undefined, port: undefined});
  });

  it('names the default socket "default" and other sockets by path', () => {
    expect(url('unix:///var/run/docker.sock').name).toBe('default');
    expect(url('unix://').url).toBe('unix:///var/run/docker.sock');
  });

  it.each([
    ['foo://x', 'invalid host "foo://x": expected unix://, tcp:// or ssh://'],
    ['npipe:////./pipe/docker_engine', 'invalid host "npipe:////./pipe/docker_engine": expected unix://, tcp:// or ssh://'],
    ['unix://docker.sock', 'invalid host "unix://docker.sock": the socket path must be absolute (unix:///path/to/docker.sock)'],
    ['tcp://h:99999', 'invalid host "tcp://h:99999": bad port "99999"'],
    ['tcp://h:', 'invalid host "tcp://h:": bad port ""'],
    ['tcp://h:0', 'invalid host "tcp://h:0": bad port "0"'],
    ['h:abc', 'invalid host "h:abc": bad port "abc"'],
    ['tcp://h:2375/v1.41', 'invalid host "tcp://h:2375/v1.41": unexpected path "/v1.41"'],
    ['tcp://me@h:2375', 'invalid host "tcp://me@h:2375": tcp:// takes no user'],
    ['tcp://a b:1', 'invalid host "tcp://a b:1": not a valid host name'],
    ['ssh://me:secret@h', 'invalid host "ssh://me:secret@h": a password in an ssh:// URL is not supported: use your ssh agent'],
    ['ssh://', 'invalid host "ssh://": ssh:// needs a host'],
  ])('refuses %s', (host, message) => {
    expect(refusal(() => url(host))).toBe(message);
  });

  it('refuses a bad DOCKER_HOST the same way', () => {
    expect(refusal(() => resolve({env: {DOCKER_CONFIG: configDir(), DOCKER_HOST: 'http://h:2375'}}))).toBe(
      'invalid host "http://h:2375": expected unix://, tcp:// or ssh://',
    );
  });
});

describe('resolveHost: TLS from the environment', () => {
  const pem = {'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY'};

  it('DOCKER_TLS_VERIFY reads ca/cert/key from DOCKER_CERT_PATH and defaults the port to 2376', () => {
    const certs = writeFiles(path.join(configDir(), 'certs'), pem);
    expect(resolve({env: {DOCKER_CONFIG: configDir(), DOCKER_HOST: 'tcp://secure.example', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs}})).toEqual({
      name: 'secure.example',
      url: 'tcp://secure.example:2376',
      source: 'DOCKER_HOST',
      tls: {ca: 'CA', cert: 'CERT', key: 'KEY', verify: true},
    });
  });

  it('DOCKER_CERT_PATH defaults to DOCKER_CONFIG', () => {
    const dir = writeFiles(configDir(), pem);
    expect(resolve({host: 'tcp://s:2376', env: {DOCKER_CONFIG: dir, DOCKER_TLS_VERIFY: '1'}}).tls).toEqual({ca: 'CA', cert: 'CERT', key: 'KEY', verify: true});
  });

  it('port 2376 means TLS when certificate files are there, plain tcp otherwise', () => {
    const dir = writeFiles(configDir(), pem);
    expect(resolve({host: 'tcp://s:2376', env: {DOCKER_CONFIG: dir}}).tls).toEqual({ca: 'CA', cert: 'CERT', key: 'KEY', verify: true});
    expect(resolve({host: 'tcp://s:2376', env: {DOCKER_CONFIG: configDir()}}).tls).toBeUndefined();
    expect(resolve({host: 'tcp://s:2375', env: {DOCKER_CONFIG: dir}}).tls).toBeUndefined();
  });

  it('ignores TLS settings for unix and ssh hosts', () => {
    const env = {DOCKER_CONFIG: configDir(), DOCKER_TLS_VERIFY: '1'};
    expect(resolve({host: 'unix:///x.sock', env}).tls).toBeUndefined();
    expect(resolve({host: 'ssh://h', env}).tls).toBeUndefined();
  });

  it('says which TLS file is missing', () => {
    const noCa = writeFiles(path.join(configDir(), 'c'), {'cert.pem': 'CERT', 'key.pem': 'KEY'});
    expect(refusal(() => resolve({host: 'tcp://s', env: {DOCKER_CONFIG: configDir(), DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: noCa}}))).toBe(
      `TLS file missing: ${noCa}/ca.pem (DOCKER_TLS_VERIFY is set)`,
    );
    const noKey = writeFiles(path.join(configDir(), 'c'), {'ca.pem': 'CA', 'cert.pem': 'CERT'});
    expect(refusal(() => resolve({host: 'tcp://s', env: {DOCKER_CONFIG: configDir(), DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: noKey}}))).toBe(
      `TLS file missing: ${noKey}/key.pem (cert.pem has no key)`,
    );
    const noCert = writeFiles(path.join(configDir(), 'c'), {'key.pem': 'KEY'});
    expect(refusal(() => resolve({host: 'tcp://s:2376', env: {DOCKER_CONFIG: noCert}}))).toBe(
      `TLS file missing: ${noCert}/cert.pem (key.pem has no certificate)`,
    );
  });
});

describe('resolveHost: contexts', () => {
  it('finds a context by the sha256 of its name, TLS files included', () => {
    const dir = configDir();
    addContext(dir, 'prod', {Host: 'tcp://prod.example:2376', SkipTLSVerify: false}, {'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY'});
    expect(resolve({context: 'prod', env: {DOCKER_CONFIG: dir}})).toEqual({
      name: 'prod',
      url: 'tcp://prod.example:2376',
      source: '--context',
      tls: {ca: 'CA', cert: 'CERT', key: 'KEY', verify: true},
    });
  });

  it('honours SkipTLSVerify, with or without files', () => {
    const dir = configDir();
    addContext(dir, 'lax', {Host: 'tcp://lax:2376', SkipTLSVerify: true});
    expect(resolve({context: 'lax', env: {DOCKER_CONFIG: dir}}).tls).toEqual({verify: false});
  });

  it('uses plain tcp for a context without TLS files', () => {
    const dir = configDir();
    addContext(dir, 'plain', {Host: 'tcp://plain:2375'});
    expect(resolve({context: 'plain', env: {DOCKER_CONFIG: dir}}).tls).toBeUndefined();
  });

  it('does not apply DOCKER_TLS_VERIFY to a named context', () => {
    const dir = configDir();
    addContext(dir, 'plain', {Host: 'tcp://plain:2375'});
    expect(resolve({context: 'plain', env: {DOCKER_CONFIG: dir, DOCKER_TLS_VERIFY: '1'}}).tls).toBeUndefined();
  });

  it('treats an empty Host as the default socket', () => {
    const dir = configDir();
    addContext(dir, 'empty', {Host: ''});
    expect(resolve({context: 'empty', env: {DOCKER_CONFIG: dir}}).url).toBe('unix:///var/run/docker.sock');
  });

  it('refuses an unknown context, naming where it looked', () => {
    const dir = configDir();
    expect(refusal(() => resolve({context: 'prod', env: {DOCKER_CONFIG: dir}}))).toBe(
      `unknown context "prod": no such context in ${dir}/contexts`,
    );
    expect(refusal(() => resolveHost({env: {DOCKER_CONTEXT: 'prod'}, home: '/root'}))).toBe(
      'unknown context "prod": no such context in /root/.docker/contexts',
    );
  });

  it('refuses a malformed meta.json, with the parser\'s reason', () => {
    const file = path.join(FIXTURE, 'contexts', 'meta', sha('broken'), 'meta.json');
    let reason = '';
    try {
      JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      reason = (error as Error).message;
    }

    expect(reason).not.toBe('');
    expect(refusal(() => resolve({context: 'broken', env: {DOCKER_CONFIG: FIXTURE}}))).toBe(`context "broken": malformed meta.json (${reason})`);
  });

  it('refuses meta.json without a docker endpoint or with a bad host', () => {
    const dir = configDir();
    const meta = path.join(dir, 'contexts', 'meta', sha('k8s'));
    writeFiles(meta, {'meta.json': JSON.stringify({Name: 'k8s', Endpoints: {kubernetes: {}}})});
    expect(refusal(() => resolve({context: 'k8s', env: {DOCKER_CONFIG: dir}}))).toBe('context "k8s": malformed meta.json (no Endpoints.docker)');
    addContext(dir, 'num', {Host: 42});
    expect(refusal(() => resolve({context: 'num', env: {DOCKER_CONFIG: dir}}))).toBe(
      'context "num": malformed meta.json (Endpoints.docker.Host is not a string)',
    );
    addContext(dir, 'odd', {Host: 'foo://x'});
    expect(refusal(() => resolve({context: 'odd', env: {DOCKER_CONFIG: dir}}))).toBe(
      'context "odd": invalid host "foo://x": expected unix://, tcp:// or ssh://',
    );
  });

  it('says which TLS file of a context is missing', () => {
    const dir = configDir();
    addContext(dir, 'half', {Host: 'tcp://half:2376'}, {'ca.pem': 'CA', 'cert.pem': 'CERT'});
    expect(refusal(() => resolve({context: 'half', env: {DOCKER_CONFIG: dir}}))).toBe(
      `context "half": TLS file missing: ${dir}/contexts/tls/${sha('half')}/docker/key.pem (cert.pem has no key)`,
    );
  });

  it('refuses a malformed config.json only when it is needed', () => {
    const dir = writeFiles(configDir(), {'config.json': '{"currentContext": '});
    let reason = '';
    try {
      JSON.parse('{"currentContext": ');
    } catch (error) {
      reason = (error as Error).message;
    }

    expect(refusal(() => resolve({env: {DOCKER_CONFIG: dir}}))).toBe(`config.json at ${dir}/config.json: malformed JSON (${reason})`);
    expect(resolve({host: 'tcp://h:1', env: {DOCKER_CONFIG: dir}}).url).toBe('tcp://h:1');

    const notString = writeFiles(configDir(), {'config.json': '{"currentContext": 7}'});
    expect(refusal(() => resolve({env: {DOCKER_CONFIG: notString}}))).toBe(
      `config.json at ${notString}/config.json: malformed JSON (currentContext is not a string)`,
    );
  });
});

describe('listContexts', () => {
  it('lists default first, then contexts by name, marking the current one and the broken ones', () => {
    const list = listContexts({env: {DOCKER_CONFIG: FIXTURE}, home: '/nonexistent-home'});
    expect(list.map(({error, ...rest}) => ({...rest, broken: error !== undefined}))).toEqual([
      {name: 'default', url: 'unix:///var/run/docker.sock', current: false, broken: false},
      {name: 'broken', url: '', current: false, broken: true},
      {name: 'remote', url: 'ssh://ops@box.example:2222', current: true, broken: false},
    ]);
    expect(list[1]!.error).toMatch(/^context "broken": malformed meta\.json \(/);
  });

  it('marks default current when a host is given, and shows that host', () => {
    expect(listContexts({env: {DOCKER_CONFIG: FIXTURE, DOCKER_HOST: 'tcp://h:2375'}})[0]).toEqual({name: 'default', url: 'tcp://h:2375', current: true});
  });

  it('lists only default without a contexts directory', () => {
    expect(listContexts({env: {DOCKER_CONFIG: configDir()}})).toEqual([{name: 'default', url: 'unix:///var/run/docker.sock', current: true}]);
  });
});
