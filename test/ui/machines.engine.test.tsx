import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, lineWith, renderApp, testStore} from './render.js';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE, testDocker, testHost, uniqueName} from '../engine/fixtures.js';
import {startEngine, type EngineHandle} from '../engine/engine.js';
import {makeTlsFiles, type TlsFiles} from '../engine/tls.js';
import {MachinesMonitor} from '../../source/store/machines.js';
import {configFile} from '../../source/docker/host-config.js';
import {createAppMemory, type AppMemory} from '../../source/ui/App.js';
import type {Store} from '../../source/store/store.js';

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sha = (name: string) => createHash('sha256').update(name).digest('hex');

/** Writes a Docker context as `docker context create NAME --docker host=URL` does. */
function addContext(dockerConfig: string, name: string, host: string) {
  const dir = path.join(dockerConfig, 'contexts', 'meta', sha(name));
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker: {Host: host, SkipTLSVerify: false}}}));
}

describe('the Machines pane with a second real engine', () => {
  let second: EngineHandle;
  let secondDocker: Dockerode;
  let store: Store;
  let memory: AppMemory;
  let app: ReturnType<typeof renderApp> | undefined;
  let root: string;
  let env: NodeJS.ProcessEnv;
  const name = uniqueName('ww-second-only');
  let hang: net.Server;
  let hangPath: string;
  const sockets: net.Socket[] = [];
  let tls: TlsFiles;
  let wrongCa: TlsFiles;
  let port: number;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ww-machines-ui-'));
    tls = makeTlsFiles(path.join(root, 'tls'));
    wrongCa = makeTlsFiles(path.join(root, 'wrong'), 'some other CA');
    port = await freePort();
    // The second engine also listens on TCP with TLS, client certificates required (--tlsverify).
    second = await startEngine({
      tag: 'machines-test',
      args: ['-H', `tcp://127.0.0.1:${port}`, '--tlsverify', '--tlscacert', tls.ca, '--tlscert', tls.serverCert, '--tlskey', tls.serverKey],
    });
    secondDocker = new Dockerode({socketPath: new URL(second.host).pathname});
    // The second engine has no images: give it the fixture image from the suite's engine.
    await secondDocker.loadImage((await testDocker().getImage(FIXTURE_IMAGE).get()) as NodeJS.ReadableStream);
    await (
      await secondDocker.createContainer({name, Image: FIXTURE_IMAGE, Cmd: ['sh', '-c', 'while true; do sleep 1; done'], Labels: {[TEST_LABEL]: TEST_LABEL_VALUE}, StopTimeout: 1})
    ).start();
    env = {DOCKER_CONFIG: path.join(root, 'docker'), XDG_CONFIG_HOME: path.join(root, 'xdg'), MACHINE_STORAGE_PATH: path.join(root, 'machine'), DOCKER_HOST: testHost()};
    addContext(env.DOCKER_CONFIG!, 'second', second.host);
    // A socket that accepts and never answers: the probe must say "timing out", keys go on working.
    hangPath = path.join('/tmp', `ww-hang-${process.pid}.sock`);
    rmSync(hangPath, {force: true});
    hang = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => hang.listen(hangPath, resolve));
    mkdirSync(path.dirname(configFile(env, root)), {recursive: true});
    writeFileSync(
      configFile(env, root),
      JSON.stringify({
        hosts: [
          {name: 'silent', url: `unix://${hangPath}`},
          {name: 'tls-right', url: `tcp://127.0.0.1:${port}`, tls: {ca: tls.ca, cert: tls.cert, key: tls.key, verify: true}},
          {name: 'tls-wrong-ca', url: `tcp://127.0.0.1:${port}`, tls: {ca: wrongCa.ca, cert: tls.cert, key: tls.key, verify: true}},
          {name: 'tls-no-cert', url: `tcp://127.0.0.1:${port}`, tls: {ca: tls.ca, verify: true}},
        ],
      }),
    );
  });

  beforeAll(async () => {
    store = testStore();
    await store.start();
  });

  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  afterAll(async () => {
    store?.stop();
    memory?.store?.stop();
    memory?.machines?.stop();
    for (const socket of sockets) socket.destroy();
    hang?.close();
    await secondDocker?.getContainer(name).remove({force: true}).catch(() => undefined);
    await second?.stop();
    rmSync(root, {recursive: true, force: true});
  });

  it('lists both engines and a silent socket, switches to the second engine, and shows its containers', async () => {
    memory = createAppMemory();
    const machines = new MachinesMonitor({env, home: root, timeoutMs: 3000, intervalMs: 2000});
    app = renderApp(store, {columns: 180, rows: 30}, {memory, machines});
    await app.waitFor((f) => f.includes('Containers'));
    await app.press('5');
    const listed = await app.waitFor((f) => lineWith(f, 'DOCKER_HOST').includes('connected') && lineWith(f, 'second').includes('connected') && lineWith(f, 'silent').includes('timing out'));
    // The suite's engine is active (DOCKER_HOST = its socket), with what its engine says.
    expect(lineWith(listed, 'DOCKER_HOST')).toMatch(/\* DOCKER_HOST\s+env\s+unix:\/\/\/tmp\/ww-/);
    expect(lineWith(listed, 'DOCKER_HOST')).toMatch(/20\.10\.\d+.*linux\/x86_64/);
    expect(lineWith(listed, 'second')).toMatch(/context\s+unix:\/\/\/tmp\/ww-.*connected/);
    expect(lineWith(listed, 'second')).toMatch(/ \d+(\.\d)? ms/);
    expect(lineWith(listed, 'silent')).toContain(`timing out: no answer from unix://${hangPath} within 3 s`);

    // Keys still work while the silent host keeps failing: help opens and closes.
    await app.press('?');
    await app.waitFor((f) => f.includes('Machines pane') && f.includes('Use the selected host'));
    await app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('RUN/STOP'));

    // Details: what docker-machine url/ip/env would print.
    await app.press('/', ...'second', KEYS.enter);
    await app.waitFor((f) => f.includes('filter: second'));
    await app.press(KEYS.enter);
    const details = await app.waitFor((f) => f.includes('Environment (docker-machine env'));
    expect(details).toContain(`export DOCKER_HOST="${second.host}"`);
    expect(details).toContain(`URL:      ${second.host}`);
    await app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('RUN/STOP'));

    // The container exists only on the second engine.
    expect((await testDocker().listContainers({all: true})).some((c) => c.Names.includes(`/${name}`))).toBe(false);
    await app.press('u');
    await app.waitFor((f) => f.includes('now showing second') && lineWith(f, 'second').includes('* second'));
    await app.press('1');
    const containers = await app.waitFor((f) => f.includes(name));
    expect(lineWith(containers, '● connected')).toContain(`second ${second.host}`);
    expect(memory.store?.getSnapshot().host).toMatchObject({name: 'second', url: second.host, source: 'context'});
  });

  it('connects over TCP with TLS with the right CA and client certificate, and says why otherwise', async () => {
    memory = createAppMemory();
    const machines = new MachinesMonitor({env, home: root, timeoutMs: 3000, intervalMs: 2000});
    app = renderApp(store, {columns: 220, rows: 30}, {memory, machines});
    await app.press('5');
    const frame = await app.waitFor(
      (f) => lineWith(f, 'tls-right').includes('connected') && lineWith(f, 'tls-wrong-ca').includes('auth failure') && /tls-no-cert.*(auth failure|unreachable)/.test(f),
    );
    expect(lineWith(frame, 'tls-wrong-ca')).toContain(`auth failure: TLS handshake with tcp://127.0.0.1:${port} failed: the server's certificate is not signed by the`);
    await app.press('/', ...'wrong', KEYS.enter);
    await app.waitFor((f) => f.includes('filter: wrong'));
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes("State:    auth failure: TLS handshake with") && f.includes("not signed by the CA given (unable to verify the first certificate)"));
    await app.press(KEYS.escape, KEYS.escape);
    await app.waitFor((f) => f.includes('RUN/STOP') && !f.includes('filter: wrong'));
    // dockerd with --tlsverify wants a client certificate: without one the handshake is refused.
    expect(lineWith(frame, 'tls-no-cert')).toMatch(/tls-no-cert.*(auth failure: TLS handshake|connection to tcp:\/\/127\.0\.0\.1:\d+ was closed)/);
    await app.press('/', ...'tls-right', KEYS.enter);
    await app.waitFor((f) => f.includes('filter: tls-right'));
    await app.press(KEYS.enter);
    const details = await app.waitFor((f) => f.includes('Environment (docker-machine env'));
    expect(details).toContain('export DOCKER_TLS_VERIFY="1"');
    expect(details).toContain(`export DOCKER_HOST="tcp://127.0.0.1:${port}"`);
    expect(details).toContain(`export DOCKER_CERT_PATH=`);
    await app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('RUN/STOP'));
    // Switching to the TLS endpoint shows the second engine's container too.
    await app.press('u');
    await app.press('1');
    await app.waitFor((f) => f.includes(name) && f.includes(`tls-right tcp://127.0.0.1:${port}`));
  });

  it('shows the containers of every reachable host in one table with a HOST column', async () => {
    memory = createAppMemory();
    const machines = new MachinesMonitor({env, home: root, timeoutMs: 3000, intervalMs: 2000});
    app = renderApp(store, {columns: 180, rows: 30}, {memory, machines});
    await app.press('5');
    await app.waitFor((f) => lineWith(f, 'DOCKER_HOST').includes('connected') && lineWith(f, 'second').includes('connected') && lineWith(f, 'tls-right').includes('connected'));
    await app.press('A');
    const frame = await app.waitFor((f) => f.includes('HOST') && f.includes(name));
    // Once per engine: the TLS endpoint is the same engine as the context "second"; the suite's
    // engine is another one, though both share the machine's engine ID (/etc/docker/key.json).
    expect(frame).toContain('containers on 2 reachable hosts');
    expect(frame.split('\n').filter((line) => line.includes(name))).toHaveLength(1);
    expect(lineWith(frame, name)).toMatch(/^second\s+ww-second-only-[0-9a-f]+\s+whalewatch-fixture:test\s+running/);
    // Actions go to the row's own engine: stop it there, then start it again.
    await app.press('/', ...name, KEYS.enter);
    await app.waitFor((f) => f.includes(`filter: ${name}`));
    await app.press('s');
    await app.waitFor((f) => f.includes(`${name} on second stopped`) && /^second\s+\S+\s+\S+\s+exited/m.test(f), 30_000);
    expect((await secondDocker.getContainer(name).inspect()).State.Running).toBe(false);
    await app.press('u');
    await app.waitFor((f) => f.includes(`${name} on second started`) && /^second\s+\S+\s+\S+\s+running/m.test(f), 30_000);
    expect((await secondDocker.getContainer(name).inspect()).State.Running).toBe(true);
  });

  it('copies the environment with OSC 52', async () => {
    memory = createAppMemory();
    const machines = new MachinesMonitor({env, home: root, timeoutMs: 3000, intervalMs: 2000});
    app = renderApp(store, {columns: 180, rows: 30}, {memory, machines});
    await app.press('5');
    await app.waitFor((f) => lineWith(f, 'second').includes('connected'));
    await app.press('/', ...'second', KEYS.enter);
    await app.waitFor((f) => f.includes('filter: second'));
    await app.press('c');
    await app.waitFor((f) => f.includes('the environment of second copied'));
    const expected = Buffer.from(`export DOCKER_HOST="${second.host}"`).toString('base64');
    expect(app.frames.some((frame) => frame.includes(`\u001B]52;c;${expected}\u0007`))).toBe(true);
  });

  it('refuses an invalid URL in the add form and saves nothing, then adds and removes a host', async () => {
    const emptyEnv = {...env, XDG_CONFIG_HOME: path.join(root, 'xdg-empty')};
    const file = configFile(emptyEnv, root);
    memory = createAppMemory();
    const machines = new MachinesMonitor({env: emptyEnv, home: root, timeoutMs: 3000, intervalMs: 2000});
    app = renderApp(store, {columns: 180, rows: 30}, {memory, machines});
    await app.press('5');
    await app.waitFor((f) => f.includes('RUN/STOP'));
    await app.press('a');
    await app.waitFor((f) => f.includes('Add a Docker host'));
    // Text is pasted (one write each), as a person pastes a URL.
    await app.press('lab', KEYS.down, 'http://10.0.0.5:2375', KEYS.enter);
    await app.waitFor((f) => f.includes('✗ the URL starts with unix://, tcp:// or ssh://'));
    await app.press(KEYS.backspace.repeat(20), 'tcp://10.0.0.5:99999', KEYS.enter);
    await app.waitFor((f) => f.includes('✗ invalid host "tcp://10.0.0.5:99999": bad port "99999"'));
    expect(existsSync(file)).toBe(false);

    // Pasted in one piece, as a person would.
    await app.press(KEYS.backspace.repeat(20), second.host, KEYS.enter);
    await app.waitFor((f) => f.includes('host lab added') && lineWith(f, ' lab ').includes('connected'));
    expect(machines.addedHosts()).toEqual([{name: 'lab', url: second.host}]);
    await app.press('/', ...'lab', KEYS.enter);
    await app.waitFor((f) => f.includes('filter: lab'));
    await app.press('d');
    await app.waitFor((f) => f.includes('Remove the added host lab'));
    await app.press('y');
    await app.waitFor((f) => f.includes('host lab removed'));
    expect(machines.addedHosts()).toEqual([]);
  });

  it('says plainly that lifecycle commands need docker-machine when it is not on PATH', async () => {
    memory = createAppMemory();
    const machines = new MachinesMonitor({env, home: root, timeoutMs: 3000, intervalMs: 2000});
    const saved = process.env.PATH;
    process.env.PATH = path.join(root, 'empty-bin');
    try {
      app = renderApp(store, {columns: 180, rows: 30}, {memory, machines});
      await app.press('5');
      await app.waitFor((f) => f.includes('RUN/STOP'));
      await app.press('m');
      await app.waitFor((f) => f.includes('These need docker-machine, which is not on PATH'));
    } finally {
      process.env.PATH = saved;
    }
  });
});
