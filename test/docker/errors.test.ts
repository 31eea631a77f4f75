import {mkdtempSync} from 'node:fs';
import {createServer as createHttpServer, type Server} from 'node:http';
import {createServer as createNetServer, type AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {describeError} from '../../source/docker/errors.js';
import {HostError} from '../../source/docker/hosts.js';
import type {HostTarget} from '../../source/docker/types.js';

/** The rejection of `p`, which must reject. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }

  throw new Error('expected a rejection');
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'ww-errors-'));

/** A TCP port on 127.0.0.1 that nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>(resolve => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const {port} = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

function listen(server: Server, where: string | number): Promise<void> {
  return new Promise(resolve => {
    if (typeof where === 'string') server.listen(where, resolve);
    else server.listen(where, '127.0.0.1', resolve);
  });
}

describe('describeError: connection failures (real errors from dockerode)', () => {
  it('ENOENT: a socket that does not exist', async () => {
    const socket = path.join(tmp(), 'docker.sock');
    const error = await rejection(new Docker({socketPath: socket}).ping());
    expect(error).toMatchObject({code: 'ENOENT', syscall: 'connect'});
    expect(describeError(error)).toBe(`cannot reach unix://${socket}: no such socket (is the engine running?)`);
    const target: HostTarget = {name: 'default', url: 'unix:///var/run/docker.sock', source: 'default'};
    expect(describeError(error, target)).toBe('cannot reach unix:///var/run/docker.sock: no such socket (is the engine running?)');
  });

  it('ECONNREFUSED: a closed port on 127.0.0.1', async () => {
    const port = await closedPort();
    const error = await rejection(new Docker({host: '127.0.0.1', port, protocol: 'http'}).ping());
    expect(error).toMatchObject({code: 'ECONNREFUSED'});
    expect(describeError(error)).toBe(`cannot reach tcp://127.0.0.1:${port}: connection refused`);
    const target: HostTarget = {name: '127.0.0.1', url: `tcp://127.0.0.1:${port}`, source: '--host'};
    expect(describeError(error, target)).toBe(`cannot reach tcp://127.0.0.1:${port}: connection refused`);
  });

  it('EACCES: the docker group hint', () => {
    // The suite runs as root, where a mode-000 socket still connects; this is the shape Node gives
    // a non-root user for `connect` on a socket they may not open.
    const error = Object.assign(new Error('connect EACCES /var/run/docker.sock'), {
      errno: -13,
      code: 'EACCES',
      syscall: 'connect',
      address: '/var/run/docker.sock',
    });
    expect(describeError(error)).toBe(
      'permission denied on /var/run/docker.sock: add your user to the docker group (sudo usermod -aG docker $USER, then log in again)',
    );
  });

  it('ETIMEDOUT, EHOSTUNREACH, ENOTFOUND (shapes as Node produces them)', () => {
    const target: HostTarget = {name: '10.9.9.9', url: 'tcp://10.9.9.9:2375', source: 'DOCKER_HOST'};
    const sys = (code: string, extra: object) => Object.assign(new Error(`connect ${code} 10.9.9.9:2375`), {code, syscall: 'connect', ...extra});
    expect(describeError(sys('ETIMEDOUT', {address: '10.9.9.9', port: 2375}))).toBe('cannot reach tcp://10.9.9.9:2375: timed out');
    expect(describeError(sys('EHOSTUNREACH', {address: '10.9.9.9', port: 2375}), target)).toBe('cannot reach tcp://10.9.9.9:2375: no route to host');
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND nohost.invalid'), {code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'nohost.invalid'});
    expect(describeError(notFound, {name: 'nohost.invalid', url: 'tcp://nohost.invalid:2375', source: '--host'})).toBe(
      'cannot reach tcp://nohost.invalid:2375: unknown host "nohost.invalid"',
    );
  });

  it('looks inside an AggregateError (happy-eyeballs connects)', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED ::1:2375'), {code: 'ECONNREFUSED', syscall: 'connect', address: '::1', port: 2375});
    expect(describeError(new AggregateError([inner], ''))).toBe('cannot reach tcp://[::1]:2375: connection refused');
  });
});

describe('describeError: ssh (shapes as ssh2 produces them)', () => {
  const t: HostTarget = {name: 's', url: 'ssh://me@never-connected:2222', source: 'added'};
  it('a refused host key without a verifier note still says what to do', () => {
    expect(describeError(Object.assign(new Error('Host denied (verification failed)'), {level: 'handshake'}), t)).toBe(
      "ssh to ssh://me@never-connected:2222: the server's host key is not in ~/.ssh/known_hosts (connect once with ssh to check and add it)",
    );
  });

  it('authentication and handshake timeouts', () => {
    expect(describeError(Object.assign(new Error('All configured authentication methods failed'), {level: 'client-authentication'}), t)).toMatch(
      /^ssh to ssh:\/\/me@never-connected:2222: authentication failed \(no key was accepted/,
    );
    expect(describeError(Object.assign(new Error('Timed out while waiting for handshake'), {level: 'client-timeout'}), t)).toBe(
      'ssh to ssh://me@never-connected:2222: no ssh handshake within 10 s',
    );
  });
});

describe('describeError: TLS', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createHttpServer((_request, response) => response.end('{}'));
    await listen(server, 0);
    ({port} = server.address() as AddressInfo);
  });
  afterAll(async () => new Promise(resolve => server.close(resolve)));

  it('https to a plain-http port fails the handshake (real error)', async () => {
    const error = await rejection(new Docker({host: '127.0.0.1', port, protocol: 'https'}).ping());
    const target: HostTarget = {name: '127.0.0.1', url: `tcp://127.0.0.1:${port}`, source: '--host', tls: {verify: true}};
    expect(describeError(error, target)).toBe(`TLS handshake with tcp://127.0.0.1:${port} failed: wrong version number`);
  });

  it('a certificate Node refuses (shape of a self-signed server certificate)', () => {
    const error = Object.assign(new Error('self-signed certificate'), {code: 'DEPTH_ZERO_SELF_SIGNED_CERT'});
    expect(describeError(error, {name: 's', url: 'tcp://s:2376', source: 'config'})).toBe('TLS handshake with tcp://s:2376 failed: the server\'s certificate is not signed by the CA given (self-signed certificate)');
  });
});

/**
 * A fake engine on a unix socket that answers as dockerd 20.10 did on the dev engine, so that the
 * errors below are the ones docker-modem really builds.
 */
describe('describeError: engine (HTTP) errors', () => {
  let server: Server;
  let docker: Docker;
  const answers: Record<string, [number, string]> = {
    '/containers/abc/json': [404, '{"message":"No such container: abc"}\n'],
    '/containers/blky/start': [304, ''],
    '/containers/blky': [409, `{"message":"You cannot remove a running container ${'d6caf69d7278'.padEnd(64, '0')}. Stop the container before attempting removal or force remove"}\n`],
    '/images/nope:latest/json': [404, '{"message":"no such image: nope:latest: No such image: nope:latest"}\n'],
    '/containers/nope/logs': [404, '{"message":"No such container: nope"}\n'],
    '/_ping': [400, 'Client sent an HTTP request to an HTTPS server.\n'],
    '/info': [500, '{"message":"\\u001b[31mboom\\u001b[0m\\nsecond line"}'],
  };
  beforeAll(async () => {
    server = createHttpServer((request, response) => {
      const pathname = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/v[\d.]+/, '');
      const [status, body] = answers[pathname] ?? [500, '{"message":"unexpected"}'];
      response.writeHead(status, {'Content-Type': body.startsWith('{') ? 'application/json' : 'text/plain'});
      response.end(body);
    });
    const socket = path.join(tmp(), 'engine.sock');
    await listen(server, socket);
    docker = new Docker({socketPath: socket});
  });
  afterAll(async () => new Promise(resolve => server.close(resolve)));

  it('404 on a container says it no longer exists', async () => {
    const error = await rejection(docker.getContainer('abc').inspect());
    expect(error).toMatchObject({statusCode: 404, json: {message: 'No such container: abc'}});
    expect(describeError(error)).toBe('Container abc no longer exists');
  });

  it('404 on a stream (json is null) still gives the sentence', async () => {
    const error = await rejection(docker.getContainer('nope').logs({follow: true, stdout: true}));
    expect(error).toMatchObject({statusCode: 404, json: null});
    expect(describeError(error)).toBe('Container nope no longer exists');
  });

  it('says a doubled engine message once, capitalised', async () => {
    expect(describeError(await rejection(docker.getImage('nope:latest').inspect()))).toBe('No such image: nope:latest');
  });

  it('409 gives the engine\'s message with short ids', async () => {
    const error = await rejection(docker.getContainer('blky').remove());
    expect(describeError(error)).toBe(
      'You cannot remove a running container d6caf69d7278. Stop the container before attempting removal or force remove',
    );
  });

  it('304 is "already in that state"', async () => {
    const error = await rejection(docker.getContainer('blky').start());
    expect(error).toMatchObject({statusCode: 304});
    expect(describeError(error)).toBe('already in that state');
  });

  it('a plain-text body is used as is', async () => {
    expect(describeError(await rejection(docker.ping()))).toBe('Client sent an HTTP request to an HTTPS server.');
  });

  it('keeps one line and strips terminal escapes', async () => {
    expect(describeError(await rejection(docker.info()))).toBe('Boom');
  });

  it('matches the shape recorded from dockerd 20.10 (stream 404, json null)', () => {
    // As seen on the dev engine for `stats` of a missing container.
    const recorded = Object.assign(new Error('(HTTP code 404) no such container - No such container: nope '), {
      reason: 'no such container',
      statusCode: 404,
      json: null,
    });
    expect(describeError(recorded)).toBe('Container nope no longer exists');
    const empty304 = Object.assign(new Error('(HTTP code 304) container already stopped -  '), {
      reason: 'container already stopped',
      statusCode: 304,
      json: Buffer.alloc(0),
    });
    expect(describeError(empty304)).toBe('already in that state');
  });
});

