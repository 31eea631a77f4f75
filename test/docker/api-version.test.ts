import {mkdtempSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import {describe, expect, it} from 'vitest';
import {apiAtLeast, checkApiVersion, EngineTooOldError} from '../../source/docker/api-version.js';
import {Engine} from '../../source/docker/engine.js';
import {describeError} from '../../source/docker/errors.js';

// GET /version as Docker 1.12.6 answered it (API 1.24: before prune and system df).
const DOCKER_1_12 = {Version: '1.12.6', ApiVersion: '1.24', GitCommit: '78d1802', GoVersion: 'go1.6.4', Os: 'linux', Arch: 'amd64', KernelVersion: '4.4.0-31-generic', BuildTime: 'Tue Jan 10 20:38:45 2017'};

describe('API versions', () => {
  it('compares major.minor numerically', () => {
    expect(apiAtLeast('1.41', 1, 25)).toBe(true);
    expect(apiAtLeast('1.25', 1, 25)).toBe(true);
    expect(apiAtLeast('1.9', 1, 25)).toBe(false);
    expect(apiAtLeast('1.24', 1, 25)).toBe(false);
    expect(apiAtLeast('2.0', 1, 42)).toBe(true);
    expect(apiAtLeast('', 1, 25)).toBe(false);
    expect(apiAtLeast('garbage', 1, 25)).toBe(false);
  });

  it('accepts the engines we know and refuses older ones with what to do', () => {
    expect(() => checkApiVersion('20.10.24', '1.41')).not.toThrow();
    expect(() => checkApiVersion('1.13.1', '1.26')).not.toThrow();
    expect(() => checkApiVersion('1.12.6', '1.24')).toThrow(EngineTooOldError);
    expect(describeError(new EngineTooOldError('1.12.6', '1.24'))).toBe('Docker 1.12.6 speaks API 1.24; whalewatch needs API 1.25 (Docker 1.13) or newer: upgrade the engine');
  });

  it('Engine.info refuses an engine that answers as Docker 1.12 does, in one line', async () => {
    const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'ww-old-')), 'd.sock');
    const server = createServer((request, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.setHeader('Api-Version', '1.24');
      response.end(JSON.stringify(request.url === '/version' ? DOCKER_1_12 : {message: 'page not found'}));
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const engine = new Engine(new Docker({socketPath}), false);
      await expect(engine.info()).rejects.toThrow('Docker 1.12.6 speaks API 1.24; whalewatch needs API 1.25 (Docker 1.13) or newer: upgrade the engine');
    } finally {
      server.close();
    }
  });
});
