import {afterAll, describe, expect, it} from 'vitest';
import type {Duplex} from 'node:stream';
import {Engine} from '../../source/docker/engine.js';
import {describeError} from '../../source/docker/errors.js';
import {FIXTURE_IMAGE, removeContainer, runContainer, TEST_LABEL, TEST_LABEL_VALUE, testDocker, uniqueName} from '../engine/fixtures.js';

/** Collects what a session's terminal shows, and waits for text to appear in it. */
function reader(stream: Duplex) {
  let text = '';
  const waiters = new Set<() => void>();
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const waiter of waiters) waiter();
  });
  return {
    get text() {
      return text;
    },
    until(needle: string | RegExp): Promise<string> {
      return new Promise((resolve) => {
        const check = () => {
          if (typeof needle === 'string' ? text.includes(needle) : needle.test(text)) {
            waiters.delete(check);
            resolve(text);
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

describe('terminal sessions on a real engine', () => {
  const made: string[] = [];
  afterAll(async () => Promise.all(made.map((id) => removeContainer(id))));
  const engine = () => new Engine(testDocker(), false);

  it('opens a shell with a TTY (sh where there is no bash), runs typed commands, and tells the exit code', async () => {
    const {id} = await runContainer({name: uniqueName('ww-exec')});
    made.push(id);
    const session = await engine().execShell(id);
    const screen = reader(session.stream);
    await session.resize(77, 19);
    session.stream.write('stty size; echo hand-$((40+2)); readlink /proc/$$/exe; exit 3\n');
    const text = await screen.until(/hand-42[\s\S]*busybox/);
    expect(text).toContain('19 77');
    // A TTY: the engine sends raw terminal bytes, no multiplexing headers, and echoes our keys.
    expect(text).toContain('echo hand-$((40+2))');
    expect(text).not.toMatch(/[\u0001\u0002]\u0000\u0000\u0000/);
    expect(await session.wait()).toEqual({exitCode: 3});
    // The process is gone: a resize now must not throw.
    await expect(session.resize(80, 24)).resolves.toBeUndefined();
  });

  it('runs the given command instead of a shell', async () => {
    const {id} = await runContainer({name: uniqueName('ww-exec-cmd')});
    made.push(id);
    const session = await engine().execShell(id, {cmd: ['sh', '-c', 'echo given-$((6*7)); exit 0']});
    const screen = reader(session.stream);
    expect(await session.wait()).toEqual({exitCode: 0});
    expect(screen.text).toContain('given-42');
  });

  it('refuses a stopped or vanished container with one clear sentence, before handing anything over', async () => {
    const {id} = await runContainer({name: uniqueName('ww-exec-stopped'), start: false});
    made.push(id);
    const stopped = await engine().execShell(id).catch((error: unknown) => error);
    expect(describeError(stopped)).toMatch(/^Container [0-9a-f]{12} is not running$/);
    await removeContainer(id);
    const vanished = await engine().execShell(id).catch((error: unknown) => error);
    expect(describeError(vanished)).toMatch(/^Container [0-9a-f]{12} no longer exists$/);
  });

  it('attaches to a container made with Tty and OpenStdin, starts it, takes typed input, and ends when it exits', async () => {
    const docker = testDocker();
    const container = await docker.createContainer({
      name: uniqueName('ww-attach'),
      Image: FIXTURE_IMAGE,
      Cmd: ['sh'],
      Tty: true,
      OpenStdin: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Labels: {[TEST_LABEL]: TEST_LABEL_VALUE},
      StopTimeout: 1,
    });
    made.push(container.id);
    const session = await engine().attachTerminal(container.id);
    expect((await container.inspect()).State.Running).toBe(true);
    const screen = reader(session.stream);
    await session.resize(91, 23);
    session.stream.write('stty size; echo att-$((1+1))\n');
    const text = await screen.until('att-2');
    await screen.until('23 91');
    expect(text).not.toMatch(/[\u0001\u0002]\u0000\u0000\u0000/);
    session.stream.write('exit 5\n');
    expect(await session.wait()).toEqual({exitCode: 5});
    expect((await container.inspect()).State.Running).toBe(false);
    await expect(session.resize(80, 24)).resolves.toBeUndefined();
  });

  it('refuses to attach a terminal to a container made without one', async () => {
    const {id} = await runContainer({name: uniqueName('ww-attach-plain')});
    made.push(id);
    const error = await engine().attachTerminal(id).catch((e: unknown) => e);
    expect(describeError(error)).toBe('this container was not created with a terminal and an open stdin (docker run -it)');
  });
});
