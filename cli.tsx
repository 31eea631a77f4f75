import React from 'react';
import {render, type Instance} from 'ink';
import meow from 'meow';
import {resolveHost, HostError} from './source/docker/hosts.js';
import {Store} from './source/store/store.js';
import {MachinesMonitor} from './source/store/machines.js';
import {envScript} from './source/docker/machines.js';
import {App, createAppMemory, type AppProps, type HandOverResult} from './source/ui/App.js';
import type {TerminalSession} from './source/docker/types.js';
import {handOverTerminal} from './source/handover.js';
import {withIncrementalFix} from './source/ui/frame-stdout.js';
import {enterFullScreen, leaveFullScreen, log, LOG_FILE} from './source/terminal.js';
import {sanitize} from './source/format/sanitize.js';
import {format} from 'node:util';

const cli = meow(
  `
  Usage
    $ whalewatch [options]

  Options
    --host, -H      Docker host: unix:///path, tcp://host:port, ssh://user@host
    --context, -c   Docker context to use (see docker context ls)
    --read-only     Refuse every action that changes anything
    --ascii         ASCII only, for consoles without Unicode glyphs (on by itself for TERM=linux)
    --print-env     On exit, print the export lines of the active host (as
                    docker-machine env does), after the terminal is given back
    --help          This text
    --version       The version

  Hosts are found as the docker CLI finds them: --host, DOCKER_HOST, --context,
  DOCKER_CONTEXT, the current context of ~/.docker/config.json, then the local socket.
  TLS for tcp:// from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.

  Keys: ? in the dashboard lists them all; q quits.
`,
  {
    importMeta: import.meta,
    // An unset flag stays undefined, so --ascii and --no-ascii can both override TERM's choice.
    booleanDefault: undefined,
    flags: {
      host: {type: 'string', shortFlag: 'H'},
      context: {type: 'string', shortFlag: 'c'},
      readOnly: {type: 'boolean', default: false},
      ascii: {type: 'boolean'},
      printEnv: {type: 'boolean', default: false},
    },
  },
);

/** Prints one line on stderr and leaves with the given code: no stack traces for people. */
function fail(message: string, code: number): never {
  leaveFullScreen();
  process.stderr.write(`whalewatch: ${sanitize(message)}\n`);
  process.exit(code);
}

let host;
try {
  host = resolveHost({host: cli.flags.host, context: cli.flags.context, env: process.env});
} catch (error) {
  if (error instanceof HostError) fail(error.message, 2);
  throw error;
}
if (!process.stdin.isTTY || !process.stdout.isTTY) fail('needs an interactive terminal (stdin and stdout)', 2);

const store = new Store({host, readOnly: cli.flags.readOnly});
const machines = new MachinesMonitor();
const memory = createAppMemory();
/** The store of the active host: the first one, or the one switched to in the Machines pane. */
const active = () => memory.store ?? store;

// Whatever way we leave, the terminal is given back first.
process.on('exit', () => leaveFullScreen());
for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
  process.on(signal, () => {
    active().stop();
    machines.stop();
    leaveFullScreen();
    process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
  });
}
const crash = (error: unknown) => {
  log(`crash: ${error instanceof Error ? error.stack : String(error)}`);
  fail(`crashed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (details in ${LOG_FILE})`, 1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// A terminal hand-over (a shell in a container, docker run -it) unmounts Ink entirely, so that
// it neither reads stdin nor draws while the process has the terminal, then renders a fresh
// App. The store keeps every list and stream meanwhile, and the App's memory keeps the pane,
// the selection and the toasts, so the dashboard comes back as it was.
memory.machines = machines;
machines.setActive(host);
// The Linux console's font has few glyphs beyond ASCII; --no-ascii keeps them anyway.
const ascii = cli.flags.ascii ?? process.env.TERM === 'linux';
const stdout = withIncrementalFix(process.stdout, {noColour: Boolean(process.env.NO_COLOR), ascii});
let app: Instance;
let handing: {session: TerminalSession; resolve(result: HandOverResult): void} | undefined;
let busy = false;
const onHandOver: NonNullable<AppProps['onHandOver']> = async (open) => {
  if (busy) throw new Error('a terminal session is already open');
  busy = true;
  try {
    // Opened while the dashboard still shows: when this fails, the App says why in a toast.
    const session = await open();
    return await new Promise<HandOverResult>((resolve) => {
      handing = {session, resolve};
      app.unmount();
    });
  } finally {
    busy = false;
  }
};
// Incremental rendering sends only the lines that changed (a frame as tall as the terminal would
// make Ink clear and redraw everything); withIncrementalFix mends Ink 6.8's cursor arithmetic.
const mount = () =>
  render(<App store={store} memory={memory} onHandOver={onHandOver} />, {stdout, incrementalRendering: true, patchConsole: false, exitOnCtrlC: false});

// Anything that prints (React's warnings above all) would write over the frame and scroll the
// screen: while the dashboard is up, the console goes to the log file.
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => log(`console.${level}: ${format(...args)}`);
}
enterFullScreen();
app = mount();
void store.start();
if (process.env.WHALEWATCH_CRASH_TEST) setTimeout(() => crash(new Error(process.env.WHALEWATCH_CRASH_TEST)), 300);
for (;;) {
  await app.waitUntilExit();
  const next = handing;
  handing = undefined;
  if (!next) break;
  const result = await handOverTerminal(next.session, {stdin: process.stdin, stdout: process.stdout, fd: 1});
  enterFullScreen();
  app = mount();
  next.resolve(result);
}
active().stop();
machines.stop();
leaveFullScreen();
if (cli.flags.printEnv) {
  // Read again: the active row's environment, or plain DOCKER_HOST for a host no source lists.
  machines.discover();
  const row = machines.getSnapshot().rows.find((r) => r.active);
  process.stdout.write(`${envScript(row?.entry.env ?? [['DOCKER_HOST', active().getSnapshot().host.url]])}\n`);
}
process.exit(0);
