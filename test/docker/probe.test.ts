import net from 'node:net';
import path from 'node:path';
import {rmSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {failureState, probeHost} from '../../source/docker/probe.js';
import {TimeoutError} from '../../source/docker/client.js';
import {testHost} from '../engine/fixtures.js';

describe('probeHost', () => {
  it('says "timing out" for a socket that accepts and never answers, and closes its connection', async () => {
    const socketPath = path.join('/tmp', `ww-probe-hang-${process.pid}.sock`);
    rmSync(socketPath, {force: true});
    const closed: Array<Promise<void>> = [];
    // Reads (and drops) what comes, so the client's close is seen; never writes a byte back.
    const server = net.createServer((socket) => {
      socket.resume();
      closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const result = await probeHost({name: 'hang', url: `unix://${socketPath}`, source: 'added'}, 500);
      expect(result).toEqual({state: 'timing out', reason: `no answer from unix://${socketPath} within 0.5 s`});
      // The request was aborted, not left hanging: every connection it opened is closed.
      expect(closed.length).toBeGreaterThan(0);
      await Promise.all(closed);
    } finally {
      server.close();
    }
  });

  it('says "unreachable" with the reason for a socket that is not there', async () => {
    const result = await probeHost({name: 'gone', url: 'unix:///tmp/ww-no-such.sock', source: 'added'}, 2000);
    expect(result).toEqual({state: 'unreachable', reason: 'cannot reach unix:///tmp/ww-no-such.sock: no such socket (is the engine running?)'});
  });

  it('reads version, OS, CPUs, memory, counts and the round trip of a real engine', async () => {
    const result = await probeHost({name: 'test', url: testHost(), source: '--host'}, 10_000);
    expect(result.state).toBe('connected');
    if (result.state !== 'connected') return;
    expect(result.facts).toMatchObject({os: 'linux', version: expect.stringMatching(/^20\.10\./), apiVersion: '1.41'});
    expect(result.facts.cpus).toBeGreaterThan(0);
    expect(result.facts.memory).toBeGreaterThan(0);
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('classifies failures', () => {
    expect(failureState(new TimeoutError('x'))).toBe('timing out');
    expect(failureState(Object.assign(new Error('self-signed certificate'), {code: 'DEPTH_ZERO_SELF_SIGNED_CERT'}))).toBe('auth failure');
    expect(failureState(Object.assign(new Error('All configured authentication methods failed'), {level: 'client-authentication'}))).toBe('auth failure');
    expect(failureState(Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'}))).toBe('unreachable');
    // ssh2's words for a host key that known_hosts does not vouch for, and for a stuck handshake.
    expect(failureState(Object.assign(new Error('Host denied (verification failed)'), {level: 'handshake'}))).toBe('auth failure');
    expect(failureState(Object.assign(new Error('Timed out while waiting for handshake'), {level: 'client-timeout'}))).toBe('timing out');
  });
});
