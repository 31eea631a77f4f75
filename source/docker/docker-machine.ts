/**
 * docker-machine's lifecycle commands (create, start, stop, restart, rm, regenerate-certs) run
 * through its own binary: whalewatch does not reimplement the drivers. Without the binary these
 * are simply not available; contexts and added hosts need none of it.
 */
import {spawn} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import path from 'node:path';

/** The subcommands offered, each with whether it needs a machine name. */
export const MACHINE_COMMANDS = ['start', 'stop', 'restart', 'regenerate-certs', 'rm', 'create'] as const;
export type MachineCommand = (typeof MACHINE_COMMANDS)[number];

/** What to say when the binary is missing, one line. */
export const NO_DOCKER_MACHINE =
  'These need docker-machine, which is not on PATH; Docker contexts and hosts added here (a) work without it.';

/** The absolute path of `name` on `PATH`, or undefined (pure apart from the access checks). */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** The arguments for one command: `-y` so rm and regenerate-certs ask nothing on a pipe. */
export function machineArgs(command: MachineCommand, name: string, driver = 'virtualbox'): string[] {
  if (command === 'create') return ['create', '--driver', driver, name];
  if (command === 'rm' || command === 'regenerate-certs') return [command, '-y', name];
  return [command, name];
}

/** A running docker-machine: its output line by line (stdout and stderr), then its exit code. */
export type MachineRun = {cancel(): void};

/**
 * Runs `docker-machine <args>` and streams each output line to `onLine`; `onExit` gets the exit
 * code (or the spawn error's message). Lines are raw output: the UI sanitizes them.
 */
export function runDockerMachine(binary: string, args: string[], onLine: (line: string, stream: 'stdout' | 'stderr') => void, onExit: (code: number | undefined, error?: string) => void): MachineRun {
  const child = spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe']});
  for (const stream of ['stdout', 'stderr'] as const) {
    let rest = '';
    child[stream].setEncoding('utf8');
    child[stream].on('data', (chunk: string) => {
      const parts = (rest + chunk).split(/\r?\n|\r/);
      rest = parts.pop() ?? '';
      for (const line of parts) onLine(line, stream);
    });
    child[stream].on('end', () => rest && onLine(rest, stream));
  }
  child.on('error', (error) => onExit(undefined, error.message));
  child.on('close', (code) => onExit(code ?? undefined));
  return {cancel: () => child.kill('SIGTERM')};
}
