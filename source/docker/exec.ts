/**
 * Interactive sessions in a container: a shell through `exec`, or the container's own process
 * through `attach` (the `docker run -it` path). Both are TTY sessions, so the hijacked stream
 * carries raw terminal bytes both ways and needs no demultiplexing. The terminal side of the
 * hand-over lives in source/handover.ts; this file only opens sessions.
 */
import type Dockerode from 'dockerode';
import type {Duplex} from 'node:stream';
import type {TerminalSession} from './types.js';

/**
 * The default shell: bash where the image has it, else sh. One exec that decides inside the
 * container is cheaper than probing first, and busybox images (only /bin/sh) work as well.
 */
export const DEFAULT_SHELL = ['sh', '-c', 'command -v bash >/dev/null 2>&1 && exec bash || exec sh'];

/** A stream has ended, closed or failed: each of them means the session is over. */
function ended(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.readableEnded) return resolve();
    const done = () => resolve();
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Docker refuses a resize below 1 cell, and a terminal may report 0 while it is being set up. */
const cells = (n: number) => Math.max(1, Math.floor(n) || 1);

/**
 * Opens a shell (or `cmd`) in a running container with a TTY and stdin attached. The engine
 * answers 409 when the container is not running and 404 when it is gone: the promise rejects
 * with that error, before anything is handed over.
 */
export async function openExec(docker: Dockerode, id: string, cmd: string[] = DEFAULT_SHELL): Promise<TerminalSession> {
  const exec = await docker.getContainer(id).exec({Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true});
  const stream = (await exec.start({hijack: true, stdin: true, Tty: true})) as unknown as Duplex;
  const over = ended(stream);
  return {
    stream,
    async resize(columns, rows) {
      // The exec or its container may have exited a moment ago: a resize then is moot.
      await exec.resize({w: cells(columns), h: cells(rows)}).catch(() => undefined);
    },
    async wait() {
      await over;
      // The stream closes when the process's terminal does; the engine records the exit code
      // right after, so ask again briefly while it still says running.
      for (let attempt = 0; attempt < 40; attempt++) {
        const state = (await exec.inspect().catch(() => undefined)) as {Running?: boolean; ExitCode?: number | null} | undefined;
        if (!state) return {};
        if (!state.Running) return {exitCode: state.ExitCode ?? undefined};
        await sleep(50);
      }
      return {};
    },
  };
}

/**
 * Attaches to a container's own process (created with Tty and OpenStdin, as `docker run -it`
 * does) and starts it when it is not running. Attaching comes first so that nothing it prints
 * on start is lost. The session ends when the container's process exits.
 */
export async function openAttach(docker: Dockerode, id: string): Promise<TerminalSession> {
  const container = docker.getContainer(id);
  const details = (await container.inspect()) as {State?: {Running?: boolean}; Config?: {Tty?: boolean; OpenStdin?: boolean}};
  if (!details.Config?.Tty || !details.Config.OpenStdin) {
    throw new Error('this container was not created with a terminal and an open stdin (docker run -it)');
  }
  const stream = (await container.attach({stream: true, stdin: true, stdout: true, stderr: true, hijack: true} as never)) as unknown as Duplex;
  if (!details.State?.Running) {
    try {
      await container.start();
    } catch (error) {
      stream.destroy();
      throw error;
    }
  }
  const over = ended(stream);
  return {
    stream,
    async resize(columns, rows) {
      await container.resize({w: cells(columns), h: cells(rows)}).catch(() => undefined);
    },
    async wait() {
      await over;
      // After the stream ends the container has stopped (or is stopping): wait tells its code.
      const result = (await container.wait().catch(() => undefined)) as {StatusCode?: number} | undefined;
      return {exitCode: result?.StatusCode};
    },
  };
}
