import http from 'node:http';
import type {Container, HostTarget} from './types.js';
import {parseHost} from './hosts.js';
import {toContainer} from './engine.js';

/**
 * The container list of a local engine (unix socket) read with node:http alone, for the first
 * frame: dockerode takes ≈ 0.2 s to load here, and the list does not need to wait for it. Any
 * other kind of host, any failure or a slow answer gives undefined, and the normal connection
 * (through dockerode) lists as before. Names and labels are raw engine text (the UI sanitizes).
 */
export function quickListContainers(target: HostTarget, timeoutMs = 3000): Promise<Container[] | undefined> {
  let socketPath: string | undefined;
  try {
    const parsed = parseHost(target.url);
    socketPath = parsed.scheme === 'unix' ? parsed.socketPath : undefined;
  } catch {}
  if (!socketPath) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const request = http.get({socketPath, path: '/containers/json?all=1', timeout: timeoutMs}, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => resolve(undefined));
      response.on('end', () => {
        if (response.statusCode !== 200) return resolve(undefined);
        try {
          resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as Parameters<typeof toContainer>[0][]).map(toContainer));
        } catch {
          resolve(undefined);
        }
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}
