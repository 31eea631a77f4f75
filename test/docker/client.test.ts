import {mkdtempSync, readFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {Agent as HttpsAgent} from 'node:https';
import {tmpdir, userInfo} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createDocker, dockerOptions, TimeoutError, withTimeout} from '../../source/docker/client.js';
import type {HostTarget} from '../../source/docker/types.js';

const target = (url: string, tls?: HostTarget['tls']): HostTarget => ({name: 'x', url, source: '--host', ...(tls ? {tls} : {})});

describe('dockerOptions', () => {
  it('unix → socketPath only', () => {
    expect(dockerOptions(target('unix:///run/docker.sock'))).toMatchObject({socketPath: '/run/docker.sock', host: undefined, protocol: undefined});
  });

  it('tcp → http host and port, never a global timeout', () => {
    const options = dockerOptions(target('tcp://10.0.0.5:2375'));
    expect(options).toMatchObject({protocol: 'http', host: '10.0.0.5', port: 2375, socketPath: undefined});
    expect(options.timeout).toBeUndefined();
  });

  it('tcp with TLS → https with the PEM material', () => {
    expect(dockerOptions(target('tcp://s:2376', {ca: 'CA', cert: 'CERT', key: 'KEY', verify: true}))).toMatchObject({
      protocol: 'https',
      host: 's',
      port: 2376,
      ca: 'CA',
      cert: 'CERT',
      key: 'KEY',
    });
  });

  it('TLS without verification goes through an agent that does not reject', () => {
    const options = dockerOptions(target('tcp://s:2376', {verify: false})) as {agent?: HttpsAgent};
    expect(options.agent).toBeInstanceOf(HttpsAgent);
    expect(options.agent!.options.rejectUnauthorized).toBe(false);
    expect(dockerOptions(target('tcp://s:2376', {verify: true}))).not.toHaveProperty('agent');
  });

  it('ssh → user, host, port, a host key check and a connect timeout', () => {
    const options = dockerOptions(target('ssh://deploy@srv:2222'));
    expect(options).toMatchObject({protocol: 'ssh', host: 'srv', port: 2222, username: 'deploy', sshOptions: {readyTimeout: 10_000}});
    expect(typeof options.sshOptions?.hostVerifier).toBe('function');
    // As ssh: port 22 and the local user when neither the URL nor ~/.ssh/config says.
    expect(dockerOptions(target('ssh://[::1]'))).toMatchObject({host: '::1', port: 22, username: userInfo().username});
  });

  it('loads dockerode only inside createDocker', () => {
    // A static import would cost ≈ 0.5 s before the first frame.
    const source = readFileSync(new URL('../../source/docker/client.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import (?!type )[^;]*from 'dockerode'/m);
    expect(source).toContain("await import('dockerode')");
  });
});

describe('createDocker', () => {
  let server: Server;
  let socket: string;
  beforeAll(async () => {
    // A fake engine: enough to see a request arrive where the target says.
    server = createServer((request, response) => {
      response.end(request.url?.endsWith('/_ping') ? 'OK' : '{}');
    });
    socket = path.join(mkdtempSync(path.join(tmpdir(), 'ww-client-')), 'engine.sock');
    await new Promise<void>(resolve => server.listen(socket, resolve));
  });
  afterAll(async () => new Promise(resolve => server.close(resolve)));

  it('talks to the resolved socket', async () => {
    const docker = await createDocker(target(`unix://${socket}`));
    expect(String(await docker.ping())).toBe('OK');
  });

  it('is not overridden by DOCKER_HOST & co. in the environment, and leaves them as they were', async () => {
    const saved = {...process.env};
    Object.assign(process.env, {DOCKER_HOST: 'tcp://10.255.255.1:2375', DOCKER_CERT_PATH: '/nonexistent', DOCKER_CLIENT_TIMEOUT: '1'});
    try {
      const docker = await createDocker(target(`unix://${socket}`));
      expect(docker.modem).toMatchObject({socketPath: socket, host: undefined, timeout: undefined});
      expect(String(await docker.ping())).toBe('OK');
      expect(process.env.DOCKER_HOST).toBe('tcp://10.255.255.1:2375');
      expect(process.env.DOCKER_CERT_PATH).toBe('/nonexistent');
    } finally {
      for (const name of ['DOCKER_HOST', 'DOCKER_CERT_PATH', 'DOCKER_CLIENT_TIMEOUT']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});

describe('withTimeout', () => {
  it('passes the value through', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000, 'ping')).resolves.toBe(42);
  });

  it('passes a rejection through', async () => {
    await expect(withTimeout(Promise.reject(new Error('nope')), 1000, 'ping')).rejects.toThrow('nope');
  });

  it('rejects with one line naming what and how long', async () => {
    const never = new Promise<never>(() => {});
    const error = await withTimeout(never, 50, 'listing containers').catch((error_: unknown) => error_);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('listing containers timed out after 0.05 s');
    const error2 = await withTimeout(never, 250, 'ping').catch((error_: unknown) => error_);
    expect((error2 as Error).message).toBe('ping timed out after 0.25 s');
  });
});
