// ssh:// hosts against a real OpenSSH server (test/engine/sshd.ts) whose sessions reach the
// suite's private engine through `docker system dial-stdio`: keys, ~/.ssh/config aliases, the
// agent, and known_hosts refusals, each through createDocker as the app uses it.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createDocker} from '../../source/docker/client.js';
import {describeError} from '../../source/docker/errors.js';
import {probeHost} from '../../source/docker/probe.js';
import type {HostTarget} from '../../source/docker/types.js';
import {removeContainer, runContainer, TEST_LABEL, TEST_LABEL_VALUE, testHost} from '../engine/fixtures.js';
import {makeKey, startSshd, type Sshd} from '../engine/sshd.js';

const target = (url: string, ssh?: HostTarget['ssh']): HostTarget => ({name: 'ssh', url, source: 'added', ...(ssh ? {ssh} : {})});

/** A home with ~/.ssh holding the given files (name → content). */
function makeHome(root: string, name: string, files: Record<string, string>): string {
  const home = path.join(root, name);
  mkdirSync(path.join(home, '.ssh'), {recursive: true, mode: 0o700});
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(home, '.ssh', file), content, {mode: 0o600});
  return home;
}

/** The error `call` rejects with (fails the test when it resolves). */
async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('ssh:// hosts through a real sshd', () => {
  let sshd: Sshd;
  let root: string;
  let containerId: string;
  let containerName: string;
  let clientKey: string;
  let agent: ChildProcess | undefined;
  const saved = {HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK};

  /** Runs the next createDocker calls as if `home` were the user's and `agentSock` their agent. */
  const asUser = (home: string, agentSock?: string) => {
    process.env.HOME = home;
    if (agentSock) process.env.SSH_AUTH_SOCK = agentSock;
    else delete process.env.SSH_AUTH_SOCK;
  };

  beforeAll(async () => {
    sshd = await startSshd({engineHost: testHost()});
    root = mkdtempSync(path.join(tmpdir(), 'ww-ssh-home-'));
    clientKey = readFileSync(sshd.keyFile, 'utf8');
    ({id: containerId, name: containerName} = await runContainer());
  }, 120_000);

  afterEach(() => {
    process.env.HOME = saved.HOME;
    if (saved.SSH_AUTH_SOCK === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = saved.SSH_AUTH_SOCK;
  });

  afterAll(async () => {
    agent?.kill();
    if (containerId) await removeContainer(containerId);
    await sshd?.stop();
    if (root) rmSync(root, {recursive: true, force: true});
  });

  /** Pings through `t` and finds the test's labelled container in the far side's list. */
  async function pingsAndLists(t: HostTarget) {
    const docker = await createDocker(t);
    expect(String(await docker.ping())).toBe('OK');
    const list = await docker.listContainers({all: true, filters: {label: [`${TEST_LABEL}=${TEST_LABEL_VALUE}`]}});
    expect(list.map(c => c.Names[0])).toContain(`/${containerName}`);
  }

  it('reaches the engine as user@127.0.0.1:port with the key in ~/.ssh and the host key in known_hosts', async () => {
    asUser(makeHome(root, 'plain', {id_ed25519: clientKey, known_hosts: sshd.knownHosts}));
    await pingsAndLists(target(`ssh://${sshd.user}@127.0.0.1:${sshd.port}`));
  });

  it('reaches it through a ~/.ssh/config alias (HostName, User, Port, IdentityFile)', async () => {
    const config = ['Host ww-test-*', '  HostName 127.0.0.1', `  Port ${sshd.port}`, `  User ${sshd.user}`, '  IdentityFile ~/.ssh/ww_alias_key', '', 'Host *', '  Port 1', ''].join('\n');
    asUser(makeHome(root, 'alias', {ww_alias_key: clientKey, known_hosts: sshd.knownHosts, config}));
    await pingsAndLists(target('ssh://ww-test-alias'));
  });

  it('reaches it through an ssh-agent holding the key (no key file in ~/.ssh)', async () => {
    const sock = path.join(root, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', sock], {stdio: 'ignore'});
    for (let i = 0; !existsSync(sock); i++) {
      if (i > 300) throw new Error('ssh-agent did not start');
      await new Promise(r => setTimeout(r, 100));
    }
    const added = spawnSync('ssh-add', [sshd.keyFile], {env: {...process.env, SSH_AUTH_SOCK: sock}, encoding: 'utf8'});
    expect(added.status, added.stderr).toBe(0);
    asUser(makeHome(root, 'agent', {known_hosts: sshd.knownHosts}), sock);
    await pingsAndLists(target(`ssh://${sshd.user}@127.0.0.1:${sshd.port}`));
  });

  it('refuses a server whose host key is not in known_hosts, saying how to add it', async () => {
    asUser(makeHome(root, 'unknown', {id_ed25519: clientKey}));
    const t = target(`ssh://${sshd.user}@127.0.0.1:${sshd.port}`);
    const error = await rejection((await createDocker(t)).ping());
    const home = process.env.HOME!;
    expect(describeError(error, t)).toBe(
      `ssh to ${t.url}: the host key of 127.0.0.1:${sshd.port} is unknown (not in ${home}/.ssh/known_hosts): check it and run ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${home}/.ssh/known_hosts, or connect once with ssh`,
    );
    const probe = await probeHost(t, 30_000);
    expect(probe).toMatchObject({state: 'auth failure', reason: describeError(error, t)});
  });

  it('refuses a server whose host key differs from the one known_hosts holds', async () => {
    const other = path.join(root, 'other_host_key');
    makeKey(other);
    const [type, key] = readFileSync(`${other}.pub`, 'utf8').split(/\s+/);
    asUser(makeHome(root, 'changed', {id_ed25519: clientKey, known_hosts: `[127.0.0.1]:${sshd.port} ${type} ${key}\n`}));
    const t = target(`ssh://${sshd.user}@127.0.0.1:${sshd.port}`);
    const message = describeError(await rejection((await createDocker(t)).ping()), t);
    expect(message).toMatch(new RegExp(`^ssh to ${t.url}: the host key of 127\\.0\\.0\\.1:${sshd.port} does not match .*known_hosts \\(it changed, or someone is in between\\)`));
    expect(message).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >>`);
  });

  it('says authentication failed for a key the server does not accept', async () => {
    const wrong = path.join(root, 'wrong_key');
    makeKey(wrong);
    asUser(makeHome(root, 'wrong', {known_hosts: sshd.knownHosts}));
    const t = target(`ssh://${sshd.user}@127.0.0.1:${sshd.port}`, {identityFile: wrong});
    const error = await rejection((await createDocker(t)).ping());
    expect(describeError(error, t)).toBe(
      `ssh to ${t.url}: authentication failed (no key was accepted: load yours with ssh-add, or set IdentityFile in ~/.ssh/config)`,
    );
    expect(await probeHost(t, 30_000)).toMatchObject({state: 'auth failure'});
  });

  it('says the connection was refused on a port where nothing listens', async () => {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const {port: p} = server.address() as net.AddressInfo;
        server.close(() => resolve(p));
      });
    });
    asUser(makeHome(root, 'refused', {id_ed25519: clientKey, known_hosts: sshd.knownHosts}));
    const t = target(`ssh://${sshd.user}@127.0.0.1:${port}`);
    expect(describeError(await rejection((await createDocker(t)).ping()), t)).toBe(`cannot reach ${t.url}: connection refused`);
  });
});
