import Dockerode from 'dockerode';
import {PassThrough, type Readable} from 'node:stream';

/**
 * A real client whose event stream can be held back, as a slow or busy stream would be: while
 * held, events are queued and reach the store only on release (in order, none lost). Every other
 * call goes to the engine as usual. Lets a test act on a row the engine has already removed, a
 * race that otherwise depends on which of two sockets answers first.
 */
export function heldEventsClient(url: string) {
  const docker = new Dockerode({socketPath: new URL(url).pathname});
  let held = false;
  const queued: unknown[] = [];
  let current: PassThrough | undefined;
  const open = docker.getEvents.bind(docker) as (options: object) => Promise<Readable>;
  Object.assign(docker, {
    async getEvents(options: object = {}) {
      const stream = await open(options);
      const out = new PassThrough();
      current = out;
      stream.on('data', (chunk) => (held ? queued.push(chunk) : out.write(chunk)));
      stream.on('end', () => out.end());
      stream.on('error', (error) => out.destroy(error));
      out.on('close', () => stream.destroy());
      return out;
    },
  });
  return {
    docker,
    hold() {
      held = true;
    },
    release() {
      held = false;
      for (const chunk of queued.splice(0)) current?.write(chunk);
    },
  };
}
