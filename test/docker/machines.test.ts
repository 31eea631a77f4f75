import {chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {contextDirName} from '../../source/docker/hosts.js';
import {discoverMachines, envScript, machineStorePath} from '../../source/docker/machines.js';
import {configFile, readHostConfig, saveHosts, validateAddedHost, writeFileAtomic} from '../../source/docker/host-config.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'ww-machines-'));

function write(file: string, text: string): string {
  mkdirSync(path.dirname(file), {recursive: true});
  writeFileSync(file, text);
  return file;
}

function addContext(dir: string, name: string, docker: Record<string, unknown>, tls: Record<string, string> = {}) {
  write(path.join(dir, 'contexts', 'meta', contextDirName(name), 'meta.json'), JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker}}));
  for (const [file, text] of Object.entries(tls)) write(path.join(dir, 'contexts', 'tls', contextDirName(name), 'docker', file), text);
}

/** A machine as `docker-machine create` leaves it (config.json trimmed to the fields read, and a few more). */
function addMachine(store: string, name: string, ip: string | undefined, extra: {tlsVerify?: boolean} = {}) {
  const dir = path.join(store, 'machines', name);
  const certs = path.join(store, 'certs');
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) {
    write(path.join(certs, f), `${f} of the store`);
    write(path.join(dir, f), `${f} of ${name}`);
  }
  const config = {
    ConfigVersion: 3,
    Driver: {IPAddress: ip, MachineName: name, SSHUser: 'docker', SSHPort: 22, StorePath: store},
    DriverName: 'virtualbox',
    HostOptions: {
      EngineOptions: {TlsVerify: extra.tlsVerify ?? true, InstallURL: 'https://get.docker.com'},
      AuthOptions: {
        CertDir: certs,
        CaCertPath: path.join(certs, 'ca.pem'),
        ClientKeyPath: path.join(certs, 'key.pem'),
        ClientCertPath: path.join(certs, 'cert.pem'),
        StorePath: dir,
      },
    },
    Name: name,
  };
  write(path.join(dir, 'config.json'), JSON.stringify(config));
}

/** An environment with nothing from the test process in it. */
function world() {
  const root = temp();
  const env = {DOCKER_CONFIG: path.join(root, 'docker'), MACHINE_STORAGE_PATH: path.join(root, 'machine'), XDG_CONFIG_HOME: path.join(root, 'xdg')};
  return {root, env, home: path.join(root, 'home')};
}