describe('describeError: anything else', () => {
  it('keeps the first line of the message, without control characters', () => {
    expect(describeError(new Error('\u001B[1mbad\u001B[0m thing\u0007\n    at stack (x.js:1:1)'))).toBe('bad thing');
    expect(describeError(new HostError('unknown context "prod": no such context in /root/.docker/contexts'))).toBe(
      'unknown context "prod": no such context in /root/.docker/contexts',
    );
  });

  it('never returns an empty string', () => {
    expect(describeError(new Error(''))).toBe('Error');
    expect(describeError(undefined)).toBe('unknown error');
    expect(describeError('')).toBe('unknown error');
    expect(describeError('\u001B[0m\n')).toBe('unknown error');
    expect(describeError(Object.assign(new Error(''), {statusCode: 502, json: null}))).toBe('The engine answered HTTP 502');
  });
});

/** An error as dockerode makes it for a streamed call (json null, the text in the message). */
const streamed = (statusCode: number, reason: string, text: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${text} `), {statusCode, reason, json: null});
/** An error as dockerode makes it for a plain call (the engine's body in json). */
const answered = (statusCode: number, text: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) conflict - ${text} `), {statusCode, reason: 'conflict', json: {message: text}});

describe('describeError: images, pulls and builds (texts recorded from dockerd 20.10)', () => {
  it('a reference the registry does not have', () => {
    const error = streamed(404, 'unexpected', 'manifest for 127.0.0.1:41675/nope:latest not found: manifest unknown: manifest unknown');
    expect(describeError(error)).toBe('Image 127.0.0.1:41675/nope:latest was not found in its registry');
    expect(describeError(new Error("pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"))).toBe(
      'Image nope was not found, or its registry needs a login (docker login)',
    );
  });

  it('a registry that does not answer, or answers wrongly', () => {
    expect(describeError(streamed(500, 'server error', 'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused'))).toBe(
      'Cannot reach registry 127.0.0.1:1: connection refused',
    );
    expect(describeError(streamed(500, 'server error', 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host'))).toBe(
      'Cannot reach registry registry-1.docker.io: unknown host',
    );
    expect(describeError(streamed(500, 'server error', 'Get "https://10.0.0.5:5000/v2/": http: server gave HTTP response to HTTPS client'))).toBe(
      'Cannot reach registry 10.0.0.5:5000: it speaks plain HTTP (add it to "insecure-registries" in daemon.json)',
    );
    expect(describeError(streamed(500, 'server error', 'Get "https://r.example:5000/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'))).toBe(
      'Cannot reach registry r.example:5000: timed out',
    );
  });

  it('an image a container uses: names the container', () => {
    expect(describeError(answered(409, 'conflict: unable to remove repository reference "ww-x:test" (must force) - container 59a7e7bbc9f3 is using its referenced image e06e67c06cc5'))).toBe(
      'Cannot remove image ww-x:test: container 59a7e7bbc9f3 uses it (remove the container first, or force)',
    );
    expect(describeError(answered(409, 'conflict: unable to delete e06e67c06cc5 (cannot be forced) - image is being used by running container 59a7e7bbc9f3'))).toBe(
      'Cannot remove image e06e67c06cc5: running container 59a7e7bbc9f3 uses it (stop and remove the container first)',
    );
    expect(describeError(answered(409, 'conflict: unable to delete e06e67c06cc5 (must be forced) - image is being used by stopped container 59a7e7bbc9f3'))).toBe(
      'Cannot remove image e06e67c06cc5: stopped container 59a7e7bbc9f3 uses it (remove the container first, or force)',
    );
    expect(describeError(answered(409, 'conflict: unable to delete 471b8fcaa007 (cannot be forced) - image has dependent child images'))).toBe(
      'Cannot remove image 471b8fcaa007: other images are built on it (remove those first)',
    );
    expect(describeError(answered(409, 'conflict: unable to delete 471b8fcaa007 (must be forced) - image is referenced in multiple repositories'))).toBe(
      'Cannot remove image 471b8fcaa007: it has several tags (remove a tag at a time, or force)',
    );
  });

  it('a failed build step', () => {
    expect(describeError(new Error("The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3"))).toBe(
      "Build step failed: '/bin/sh -c echo about to fail && exit 3' exited with code 3",
    );
    expect(describeError(streamed(400, 'unexpected', 'dockerfile parse error line 2: unknown instruction: FOO'))).toBe('Dockerfile parse error line 2: unknown instruction: FOO');
  });
});

describe('describeError: volume, network and run failures (messages recorded from dockerd 20.10)', () => {
  const id = 'e02335ac9388c4f5396560a72babb0d4d340b1da048016e126d879ca02edda35';
  const engineError = (statusCode: number, message: string) => ({statusCode, json: {message}, message: `(HTTP code ${statusCode}) x - ${message} `});
  it.each<[number, string, string]>([
    [409, `remove data: volume is in use - [${id}]`, 'Volume data is in use by container e02335ac9388: remove the container first'],
    [409, `remove data: volume is in use - [${id}, ${id}]`, 'Volume data is in use by container e02335ac9388, e02335ac9388: remove the container first'],
    [403, `error while removing network: network web id ${id} has active endpoints`, 'Network web still has containers attached: disconnect them first'],
    [409, `Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`, 'The name web is already in use by container e02335ac9388'],
    [409, 'network with name web already exists', 'A network named web already exists'],
    [500, 'Invalid subnet 10.0.0/24 : invalid CIDR address: 10.0.0/24', 'Invalid subnet "10.0.0/24": give it in CIDR form, e.g. 172.28.0.0/16'],
    [403, 'Pool overlaps with other one on this address space', 'That subnet overlaps the subnet of another network'],
    [500, 'failed to allocate gateway (10.99.0.1): Requested address is out of range', 'The gateway 10.99.0.1 is not inside the subnet'],
    [403, 'endpoint with name web already exists in network front', 'Container web is already connected to network front'],
    [500, `driver failed programming external connectivity on endpoint web (${id}): Bind for 0.0.0.0:8080 failed: port is already allocated`, 'Port 0.0.0.0:8080 is already taken by another container'],
    [500, 'driver failed programming external connectivity on endpoint web (abc): Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use', 'Port 0.0.0.0:8080 is already in use on the host'],
    [400, 'No command specified', 'No command specified, and the image has no default command: give one'],
    [404, 'network no-such-net not found', 'Network no-such-net not found'],
  ])('%i %s', (status, message, sentence) => {
    expect(describeError(engineError(status, message))).toBe(sentence);
  });
});