describe('discoverMachines', () => {
  it('lists the environment engine, contexts, machines and added hosts, broken ones with their reason', () => {
    const {env, home} = world();
    addContext(env.DOCKER_CONFIG, 'prod', {Host: 'tcp://prod.example:2376'}, {'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY'});
    addContext(env.DOCKER_CONFIG, 'lab', {Host: 'ssh://ops@lab.example'});
    write(path.join(env.DOCKER_CONFIG, 'contexts', 'meta', contextDirName('broken'), 'meta.json'), '{"Name": "broken", "Endpoints": {,}}');
    addMachine(env.MACHINE_STORAGE_PATH, 'dev', '192.168.99.100');
    addMachine(env.MACHINE_STORAGE_PATH, 'stopped', undefined);
    write(path.join(env.MACHINE_STORAGE_PATH, 'machines', 'mangled', 'config.json'), '{"Name": "mangled", "Driver": ');
    mkdirSync(path.join(env.MACHINE_STORAGE_PATH, 'machines', 'not-a-machine'), {recursive: true});
    write(configFile(env, home), JSON.stringify({hosts: [{name: 'box', url: 'unix:///run/box.sock'}, {name: 'bad', url: 'http://x'}, {url: 'tcp://nameless:2375'}]}));

    const {entries, config} = discoverMachines({env, home});
    expect(config.error).toBeUndefined();
    expect(entries.map((e) => [e.source, e.name, e.url, e.error === undefined ? 'ok' : 'broken'])).toEqual([
      ['env', 'default', 'unix:///var/run/docker.sock', 'ok'],
      ['context', 'broken', '', 'broken'],
      ['context', 'lab', 'ssh://ops@lab.example', 'ok'],
      ['context', 'prod', 'tcp://prod.example:2376', 'ok'],
      ['machine', 'dev', 'tcp://192.168.99.100:2376', 'ok'],
      ['machine', 'mangled', '', 'broken'],
      ['machine', 'stopped', '', 'broken'],
      ['added', 'box', 'unix:///run/box.sock', 'ok'],
      ['added', 'bad', 'http://x', 'broken'],
      ['added', 'hosts[2]', '', 'broken'],
    ]);
    const by = (name: string) => entries.find((e) => e.name === name)!;
    expect(by('broken').error).toMatch(/^context "broken": malformed meta\.json \(/);
    expect(by('mangled').error).toMatch(/^machine "mangled": malformed config\.json \(/);
    expect(by('stopped').error).toBe('machine "stopped": no IP address in config.json (has it been started? docker-machine start stopped)');
    expect(by('bad').error).toBe('added host "bad": invalid host "http://x": expected unix://, tcp:// or ssh://');
    expect(by('hosts[2]').error).toBe('added host "hosts[2]": no name');
    expect(by('prod').target).toEqual({name: 'prod', url: 'tcp://prod.example:2376', source: 'context', tls: {ca: 'CA', cert: 'CERT', key: 'KEY', verify: true}});
    expect(by('lab').ip).toBe('lab.example');
  });

  it('reads a docker-machine machine as `docker-machine ip/url/env` print it, with the certificates of its config', () => {
    const {env, home} = world();
    addMachine(env.MACHINE_STORAGE_PATH, 'dev', '192.168.99.100');
    const dev = discoverMachines({env, home}).entries.find((e) => e.source === 'machine')!;
    expect(dev.ip).toBe('192.168.99.100');
    expect(dev.url).toBe('tcp://192.168.99.100:2376');
    expect(dev.driver).toBe('virtualbox');
    expect(dev.target).toEqual({
      name: 'dev',
      url: 'tcp://192.168.99.100:2376',
      source: 'machine',
      tls: {ca: 'ca.pem of the store', cert: 'cert.pem of the store', key: 'key.pem of the store', verify: true},
    });
    const dir = path.join(env.MACHINE_STORAGE_PATH, 'machines', 'dev');
    expect(envScript(dev.env)).toBe(
      `export DOCKER_TLS_VERIFY="1"\nexport DOCKER_HOST="tcp://192.168.99.100:2376"\nexport DOCKER_CERT_PATH="${dir}"\nexport DOCKER_MACHINE_NAME="dev"`,
    );
  });

  it('makes a machine whose certificate is missing a broken entry naming the file', () => {
    const {env, home} = world();
    addMachine(env.MACHINE_STORAGE_PATH, 'dev', '10.0.0.9');
    const ca = path.join(env.MACHINE_STORAGE_PATH, 'certs', 'ca.pem');
    const config = path.join(env.MACHINE_STORAGE_PATH, 'machines', 'dev', 'config.json');
    writeFileSync(config, readFileSync(config, 'utf8').replace(ca, `${ca}.gone`));
    const dev = discoverMachines({env, home}).entries.find((e) => e.source === 'machine')!;
    expect(dev.error).toBe(`machine "dev": cannot read the CA certificate ${ca}.gone: no such file`);
    expect(dev.url).toBe('tcp://10.0.0.9:2376');
  });

  it('uses DOCKER_HOST for the environment entry, and ~/.docker/machine without MACHINE_STORAGE_PATH', () => {
    const {env, home} = world();
    const entries = discoverMachines({env: {...env, DOCKER_HOST: 'tcp://10.1.2.3:2375'}, home}).entries;
    expect(entries[0]).toMatchObject({source: 'env', name: 'DOCKER_HOST', url: 'tcp://10.1.2.3:2375', ip: '10.1.2.3'});
    expect(envScript(entries[0]!.env)).toBe('export DOCKER_HOST="tcp://10.1.2.3:2375"');
    expect(machineStorePath({env: {}, home: '/h'})).toBe('/h/.docker/machine');
    expect(configFile({}, '/h')).toBe('/h/.config/whalewatch/config.json');
  });

  it('quotes values for the shell when they hold anything unusual', () => {
    expect(envScript([['DOCKER_CERT_PATH', "/tmp/a b/it's"]])).toBe(`export DOCKER_CERT_PATH='/tmp/a b/it'\\''s'`);
  });

  it('reports an unreadable config file and keeps listing the rest', () => {
    const {env, home} = world();
    const file = write(configFile(env, home), '{"hosts": [');
    const {entries, config} = discoverMachines({env, home});
    expect(config.error).toMatch(new RegExp(`^${file.replaceAll('/', '\\/')}: malformed JSON \\(`));
    expect(entries.map((e) => e.source)).toEqual(['env']);
  });
});

describe('the whalewatch config file', () => {
  it('saves atomically, keeping unknown keys and broken entries, leaving no temp file', () => {
    const {env, home} = world();
    const file = write(configFile(env, home), JSON.stringify({theme: 'dark', hosts: [{name: 'a', url: 'unix:///a.sock'}, {name: 7}]}));
    const config = readHostConfig(file);
    expect(config.hosts).toEqual([{name: 'a', url: 'unix:///a.sock'}]);
    saveHosts(config, [...config.hosts, {name: 'b', url: 'tcp://b:2376', tls: {ca: '/c/ca.pem', verify: true}}]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      theme: 'dark',
      hosts: [{name: 'a', url: 'unix:///a.sock'}, {name: 'b', url: 'tcp://b:2376', tls: {ca: '/c/ca.pem', verify: true}}, {name: 7}],
    });
    expect(readdirSync(path.dirname(file))).toEqual(['config.json']);
  });

  it('creates the directory and the file when there is none', () => {
    const {env, home} = world();
    const config = readHostConfig(configFile(env, home));
    expect(config.hosts).toEqual([]);
    expect(config.error).toBeUndefined();
    saveHosts(config, [{name: 'x', url: 'unix:///x.sock'}]);
    expect(readHostConfig(config.file).hosts).toEqual([{name: 'x', url: 'unix:///x.sock'}]);
  });

  it('never overwrites a malformed or unreadable file', () => {
    const {env, home} = world();
    const file = write(configFile(env, home), '{"hosts": [ oops');
    const config = readHostConfig(file);
    expect(() => saveHosts(config, [{name: 'x', url: 'unix:///x.sock'}])).toThrow(/^not saved: .*malformed JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{"hosts": [ oops');

    const locked = write(path.join(temp(), 'config.json'), '{"hosts": []}');
    chmodSync(locked, 0o000);
    const unreadable = readHostConfig(locked);
    // Root reads anything: only check the refusal where the file really is unreadable.
    if (unreadable.error) {
      expect(unreadable.error).toBe(`cannot read ${locked}: EACCES`);
      expect(() => saveHosts(unreadable, [])).toThrow(/^not saved: cannot read/);
    }
    chmodSync(locked, 0o600);
    const dir = write(path.join(temp(), 'config.json', 'inside'), '');
    const isDir = readHostConfig(path.dirname(dir));
    expect(isDir.error).toBe(`cannot read ${path.dirname(dir)}: EISDIR`);
    expect(() => saveHosts(isDir, [])).toThrow(/^not saved/);
  });

  it('writeFileAtomic replaces the whole file or nothing', () => {
    const file = write(path.join(temp(), 'f.json'), 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(path.dirname(file))).toEqual(['f.json']);
  });

  it('validates an added host: name, and a unix/tcp/ssh URL', () => {
    expect(validateAddedHost({name: 'a', url: 'tcp://h:2376'}, [])).toEqual({});
    expect(validateAddedHost({name: '', url: ''}, [])).toEqual({name: 'a name is needed', url: 'a URL is needed: unix:///path, tcp://host:port or ssh://user@host'});
    expect(validateAddedHost({name: 'a', url: 'h:2375'}, ['a'])).toEqual({name: 'a host named a exists already', url: 'the URL starts with unix://, tcp:// or ssh://'});
    expect(validateAddedHost({name: 'b', url: 'tcp://h:99999'}, [])).toEqual({url: 'invalid host "tcp://h:99999": bad port "99999"'});
  });
});
